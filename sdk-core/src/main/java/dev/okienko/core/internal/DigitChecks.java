package dev.okienko.core.internal;

import dev.okienko.core.IdentifierType;
import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.InvalidIdentifierException.Defect;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Shared checks of the all-digit identifiers (PESEL, NIP, REGON, KRS). */
public final class DigitChecks {
    private DigitChecks() {
    }

    /**
     * Checks that {@code value} is a run of ASCII digits of one of the allowed lengths.
     *
     * @param type the identifier, for the error
     * @param value the candidate
     * @param echo whether the error message may repeat the value (never for PESEL)
     * @param lengths allowed lengths
     * @return {@code value}
     * @throws InvalidIdentifierException naming the defect
     */
    public static String requireDigits(IdentifierType type, @Nullable String value, boolean echo, int... lengths) {
        if (value == null || value.isBlank()) {
            throw new InvalidIdentifierException(type, Defect.EMPTY, "the value is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                String what = Character.isWhitespace(c) ? "whitespace" : "'" + printable(c) + "'";
                throw new InvalidIdentifierException(type, Defect.CHARACTERS,
                        "only digits are allowed, found " + what + " at position " + (i + 1)
                                + (echo ? " in \"" + value + "\"" : ""));
            }
        }
        for (int length : lengths) {
            if (value.length() == length) {
                return value;
            }
        }
        String expected = lengths.length == 1 ? lengths[0] + " digits"
                : Arrays.toString(lengths).replaceAll("[\\[\\]]", "").replace(", ", " or ") + " digits";
        throw new InvalidIdentifierException(type, Defect.LENGTH,
                "expected " + expected + ", found " + value.length() + (echo ? " in \"" + value + "\"" : ""));
    }

    /**
     * @param digits ASCII digits, at least as many as weights
     * @param weights the weights of the leading digits
     * @return the sum of digit times weight
     */
    public static int weightedSum(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum;
    }

    /** @return whether every character of {@code digits} is '0' */
    public static boolean allZeros(String digits) {
        return digits.chars().allMatch(c -> c == '0');
    }

    /** @return a printable rendering of {@code c} for error messages */
    public static String printable(char c) {
        return c < 0x20 || c == 0x7f || Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
