package dev.okienko.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.SystemCredentials;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The system's PKCS#12 file and where its password comes from, as the explicit connection options of the
 * ePUAP and e-Doręczenia commands give them (a nested argument group), or as {@code simulator.json} does.
 */
final class SystemKeyOptions {
    @Option(names = "--p12", required = true, description = "the system's PKCS#12 file (registered with the service)")
    Path p12;
    @Option(names = "--password-env", description = "environment variable holding the PKCS#12 password")
    @Nullable String passwordEnv;
    @Option(names = "--password-file", description = "file whose first line is the PKCS#12 password")
    @Nullable Path passwordFile;

    /** @return the credentials, the password read from the file, the variable or the console */
    SystemCredentials load() {
        return SystemCredentials.fromPkcs12(p12, Passwords.read(passwordEnv, passwordFile, "PKCS#12 password: "));
    }

    /**
     * @param system a {@code system} object of simulator.json, with {@code p12} and {@code password}
     * @return its credentials
     */
    static SystemCredentials fromSimulator(JsonNode system) {
        return SystemCredentials.fromPkcs12(Path.of(system.path("p12").asText()), system.path("password").asText().toCharArray());
    }
}
