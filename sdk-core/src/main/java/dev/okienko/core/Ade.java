package dev.okienko.core;

import dev.okienko.core.InvalidIdentifierException.Defect;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An e-Doręczenia electronic delivery address (ADE, <i>adres do doręczeń elektronicznych</i>) such as
 * {@code AE:PL-50419-15057-VDGUG-25}: the prefix {@code AE:}, an ISO 3166 country code, two groups of five
 * digits, five capital letters A-Z and two check digits.
 *
 * <p>The check digits are the digit sum of |sum of the ASCII codes of the five letters - (first group +
 * second group)|, written with two digits. This rule was reverse-checked against a public validator and
 * real addresses, not read in a published specification; the official API examples use addresses that
 * fail it. So {@link Validation#STRICT} (the default) checks it, and {@link Validation#LENIENT} checks the
 * shape only, for data from systems that do not.
 */
public final class Ade {
    /** How much of an address {@link #parse(String, Validation)} checks. */
    public enum Validation {
        /** Shape, a known country code, and the check digits. */
        STRICT,
        /** Shape only: any two capital letters as the country, any two digits as check digits. */
        LENIENT
    }

    private static final String FORM = "AE:CC-DDDDD-DDDDD-LLLLL-NN";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final String country;
    private final String firstGroup;
    private final String secondGroup;
    private final String letters;
    private final String checkDigits;

    private Ade(String country, String firstGroup, String secondGroup, String letters, String checkDigits) {
        this.country = country;
        this.firstGroup = firstGroup;
        this.secondGroup = secondGroup;
        this.letters = letters;
        this.checkDigits = checkDigits;
    }

    /**
     * Parses an address strictly (shape, country code, check digits).
     *
     * @param value the candidate, e.g. {@code AE:PL-50419-15057-VDGUG-25}
     * @return the address
     * @throws InvalidIdentifierException naming the defect
     */
    public static Ade parse(@Nullable String value) {
        return parse(value, Validation.STRICT);
    }

    /**
     * @param value the candidate
     * @param validation how much to check
     * @return the address
     * @throws InvalidIdentifierException naming the defect: EMPTY, CHARACTERS, SHAPE or CHECKSUM
     */
    public static Ade parse(@Nullable String value, Validation validation) {
        if (value == null || value.isEmpty()) {
            throw invalid(Defect.EMPTY, "the value is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw invalid(Defect.CHARACTERS, "whitespace or control character at position " + (i + 1)
                        + "; expected exactly " + FORM);
            }
            if (Character.isLowerCase(c)) {
                throw invalid(Defect.CHARACTERS, "lower case '" + c + "' at position " + (i + 1)
                        + "; an address is written in capitals: " + FORM);
            }
        }
        if (!value.startsWith("AE:")) {
            throw invalid(Defect.SHAPE, "\"" + value + "\" does not start with AE:; expected " + FORM);
        }
        String[] parts = value.substring(3).split("-", -1);
        if (parts.length == 4 && parts[3].length() == 5) {
            throw invalid(Defect.SHAPE, "\"" + value + "\" is missing the two check digits; expected " + FORM);
        }
        if (parts.length != 5) {
            throw invalid(Defect.SHAPE, "\"" + value + "\" has " + parts.length + " groups after AE:, expected 5: " + FORM);
        }
        String cc = parts[0];
        if (cc.length() != 2 || !isUpperAscii(cc)) {
            throw invalid(Defect.SHAPE, "the country code must be two letters A-Z, found \"" + cc + "\"");
        }
        if (!isDigits(parts[1], 5) || !isDigits(parts[2], 5)) {
            throw invalid(Defect.SHAPE, "digit groups must have 5 digits each, found \"" + parts[1] + "\" and \""
                    + parts[2] + "\"");
        }
        if (parts[3].length() != 5) {
            throw invalid(Defect.SHAPE, "the letters group must have 5 letters, found \"" + parts[3] + "\"");
        }
        if (!isUpperAscii(parts[3])) {
            throw invalid(Defect.CHARACTERS, "the letters group must be 5 letters A-Z, found \"" + parts[3] + "\"");
        }
        if (!isDigits(parts[4], 2)) {
            throw invalid(Defect.SHAPE, "the check digits must be 2 digits, found \"" + parts[4] + "\"");
        }
        if (validation == Validation.STRICT) {
            if (!COUNTRIES.contains(cc)) {
                throw invalid(Defect.SHAPE, "\"" + cc + "\" is not an ISO 3166 country code");
            }
            String expected = checkDigits(parts[1], parts[2], parts[3]);
            if (!expected.equals(parts[4])) {
                throw invalid(Defect.CHECKSUM, "the check digits of " + value + " should be " + expected
                        + ", not " + parts[4]);
            }
        }
        return new Ade(cc, parts[1], parts[2], parts[3], parts[4]);
    }

    /**
     * @param value the candidate
     * @return whether {@link #parse(String)} (strict) would accept it
     */
    public static boolean isValid(@Nullable String value) {
        return isValid(value, Validation.STRICT);
    }

    /**
     * @param value the candidate
     * @param validation how much to check
     * @return whether {@link #parse(String, Validation)} would accept it
     */
    public static boolean isValid(@Nullable String value, Validation validation) {
        try {
            parse(value, validation);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /**
     * Computes the two check digits for the given groups.
     *
     * @param firstGroup five digits
     * @param secondGroup five digits
     * @param letters five letters A-Z
     * @return the two check digits, zero-padded
     * @throws IllegalArgumentException when a group is not of its shape
     */
    public static String checkDigits(String firstGroup, String secondGroup, String letters) {
        if (!isDigits(firstGroup, 5) || !isDigits(secondGroup, 5) || letters.length() != 5 || !isUpperAscii(letters)) {
            throw new IllegalArgumentException("expected two groups of 5 digits and 5 letters A-Z");
        }
        int letterSum = letters.chars().sum();
        int difference = Math.abs(letterSum - (Integer.parseInt(firstGroup) + Integer.parseInt(secondGroup)));
        int digitSum = 0;
        for (char c : Integer.toString(difference).toCharArray()) {
            digitSum += c - '0';
        }
        return String.format("%02d", digitSum);
    }

    private static boolean isDigits(String s, int length) {
        return s.length() == length && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isUpperAscii(String s) {
        return s.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private static InvalidIdentifierException invalid(Defect defect, String detail) {
        return new InvalidIdentifierException(IdentifierType.ADE, defect, detail);
    }

    /** @return the ISO 3166 country code, {@code PL} for Polish addresses */
    public String countryCode() {
        return country;
    }

    /** @return whether the check digits match (always true for a strictly parsed address) */
    public boolean hasValidCheckDigits() {
        return checkDigits.equals(checkDigits(firstGroup, secondGroup, letters));
    }

    /** @return the address, e.g. {@code AE:PL-50419-15057-VDGUG-25} */
    public String value() {
        return "AE:" + country + "-" + firstGroup + "-" + secondGroup + "-" + letters + "-" + checkDigits;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Ade other && value().equals(other.value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    /** @return the address */
    @Override
    public String toString() {
        return value();
    }
}
