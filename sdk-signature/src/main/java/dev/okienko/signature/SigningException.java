package dev.okienko.signature;

import dev.okienko.core.ClientException;
import org.jspecify.annotations.Nullable;

/**
 * A signature could not be made or extended: the document is not of the expected kind, the key cannot
 * sign, the time-stamping authority or a revocation service could not be reached (then
 * {@link #isRetryable()} is true), or the signer's certificate cannot be taken to the requested level.
 */
public final class SigningException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public SigningException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     * @param retryable whether trying again later may help
     */
    public SigningException(String message, @Nullable Throwable cause, boolean retryable) {
        super(message, cause, retryable);
    }
}
