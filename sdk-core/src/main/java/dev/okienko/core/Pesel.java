package dev.okienko.core;

import dev.okienko.core.InvalidIdentifierException.Defect;
import dev.okienko.core.internal.DigitChecks;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * PESEL, the Polish personal identification number: 11 digits, the birth date (with the century coded in
 * the month), a serial number whose last digit gives the sex, and a check digit with weights 1-3-7-9.
 *
 * <p>PESEL is personal data. {@link #toString()} and every error message show it masked; use
 * {@link #value()} only where the whole number is really needed.
 */
public final class Pesel {
    private static final int[] WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

    /** The sex encoded in a PESEL (the tenth digit: odd for male, even for female). */
    public enum Sex {
        /** Even tenth digit. */
        FEMALE,
        /** Odd tenth digit. */
        MALE
    }

    private final String value;
    private final LocalDate birthDate;

    private Pesel(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /**
     * Parses and validates a PESEL: exactly 11 ASCII digits, nothing around them.
     *
     * @param value the candidate
     * @return the PESEL
     * @throws InvalidIdentifierException naming the defect: EMPTY, CHARACTERS, LENGTH, DATE or CHECKSUM
     */
    public static Pesel parse(@Nullable String value) {
        String digits = DigitChecks.requireDigits(IdentifierType.PESEL, value, false, 11);
        int year = Integer.parseInt(digits.substring(0, 2));
        int month = Integer.parseInt(digits.substring(2, 4));
        int day = Integer.parseInt(digits.substring(4, 6));
        int century = switch (month / 20) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(century + year, month % 20, day);
        } catch (DateTimeException e) {
            throw new InvalidIdentifierException(IdentifierType.PESEL, Defect.DATE,
                    "digits 1-6 do not encode a real birth date (month code " + digits.substring(2, 4)
                            + ", day " + digits.substring(4, 6) + ")");
        }
        int check = (10 - DigitChecks.weightedSum(digits, WEIGHTS) % 10) % 10;
        if (check != digits.charAt(10) - '0') {
            throw new InvalidIdentifierException(IdentifierType.PESEL, Defect.CHECKSUM,
                    "the check digit (11th) does not match the first ten digits");
        }
        return new Pesel(digits, birthDate);
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

    /** @return the whole 11-digit number: personal data, do not log it */
    public String value() {
        return value;
    }

    /** @return the birth date encoded in the number */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** @return the sex encoded in the number */
    public Sex sex() {
        return (value.charAt(9) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** @return the number with all but the last four digits replaced by {@code *}, safe for logs */
    public String masked() {
        return mask(value);
    }

    /**
     * Masks any string as a PESEL would be masked: all but the last four characters become {@code *}.
     *
     * @param pesel any string, valid PESEL or not
     * @return the masked form
     */
    public static String mask(String pesel) {
        int keep = Math.max(0, Math.min(4, pesel.length() - 7));
        return "*".repeat(pesel.length() - keep) + pesel.substring(pesel.length() - keep);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Pesel other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return the masked number, e.g. {@code *******1234}; never the whole PESEL */
    @Override
    public String toString() {
        return masked();
    }
}
