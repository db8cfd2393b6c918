package dev.okienko.correspondence;

import dev.okienko.core.ClientException;

/** A letter refused at submission: nothing was stored. The message and {@link #field()} name what is wrong. */
public class InvalidLetterException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the letter's field that is wrong ({@code recipients[2]}, {@code attachments[0]}, ...)
     * @param message what is wrong with it
     */
    public InvalidLetterException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** @return the field that is wrong */
    public String field() {
        return field;
    }
}
