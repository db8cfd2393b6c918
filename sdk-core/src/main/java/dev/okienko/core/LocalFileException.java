package dev.okienko.core;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A local file could not be read or written: a missing folder, no permission, a full disk, a file that vanished.
 * It is never a network failure and never {@linkplain #isRetryable() retryable} as such: repeating the same call
 * fails the same way until someone fixes the disk or the path, so a retry loop must not spin on it. Whatever the
 * remote service sent or kept is not lost by it: the message says where things stand (e.g. a downloaded file
 * kept elsewhere, a letter not yet sent).
 */
public final class LocalFileException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param message what could not be done, naming the file
     * @param file the file or folder concerned
     * @param cause the I/O failure, if any
     */
    public LocalFileException(String message, Path file, @Nullable Throwable cause) {
        super(message + (cause == null || cause.getMessage() == null ? "" : ": " + describe(cause))
                + " (a local file error, not a network failure)", cause, false);
        this.file = Objects.requireNonNull(file, "file").toString();
    }

    /** @return the file or folder concerned */
    public Path file() {
        return Path.of(file);
    }

    private static String describe(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file or folder " + cause.getMessage();
            case "AccessDeniedException" -> "access denied to " + cause.getMessage();
            case "FileAlreadyExistsException" -> "already exists: " + cause.getMessage();
            case "NotDirectoryException" -> "not a folder: " + cause.getMessage();
            default -> String.valueOf(cause.getMessage());
        };
    }
}
