package dev.okienko.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * System credentials could not be loaded or are unusable. {@link #reason()} says why, so a setup screen
 * can tell the user what to fix; the message never contains a password or key material.
 */
public final class CredentialsException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** Why the credentials are unusable. */
    public enum Reason {
        /** The key store or the key could not be opened with the password given. */
        WRONG_PASSWORD,
        /** The key store holds no private key entry (e.g. it is a trust store). */
        NO_PRIVATE_KEY,
        /** The alias asked for is not in the key store, or is not a private key entry. */
        ALIAS_NOT_FOUND,
        /** The key store holds several private keys and no alias was given to choose one. */
        AMBIGUOUS_ALIAS,
        /** The certificate's validity ended. */
        CERTIFICATE_EXPIRED,
        /** The certificate's validity has not begun. */
        CERTIFICATE_NOT_YET_VALID,
        /** The private key does not belong to the certificate. */
        KEY_CERTIFICATE_MISMATCH,
        /** The file is missing, unreadable or not a key store of the expected type. */
        UNREADABLE
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message the explanation, without secrets
     * @param cause the underlying failure, if any
     */
    public CredentialsException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the credentials are unusable */
    public Reason reason() {
        return reason;
    }
}
