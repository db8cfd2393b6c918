package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.InvalidIdentifierException.Defect;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeselTest {

    @ParameterizedTest
    @CsvSource({
        "44051401359, 1944-05-14, MALE",
        "02070803628, 1902-07-08, FEMALE",
        "80123100001, 1980-12-31, FEMALE",
        "24123105673, 1924-12-31, MALE",
        "00810109872, 1800-01-01, MALE",   // month + 80: 19th century
        "04320100020, 2004-12-01, FEMALE", // month + 20: 21st century
        "04410100022, 2104-01-01, FEMALE", // month + 40: 22nd century
    })
    void parse_validNumber_exposesBirthDateAndSex(String value, LocalDate birthDate, Pesel.Sex sex) {
        Pesel pesel = Pesel.parse(value);

        assertThat(pesel.value()).isEqualTo(value);
        assertThat(pesel.birthDate()).isEqualTo(birthDate);
        assertThat(pesel.sex()).isEqualTo(sex);
        assertThat(Pesel.isValid(value)).isTrue();
    }

    @Test
    void parse_twentyFirstCentury_addsTwentyToMonth() {
        // 2005-03-17: month 23
        String first10 = "0523170001";
        String pesel = first10 + checkDigit(first10);

        assertThat(Pesel.parse(pesel).birthDate()).isEqualTo(LocalDate.of(2005, 3, 17));
    }

    @ParameterizedTest
    @CsvSource({
        "44051401358, CHECKSUM",
        "90022901111, DATE",      // 29 February 1990
        "02222900126, DATE",      // 29 February 2002
        "44051301359, CHECKSUM",
        "4405140135, LENGTH",
        "440514013590, LENGTH",
        "4405140135a, CHARACTERS",
        "' 44051401359', CHARACTERS",
        "'', EMPTY",
    })
    void parse_invalidNumber_namesDefect(String value, Defect defect) {
        assertThatThrownBy(() -> Pesel.parse(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.defect()).isEqualTo(defect);
                    assertThat(e.type()).isEqualTo(IdentifierType.PESEL);
                });
        assertThat(Pesel.isValid(value)).isFalse();
    }

    @Test
    void parse_null_isEmpty() {
        assertThatThrownBy(() -> Pesel.parse(null))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.defect()).isEqualTo(Defect.EMPTY));
    }

    @Test
    void parse_anyError_neverRepeatsTheNumber() {
        for (String bad : new String[] {"44051401358", "90022901111", "440514013590", "4405140135x"}) {
            assertThatThrownBy(() -> Pesel.parse(bad)).message().doesNotContain(bad).doesNotContain(bad.substring(0, 10));
        }
    }

    @Test
    void toString_masksAllButLastFourDigits() {
        Pesel pesel = Pesel.parse("44051401359");

        assertThat(pesel.toString()).isEqualTo("*******1359").doesNotContain("440514");
        assertThat(pesel.masked()).isEqualTo(pesel.toString());
    }

    @Test
    void equals_sameNumber_equal() {
        assertThat(Pesel.parse("44051401359")).isEqualTo(Pesel.parse("44051401359"))
                .hasSameHashCodeAs(Pesel.parse("44051401359"))
                .isNotEqualTo(Pesel.parse("02070803628"));
    }

    @Test
    void parse_everyDayOfSeveralCenturies_roundTripsWithComputedCheckDigit() {
        int[] years = {1850, 1900, 1999, 2000, 2024, 2150, 2299};
        for (int year : years) {
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(7)) {
                int monthCode = d.getMonthValue() + switch (year / 100) {
                    case 18 -> 80;
                    case 19 -> 0;
                    case 20 -> 20;
                    case 21 -> 40;
                    default -> 60;
                };
                String first10 = String.format("%02d%02d%02d%04d", year % 100, monthCode, d.getDayOfMonth(), d.getDayOfYear());
                Pesel pesel = Pesel.parse(first10 + checkDigit(first10));
                assertThat(pesel.birthDate()).isEqualTo(d);
            }
        }
    }

    /** The check digit computed independently of the production code: 10 - (sum mod 10), mod 10. */
    private static int checkDigit(String first10) {
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += Character.getNumericValue(first10.charAt(i)) * w[i];
        }
        return (10 - sum % 10) % 10;
    }
}
