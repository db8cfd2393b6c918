package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.InvalidIdentifierException.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrsTest {

    @Test
    void parse_tenDigits_keepsLeadingZeros() {
        Krs krs = Krs.parse("0000012345");

        assertThat(krs.value()).isEqualTo("0000012345");
        assertThat(krs.number()).isEqualTo(12345L);
        assertThat(Krs.of(12345)).isEqualTo(krs);
    }

    @ParameterizedTest
    @CsvSource({
        "12345, LENGTH",
        "00000123456, LENGTH",
        "00000l2345, CHARACTERS",
        "0000000000, RESERVED",
        "'', EMPTY",
    })
    void parse_invalid_namesDefect(String value, Defect defect) {
        assertThatThrownBy(() -> Krs.parse(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.defect()).isEqualTo(defect));
        assertThat(Krs.isValid(value)).isFalse();
    }

    @Test
    void of_outOfRange_refused() {
        assertThatThrownBy(() -> Krs.of(0)).isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> Krs.of(10_000_000_000L)).isInstanceOf(InvalidIdentifierException.class);
    }
}
