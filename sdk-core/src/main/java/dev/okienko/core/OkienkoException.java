package dev.okienko.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception okienko throws. It is unchecked: an okienko call either returns an answer
 * (which may well be "invalid signature" or "address not found") or throws one of
 * {@link ClientException} (something on this side went wrong: bad input, configuration, transport) or
 * {@link ServiceException} (the remote service answered with an error).
 *
 * <p>Messages often quote what was wrong: a file name, a certificate's name, a value from a document. They
 * are made {@linkplain PrintableText printable} here, once for every okienko exception, so a hostile value
 * cannot put line breaks or terminal escape sequences into a log or onto a screen.
 */
public class OkienkoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the defect; never a secret or a whole PESEL */
    public OkienkoException(String message) {
        super(PrintableText.of(message));
    }

    /**
     * @param message what went wrong, naming the defect; never a secret or a whole PESEL
     * @param cause the underlying failure
     */
    public OkienkoException(String message, @Nullable Throwable cause) {
        super(PrintableText.of(message), cause);
    }
}
