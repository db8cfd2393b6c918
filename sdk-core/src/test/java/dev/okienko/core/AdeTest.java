package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade.Validation;
import dev.okienko.core.InvalidIdentifierException.Defect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AdeTest {

    /** The shared vectors: {@code address TAB VALID} or {@code address TAB INVALID reason}. */
    static Stream<Arguments> sharedVectors() throws IOException {
        List<String> lines = Files.readAllLines(SharedFiles.require("vectors/ade.txt"), StandardCharsets.UTF_8);
        List<Arguments> vectors = lines.stream()
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> {
                    int tab = l.lastIndexOf('\t');
                    return Arguments.of(l.substring(0, tab), l.substring(tab + 1));
                })
                .toList();
        assertThat(vectors).as("vectors in ade.txt").hasSizeGreaterThanOrEqualTo(10);
        return vectors.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("sharedVectors")
    void parse_sharedVector_matchesExpectedVerdict(String address, String expected) {
        if (expected.equals("VALID")) {
            Ade ade = Ade.parse(address);
            assertThat(ade.value()).isEqualTo(address);
            assertThat(ade.hasValidCheckDigits()).isTrue();
            return;
        }
        assertThat(expected).startsWith("INVALID ");
        String reason = expected.substring("INVALID ".length());
        Defect defect = reason.startsWith("checksum") ? Defect.CHECKSUM
                : reason.contains("lower case") || reason.contains("space") || reason.contains("A-Z") ? Defect.CHARACTERS
                : Defect.SHAPE;
        assertThatThrownBy(() -> Ade.parse(address))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.defect()).as(reason).isEqualTo(defect);
                    assertThat(e.type()).isEqualTo(IdentifierType.ADE);
                });
    }

    @Test
    void parse_officialApiExample_failsStrictButPassesLenient() {
        String example = "AE:PL-12345-67890-ABCDE-12";

        assertThatThrownBy(() -> Ade.parse(example))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("should be 25");
        Ade lenient = Ade.parse(example, Validation.LENIENT);
        assertThat(lenient.value()).isEqualTo(example);
        assertThat(lenient.hasValidCheckDigits()).isFalse();
        assertThat(Ade.isValid(example)).isFalse();
        assertThat(Ade.isValid(example, Validation.LENIENT)).isTrue();
    }

    @Test
    void checkDigits_domainExample_is25() {
        // |(86+68+71+85+71) - (50419+15057)| = 65095 -> 6+5+0+9+5 = 25
        assertThat(Ade.checkDigits("50419", "15057", "VDGUG")).isEqualTo("25");
    }

    @Test
    void checkDigits_singleDigitSum_isZeroPadded() {
        // letters AAAAA sum to 325; groups 00000 + 00335 -> |325 - 335| = 10 -> digit sum 1 -> "01"
        assertThat(Ade.checkDigits("00000", "00335", "AAAAA")).isEqualTo("01");
        assertThat(Ade.parse("AE:PL-00000-00335-AAAAA-01").hasValidCheckDigits()).isTrue();
    }

    @Test
    void parse_foreignCountryCode_acceptedWithSameRule() {
        String cc = Ade.checkDigits("50419", "15057", "VDGUG");
        Ade ade = Ade.parse("AE:DE-50419-15057-VDGUG-" + cc);

        assertThat(ade.countryCode()).isEqualTo("DE");
    }

    @ParameterizedTest
    @CsvSource({
        "AE:XX-50419-15057-VDGUG-25, SHAPE",       // not an ISO country
        "PL-50419-15057-VDGUG-25, SHAPE",           // no AE:
        "AE:PL-50419-15057-VDGUG-25-1, SHAPE",      // six groups
        "AE:PL-50419-15057-VDGU-25, SHAPE",         // four letters
        "AE:PL-50419-15057-VDGUG-2, SHAPE",         // one check digit
        "AE:PL-50419-15057-VDGÜG-25, CHARACTERS",   // non-ASCII letter
        "'AE:PL-50419-15057-VDGUG-25\n', CHARACTERS",
        "'', EMPTY",
    })
    void parse_malformed_namesDefect(String value, Defect defect) {
        assertThatThrownBy(() -> Ade.parse(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.defect()).isEqualTo(defect));
    }

    @Test
    void parse_lenient_stillChecksShape() {
        assertThatThrownBy(() -> Ade.parse("AE:PL-5041-915057-VDGUG-25", Validation.LENIENT))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("5 digits");
        assertThat(Ade.parse("AE:XX-50419-15057-VDGUG-25", Validation.LENIENT).countryCode()).isEqualTo("XX");
    }
}
