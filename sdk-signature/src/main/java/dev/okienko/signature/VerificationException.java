package dev.okienko.signature;

import dev.okienko.core.ClientException;
import org.jspecify.annotations.Nullable;

/**
 * A document could not be verified at all: it is empty, not a format okienko reads (neither XML nor PDF),
 * damaged, hostile (e.g. XML with a DOCTYPE), or beyond the bounds okienko verifies safely (too deep, too many
 * elements). A signature that does not hold is not an exception: it is a
 * {@link VerificationReport} with an INVALID or INDETERMINATE verdict.
 */
public final class VerificationException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the document */
    public VerificationException(String message) {
        super(message, null);
    }

    /**
     * @param message what is wrong with the document
     * @param cause the underlying failure
     */
    public VerificationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
