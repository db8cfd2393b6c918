package dev.okienko.core;

import org.jspecify.annotations.Nullable;

/**
 * Something went wrong on the caller's side of the wire: invalid input (an identifier, a document, an XML
 * file), configuration (credentials, trust), or the transport (connection refused, timeout, TLS).
 * Subclasses say which, by meaning. {@link #isRetryable()} says whether the same call may succeed later.
 */
public class ClientException extends OkienkoException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /** @param message what is wrong, naming the defect */
    public ClientException(String message) {
        this(message, null, false);
    }

    /**
     * @param message what is wrong, naming the defect
     * @param cause the underlying failure
     */
    public ClientException(String message, @Nullable Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message what is wrong, naming the defect
     * @param cause the underlying failure
     * @param retryable whether the same call may succeed if repeated (true for transport failures)
     */
    public ClientException(String message, @Nullable Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** @return whether repeating the same call may succeed (a timeout may; a malformed document never) */
    public boolean isRetryable() {
        return retryable;
    }
}
