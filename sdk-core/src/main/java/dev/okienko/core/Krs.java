package dev.okienko.core;

import dev.okienko.core.InvalidIdentifierException.Defect;
import dev.okienko.core.internal.DigitChecks;
import org.jspecify.annotations.Nullable;

/**
 * KRS, the National Court Register number: exactly 10 digits, leading zeros included
 * ({@code 0000012345}); it has no check digit, so any 10 digits but all zeros are accepted.
 * Use {@link #of(long)} for the number as registers often print it, without leading zeros.
 */
public final class Krs {
    private final String value;

    private Krs(String value) {
        this.value = value;
    }

    /**
     * @param value exactly 10 ASCII digits
     * @return the KRS number
     * @throws InvalidIdentifierException naming the defect: EMPTY, CHARACTERS, LENGTH or RESERVED
     */
    public static Krs parse(@Nullable String value) {
        String digits = DigitChecks.requireDigits(IdentifierType.KRS, value, true, 10);
        if (DigitChecks.allZeros(digits)) {
            throw new InvalidIdentifierException(IdentifierType.KRS, Defect.RESERVED, "0000000000 is not a KRS number");
        }
        return new Krs(digits);
    }

    /**
     * @param number the entry number, 1 to 9999999999
     * @return the KRS number, zero-padded to 10 digits
     * @throws InvalidIdentifierException when the number is out of range
     */
    public static Krs of(long number) {
        if (number < 1 || number > 9_999_999_999L) {
            throw new InvalidIdentifierException(IdentifierType.KRS, Defect.LENGTH,
                    "a KRS number is between 1 and 9999999999, not " + number);
        }
        return new Krs(String.format("%010d", number));
    }

    /**
     * @param value the candidate
     * @return whether {@link #parse(String)} would accept it
     */
    public static boolean isValid(@Nullable String value) {
        try {
            parse(value);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** @return the 10 digits, leading zeros included */
    public String value() {
        return value;
    }

    /** @return the entry number without leading zeros */
    public long number() {
        return Long.parseLong(value);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Krs other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return the 10 digits */
    @Override
    public String toString() {
        return value;
    }
}
