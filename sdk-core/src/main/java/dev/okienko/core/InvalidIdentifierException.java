package dev.okienko.core;

import java.util.Objects;

/**
 * An identifier failed validation. {@link #type()} and {@link #defect()} say which identifier and what is
 * wrong with it, so callers can react without parsing the message; the message says the same for people.
 * The message never repeats a PESEL.
 */
public final class InvalidIdentifierException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with an identifier. */
    public enum Defect {
        /** Null, empty or blank. */
        EMPTY,
        /** The wrong number of characters or digits. */
        LENGTH,
        /** Characters that the identifier cannot contain (letters in a number, lower case, spaces). */
        CHARACTERS,
        /** The structure is wrong (missing prefix, separators in the wrong place, wrong group sizes). */
        SHAPE,
        /** The check digit(s) do not match. */
        CHECKSUM,
        /** The date encoded in the identifier (PESEL birth date) does not exist. */
        DATE,
        /** A value that passes the algorithm but is not allowed (e.g. all zeros). */
        RESERVED
    }

    private final IdentifierType type;
    private final Defect defect;

    /**
     * @param type which identifier
     * @param defect what is wrong
     * @param detail the explanation, without repeating a PESEL
     */
    public InvalidIdentifierException(IdentifierType type, Defect defect, String detail) {
        super("Invalid " + type.displayName() + ": " + detail);
        this.type = Objects.requireNonNull(type, "type");
        this.defect = Objects.requireNonNull(defect, "defect");
    }

    /** @return which identifier failed */
    public IdentifierType type() {
        return type;
    }

    /** @return what is wrong with it */
    public Defect defect() {
        return defect;
    }
}
