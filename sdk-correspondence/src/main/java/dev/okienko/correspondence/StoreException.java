package dev.okienko.correspondence;

import dev.okienko.core.ClientException;
import org.jspecify.annotations.Nullable;

/**
 * The correspondence store failed: its database or its content folder. A local failure, never a network
 * one of the services; retryable when the database says the failure is transient.
 */
public class StoreException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the database's or the disk's failure
     * @param retryable whether the same call may succeed later
     */
    public StoreException(String message, @Nullable Throwable cause, boolean retryable) {
        super(message, cause, retryable);
    }
}
