package dev.okienko.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Pesel;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TestDataTest {

    @Test
    void pesel_encodesDateSexAndSerialAcrossCenturies() {
        for (LocalDate d : new LocalDate[] {LocalDate.of(1850, 6, 30), LocalDate.of(1999, 12, 31),
                LocalDate.of(2000, 2, 29), LocalDate.of(2150, 1, 1), LocalDate.of(2299, 12, 31)}) {
            for (Pesel.Sex sex : Pesel.Sex.values()) {
                Pesel p = TestData.pesel(d, sex, 999);
                assertThat(p.birthDate()).isEqualTo(d);
                assertThat(p.sex()).isEqualTo(sex);
                assertThat(p.value().substring(6, 9)).isEqualTo("999");
            }
        }
    }

    @Test
    void pesel_outOfRange_refused() {
        assertThatThrownBy(() -> TestData.pesel(LocalDate.of(1799, 1, 1), Pesel.Sex.MALE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestData.pesel(LocalDate.of(1990, 1, 1), Pesel.Sex.MALE, 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nip_prefixWithCheckDigit() {
        assertThat(TestData.nip(123_456_321).value()).isEqualTo("1234563218");
        assertThatThrownBy(() -> TestData.nip(123_456_789)).isInstanceOf(IllegalArgumentException.class);
    }
}
