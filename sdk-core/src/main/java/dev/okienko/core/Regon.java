package dev.okienko.core;

import dev.okienko.core.InvalidIdentifierException.Defect;
import dev.okienko.core.internal.DigitChecks;
import org.jspecify.annotations.Nullable;

/**
 * REGON, the Polish statistical number: 9 digits for an entity, 14 for a local unit (the entity's 9 digits,
 * 4 digits of the unit, a check digit). Check digits are the weighted sum modulo 11, a remainder of 10
 * giving 0. A 14-digit REGON is valid only if its 9-digit prefix is valid too.
 */
public final class Regon {
    private static final int[] WEIGHTS_9 = {8, 9, 2, 3, 4, 5, 6, 7};
    private static final int[] WEIGHTS_14 = {2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8};

    private final String value;

    private Regon(String value) {
        this.value = value;
    }

    /**
     * @param value 9 or 14 ASCII digits
     * @return the REGON
     * @throws InvalidIdentifierException naming the defect: EMPTY, CHARACTERS, LENGTH, CHECKSUM or RESERVED
     */
    public static Regon parse(@Nullable String value) {
        String digits = DigitChecks.requireDigits(IdentifierType.REGON, value, true, 9, 14);
        if (DigitChecks.allZeros(digits)) {
            throw new InvalidIdentifierException(IdentifierType.REGON, Defect.RESERVED, digits + " is not a REGON");
        }
        checkDigit(digits.substring(0, 9), WEIGHTS_9, digits.length() == 14 ? "the entity part (first 9 digits) of " : "");
        if (digits.length() == 14) {
            checkDigit(digits, WEIGHTS_14, "");
        }
        return new Regon(digits);
    }

    private static void checkDigit(String digits, int[] weights, String part) {
        int expected = DigitChecks.weightedSum(digits, weights) % 11 % 10;
        char actual = digits.charAt(weights.length);
        if (expected != actual - '0') {
            throw new InvalidIdentifierException(IdentifierType.REGON, Defect.CHECKSUM,
                    "the check digit of " + part + digits + " should be " + expected + ", not " + actual);
        }
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

    /** @return the 9 or 14 digits */
    public String value() {
        return value;
    }

    /** @return whether this is a 14-digit REGON of a local unit */
    public boolean isLocalUnit() {
        return value.length() == 14;
    }

    /** @return the 9-digit REGON of the entity: itself for a 9-digit REGON, the prefix for a local unit */
    public Regon entity() {
        return isLocalUnit() ? new Regon(value.substring(0, 9)) : this;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Regon other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return the digits */
    @Override
    public String toString() {
        return value;
    }
}
