package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.InvalidIdentifierException.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpuapAddressTest {

    @ParameterizedTest
    @CsvSource({
        "/PodlaskaWKOHP/SkrytkaESP, PodlaskaWKOHP, SkrytkaESP",
        "/6fmmu6k2j6/skrytka, 6fmmu6k2j6, skrytka",
        "/UM_Warszawa-test.1/domyslna, UM_Warszawa-test.1, domyslna",
    })
    void parse_valid_splitsEntityAndBox(String value, String entity, String box) {
        EpuapAddress address = EpuapAddress.parse(value);

        assertThat(address.entityId()).isEqualTo(entity);
        assertThat(address.boxName()).isEqualTo(box);
        assertThat(address.value()).isEqualTo(value).isEqualTo(address.toString());
        assertThat(EpuapAddress.of(entity, box)).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource({
        "PodlaskaWKOHP/SkrytkaESP, SHAPE",
        "/PodlaskaWKOHP, SHAPE",
        "/PodlaskaWKOHP/, SHAPE",
        "//SkrytkaESP, SHAPE",
        "/a/b/c, SHAPE",
        "/Urząd/SkrytkaESP, CHARACTERS",
        "'/Urzad Miasta/SkrytkaESP', CHARACTERS",
        "'', EMPTY",
    })
    void parse_invalid_namesDefect(String value, Defect defect) {
        assertThatThrownBy(() -> EpuapAddress.parse(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.defect()).isEqualTo(defect);
                    assertThat(e.type()).isEqualTo(IdentifierType.EPUAP_ADDRESS);
                });
        assertThat(EpuapAddress.isValid(value)).isFalse();
    }

    @Test
    void parse_entityIdOfHundredChars_acceptedButNotMore() {
        assertThat(EpuapAddress.isValid("/" + "a".repeat(100) + "/skrytka")).isTrue();
        assertThatThrownBy(() -> EpuapAddress.parse("/" + "a".repeat(101) + "/skrytka"))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.defect()).isEqualTo(Defect.LENGTH))
                .hasMessageContaining("101 characters");
    }
}
