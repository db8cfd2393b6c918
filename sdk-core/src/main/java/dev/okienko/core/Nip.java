package dev.okienko.core;

import dev.okienko.core.InvalidIdentifierException.Defect;
import dev.okienko.core.internal.DigitChecks;
import org.jspecify.annotations.Nullable;

/**
 * NIP, the Polish tax identification number: 10 digits, the last a check digit (weights 6-5-7-2-3-4-5-6-7,
 * modulo 11; a remainder of 10 means no valid NIP has those first nine digits).
 *
 * <p>{@link #parse(String)} accepts the forms people write: plain digits, digits grouped with hyphens or
 * single spaces ({@code 123-456-32-18}, {@code 123-45-63-218}), and the EU VAT prefix {@code PL}.
 */
public final class Nip {
    private static final int[] WEIGHTS = {6, 5, 7, 2, 3, 4, 5, 6, 7};

    private final String value;

    private Nip(String value) {
        this.value = value;
    }

    /**
     * @param value the candidate
     * @return the NIP
     * @throws InvalidIdentifierException naming the defect: EMPTY, CHARACTERS, LENGTH, CHECKSUM or RESERVED
     */
    public static Nip parse(@Nullable String value) {
        String digits = DigitChecks.requireDigits(IdentifierType.NIP, normalise(value), true, 10);
        int remainder = DigitChecks.weightedSum(digits, WEIGHTS) % 11;
        if (remainder == 10) {
            throw new InvalidIdentifierException(IdentifierType.NIP, Defect.CHECKSUM,
                    "no NIP starts with " + digits.substring(0, 9) + " (its check digit would be 10)");
        }
        if (remainder != digits.charAt(9) - '0') {
            throw new InvalidIdentifierException(IdentifierType.NIP, Defect.CHECKSUM,
                    "the check digit of " + digits + " should be " + remainder + ", not " + digits.charAt(9));
        }
        if (DigitChecks.allZeros(digits)) {
            throw new InvalidIdentifierException(IdentifierType.NIP, Defect.RESERVED, "0000000000 is not a NIP");
        }
        return new Nip(digits);
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

    private static @Nullable String normalise(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String s = value.startsWith("PL") ? value.substring(2) : value;
        StringBuilder digits = new StringBuilder(10);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean separator = (c == '-' || c == ' ') && i > 0 && i < s.length() - 1
                    && Character.isDigit(s.charAt(i - 1)) && Character.isDigit(s.charAt(i + 1));
            if (!separator) {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /** @return the 10 digits, without separators or prefix */
    public String value() {
        return value;
    }

    /** @return the common printed form {@code 123-456-32-18} */
    public String formatted() {
        return value.substring(0, 3) + "-" + value.substring(3, 6) + "-" + value.substring(6, 8) + "-"
                + value.substring(8);
    }

    /** @return the EU VAT number form {@code PL1234563218} */
    public String vatNumber() {
        return "PL" + value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Nip other && value.equals(other.value);
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
