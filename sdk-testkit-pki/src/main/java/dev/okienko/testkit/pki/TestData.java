package dev.okienko.testkit.pki;

import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import java.time.LocalDate;

/**
 * Valid identifiers for test data, made from their parts: the check digit is found with okienko's own
 * validators, so test data and validation can never disagree.
 */
public final class TestData {
    private TestData() {
    }

    /**
     * @param birthDate a date from 1800 to 2299
     * @param sex the sex to encode
     * @param serial 0 to 999, to tell apart people born on the same day
     * @return a valid PESEL
     */
    public static Pesel pesel(LocalDate birthDate, Pesel.Sex sex, int serial) {
        int year = birthDate.getYear();
        if (year < 1800 || year > 2299 || serial < 0 || serial > 999) {
            throw new IllegalArgumentException("PESEL encodes years 1800-2299 and serials 0-999");
        }
        int monthOffset = switch (year / 100) {
            case 18 -> 80;
            case 19 -> 0;
            case 20 -> 20;
            case 21 -> 40;
            default -> 60;
        };
        int sexDigit = (serial % 5) * 2 + (sex == Pesel.Sex.MALE ? 1 : 0);
        String first10 = String.format("%02d%02d%02d%03d%d", year % 100, birthDate.getMonthValue() + monthOffset,
                birthDate.getDayOfMonth(), serial, sexDigit);
        return Pesel.parse(withCheckDigit(first10, Pesel::isValid));
    }

    /**
     * @param prefix the first nine digits, 100000000 to 999999999; about one prefix in eleven has no NIP
     * @return the valid NIP with that prefix
     * @throws IllegalArgumentException when no NIP starts with {@code prefix}
     */
    public static Nip nip(int prefix) {
        if (prefix < 100_000_000 || prefix > 999_999_999) {
            throw new IllegalArgumentException("a NIP prefix has nine digits");
        }
        return Nip.parse(withCheckDigit(Integer.toString(prefix), Nip::isValid));
    }

    private static String withCheckDigit(String prefix, java.util.function.Predicate<String> valid) {
        for (char d = '0'; d <= '9'; d++) {
            if (valid.test(prefix + d)) {
                return prefix + d;
            }
        }
        throw new IllegalArgumentException("no check digit makes " + prefix + " valid");
    }
}
