package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IdCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "44051401359                | 0 | PESEL *******1359: valid",
        "44051401358                | 1 | PESEL: INVALID (checksum)",
        "123-456-32-18              | 0 | NIP 123-456-32-18: valid",
        "1234563219                 | 1 | should be 8, not 9",
        "PL1234563218               | 0 | EU VAT number PL1234563218",
        "123456785                  | 0 | REGON 123456785: valid",
        "12345678500010             | 0 | a local unit of entity 123456785",
        "0000012345                 | 0 | KRS 0000012345: valid",
        "AE:PL-50419-15057-VDGUG-25 | 0 | ADE AE:PL-50419-15057-VDGUG-25: valid",
        "AE:PL-12345-67890-ABCDE-12 | 1 | should be 25, not 12",
        "ae:pl-50419-15057-vdgug-25 | 1 | lower case",
        "/PodlaskaWKOHP/SkrytkaESP  | 0 | entity PodlaskaWKOHP, box SkrytkaESP",
        "/Urząd/Skrytka             | 1 | ePUAP box address: INVALID (characters)",
        "hello                      | 1 | does not look like any identifier",
        "12345                      | 1 | does not look like any identifier",
    })
    void id_value_saysWhatItIsAndExitsByValidity(String value, int exitCode, String expected) {
        Cli.Run r = run("id", value);

        assertThat(r.out()).contains(expected);
        assertThat(r.exitCode()).isEqualTo(exitCode);
    }

    @Test
    void id_pesel_neverPrintsWholeNumber() {
        assertThat(run("id", "44051401359").out()).doesNotContain("44051401359");
        assertThat(run("id", "44051401358").out()).doesNotContain("44051401358");
    }

    @Test
    void id_typeOption_overridesGuessCaseInsensitively() {
        Cli.Run r = run("id", "--type", "krs", "5260000005");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("KRS 5260000005: valid");
    }

    @Test
    void id_lenientAde_acceptsShapeAndSaysCheckDigitsAreWrong() {
        Cli.Run r = run("id", "--lenient", "AE:PL-12345-67890-ABCDE-12");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("check digits wrong (should be 25");
    }

    @Test
    void id_noValue_usageErrorExitTwo() {
        Cli.Run r = run("id");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'VALUE'");
    }

    @Test
    void noSubcommand_printsUsage() {
        Cli.Run r = run();

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: okienko", "id", "demo");
    }
}
