package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from outside, made safe to show: one value, one line, nothing that acts on a terminal or hides text. */
class PrintableTextTest {

    @Test
    void of_plainAndPolishText_unchanged() {
        String s = "Zofia Wójcik-Łęcka, ul. Źródlana 5 – \"cytat\" C:\\dane\\pismo.xml";

        assertThat(PrintableText.of(s)).isSameAs(s);
        assertThat(PrintableText.isPrintable(s)).isTrue();
    }

    @Test
    void of_lineBreaksAndAFakeVerdictLine_oneLine() {
        String name = "Jan\n\n  VALID  qualified signature\r\n  signed by   Prezes";

        String shown = PrintableText.of(name);

        assertThat(shown).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("Jan\\n\\n  VALID  qualified signature\\r\\n  signed by   Prezes");
    }

    @Test
    void of_escapeSequencesNulAndC1_visibleEscapes() {
        assertThat(PrintableText.of("a\u001b[2Jb\u0000c\u009b31md\u007f\tz"))
                .isEqualTo("a\\u001B[2Jb\\u0000c\\u009B31md\\u007F\\tz");
    }

    @Test
    void of_bidiOverridesAndInvisibleCharacters_visibleEscapes() {
        assertThat(PrintableText.of("faktura\u202Efdp.exe\u2066x\u200By\uFEFF\u2028"))
                .isEqualTo("faktura\\u202Efdp.exe\\u2066x\\u200By\\uFEFF\\u2028");
        assertThat(PrintableText.isPrintable("a\u202Eb")).isFalse();
    }

    @Test
    void ofMultiline_keepsLineBreaksAndTabs_neutralisesTheRest() {
        assertThat(PrintableText.ofMultiline("<p>\n\tJan\u001b[31m\u202E</p>\r\n"))
                .isEqualTo("<p>\n\tJan\\u001B[31m\\u202E</p>\r\n");
    }

    @Test
    void of_null_saysNull() {
        assertThat(PrintableText.of(null)).isEqualTo("null");
    }

    @Test
    void okienkoException_messageNeutralisedAtTheRoot() {
        ClientException e = new ClientException("cannot read \"x\u0000\n\u001b[31mOK\"", null);

        assertThat(e.getMessage()).isEqualTo("cannot read \"x\\u0000\\n\\u001B[31mOK\"");
    }
}
