package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.InvalidIdentifierException.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegonTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456785", "000331501", "010622314", "630222129"})
    void parse_validNineDigits_isEntity(String value) {
        Regon regon = Regon.parse(value);

        assertThat(regon.value()).isEqualTo(value);
        assertThat(regon.isLocalUnit()).isFalse();
        assertThat(regon.entity()).isSameAs(regon);
    }

    @ParameterizedTest
    @CsvSource({
        "12345678500010, 123456785",
        "00033150100017, 000331501",
        "01062231400019, 010622314",
        "63022212900016, 630222129",
    })
    void parse_validFourteenDigits_isLocalUnitOfEntity(String value, String entity) {
        Regon regon = Regon.parse(value);

        assertThat(regon.isLocalUnit()).isTrue();
        assertThat(regon.entity()).isEqualTo(Regon.parse(entity));
    }

    @ParameterizedTest
    @CsvSource({
        "123456786, CHECKSUM",
        "12345678500011, CHECKSUM",
        "12345678600016, CHECKSUM", // 14-digit check fine only if the 9-digit prefix is valid too
        "000000000, RESERVED",
        "1234567850, LENGTH",
        "12345678, LENGTH",
        "12345678O, CHARACTERS",
        "'', EMPTY",
    })
    void parse_invalid_namesDefect(String value, Defect defect) {
        assertThatThrownBy(() -> Regon.parse(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.defect()).isEqualTo(defect));
        assertThat(Regon.isValid(value)).isFalse();
    }

    @Test
    void parse_fourteenDigitsWithBadEntityPart_saysSo() {
        // the entity part 123456786 is wrong; the last digit is computed for the whole 13-digit prefix
        String prefix = "1234567860001";
        String value = prefix + fourteenCheck(prefix);

        assertThatThrownBy(() -> Regon.parse(value)).hasMessageContaining("entity part");
    }

    @Test
    void parse_remainderTen_meansCheckDigitZero() {
        // find a 9-digit prefix whose weighted sum leaves remainder 10, independently of the production code
        int[] w = {8, 9, 2, 3, 4, 5, 6, 7};
        for (int n = 10_000_000; n < 10_100_000; n++) {
            String p = Integer.toString(n);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (p.charAt(i) - '0') * w[i];
            }
            if (sum % 11 == 10) {
                assertThat(Regon.isValid(p + "0")).isTrue();
                return;
            }
        }
        throw new AssertionError("no prefix with remainder 10 found");
    }

    private static int fourteenCheck(String prefix13) {
        int[] w = {2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8};
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (prefix13.charAt(i) - '0') * w[i];
        }
        return sum % 11 % 10;
    }
}
