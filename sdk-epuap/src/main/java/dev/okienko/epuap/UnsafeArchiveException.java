package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import org.jspecify.annotations.Nullable;

/**
 * An archive was refused before anything in it was used: an entry name that escapes the archive (zip-slip:
 * absolute paths, {@code ..}), too many entries, an entry or a total too large, or a compression ratio that
 * marks a zip bomb. Nothing was written anywhere.
 */
public final class UnsafeArchiveException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is unsafe
     * @param cause the underlying failure, if any
     */
    public UnsafeArchiveException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
