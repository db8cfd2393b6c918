package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.InvalidIdentifierException.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NipTest {

    @ParameterizedTest
    @ValueSource(strings = {"1234563218", "123-456-32-18", "123-45-63-218", "123 456 32 18", "PL1234563218"})
    void parse_commonWrittenForms_normaliseToTenDigits(String value) {
        Nip nip = Nip.parse(value);

        assertThat(nip.value()).isEqualTo("1234563218");
        assertThat(nip.formatted()).isEqualTo("123-456-32-18");
        assertThat(nip.vatNumber()).isEqualTo("PL1234563218");
        assertThat(Nip.isValid(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5260000005", "7770000005", "5250000009", "7010000005"})
    void parse_validNumbers_accepted(String value) {
        assertThat(Nip.parse(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({
        "1234563219, CHECKSUM",
        "1234567890, CHECKSUM", // weighted sum 230, remainder 10: no NIP starts 123456789
        "0000000000, RESERVED",
        "123456321, LENGTH",
        "12345632189, LENGTH",
        "12345632I8, CHARACTERS",
        "'1234563218 ', CHARACTERS",
        "'-1234563218', CHARACTERS",
        "123--456-32-18, CHARACTERS",
        "'', EMPTY",
    })
    void parse_invalid_namesDefect(String value, Defect defect) {
        assertThatThrownBy(() -> Nip.parse(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.defect()).isEqualTo(defect);
                    assertThat(e.type()).isEqualTo(IdentifierType.NIP);
                });
    }

    @Test
    void parse_remainderTen_explainsWhy() {
        assertThatThrownBy(() -> Nip.parse("1234567895")).hasMessageContaining("would be 10");
    }

    @Test
    void parse_wrongCheckDigit_saysWhichIsRight() {
        assertThatThrownBy(() -> Nip.parse("1234563219")).hasMessageContaining("should be 8");
    }

    @Test
    void parse_everyPrefix_checkDigitIsWeightedSumModEleven() {
        int[] w = {6, 5, 7, 2, 3, 4, 5, 6, 7};
        for (int prefix = 100_000_000; prefix < 1_000_000_000; prefix += 7_777_777) {
            String p = Integer.toString(prefix);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (p.charAt(i) - '0') * w[i];
            }
            int check = sum % 11;
            for (int digit = 0; digit <= 9; digit++) {
                assertThat(Nip.isValid(p + digit)).as(p + digit).isEqualTo(check == digit);
            }
        }
    }
}
