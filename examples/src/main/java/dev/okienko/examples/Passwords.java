package dev.okienko.examples;

import dev.okienko.core.ClientException;
import java.io.Console;
import org.jspecify.annotations.Nullable;

/**
 * Where the command line gets passwords: an environment variable, a file (its first line), or the console;
 * never an argument, which other users of the machine could see.
 */
final class Passwords {
    private Passwords() {
    }

    static char[] read(@Nullable String environmentVariable, java.nio.file.@Nullable Path file, String prompt) {
        if (file != null) {
            try {
                java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
                if (lines.isEmpty()) {
                    throw new ClientException("the password file " + file + " is empty");
                }
                return lines.get(0).toCharArray();
            } catch (java.io.IOException e) {
                throw new ClientException("cannot read the password file " + file + ": " + e.getMessage(), e);
            }
        }
        if (environmentVariable != null) {
            String value = System.getenv(environmentVariable);
            if (value == null) {
                throw new ClientException("the environment variable " + environmentVariable + " is not set");
            }
            return value.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new ClientException("no terminal to ask for the password on; use --password-env VAR");
        }
        char[] password = console.readPassword("%s", prompt);
        if (password == null) {
            throw new ClientException("no password given");
        }
        return password;
    }
}
