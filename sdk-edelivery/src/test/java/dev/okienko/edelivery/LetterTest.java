package dev.okienko.edelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A letter's limits, checked before any call: recipients, text, attachments and their media types. */
class LetterTest {
    private static final Ade URZAD = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Ade KOWALSKI = Ade.parse("AE:PL-55754-97181-CHDVR-19");

    @TempDir
    Path dir;

    /** n distinct addresses with valid check digits. */
    private static List<Ade> addresses(int n) {
        List<Ade> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String first = String.format("%05d", 10000 + i);
            list.add(Ade.parse("AE:PL-" + first + "-20000-ABCDE-" + Ade.checkDigits(first, "20000", "ABCDE")));
        }
        return list;
    }

    @Test
    void builder_ordinaryLetter_keepsWhatItIsGiven() throws IOException {
        Path pdf = Files.writeString(dir.resolve("decyzja.pdf"), "%PDF-1.4");

        Letter letter = Letter.builder().to(URZAD, KOWALSKI).subject("Decyzja").text("W załączeniu decyzja.")
                .attach(pdf, "application/pdf").caseId("GK.1.2026").additionalData("sygnatura", "GK.1").build();

        assertThat(letter.recipients()).containsExactly(URZAD, KOWALSKI);
        assertThat(letter.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("decyzja.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
        });
        assertThat(letter.caseId()).isEqualTo("GK.1.2026");
        assertThat(letter.additionalData()).containsEntry("sygnatura", "GK.1");
        assertThat(letter.mass()).isFalse();
    }

    @Test
    void recipients_limits_namedInTheMessage() {
        assertThatThrownBy(() -> Letter.builder().subject("x").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a letter has 1-15 recipients, not 0 (use mass mode for more)");
        assertThatThrownBy(() -> Letter.builder().to(addresses(16)).subject("x").build())
                .hasMessage("a letter has 1-15 recipients, not 16 (use mass mode for more)");
        assertThat(Letter.builder().to(addresses(16)).subject("x").mass(true).build().recipients()).hasSize(16);
        assertThatThrownBy(() -> Letter.builder().to(addresses(1)).subject("x").mass(true).build())
                .hasMessage("a mass letter has 2-1000 recipients, not 1");
        assertThatThrownBy(() -> Letter.builder().to(URZAD, URZAD).subject("x").build())
                .hasMessageContaining("named twice");
    }

    @Test
    void subjectAndText_limits() {
        assertThatThrownBy(() -> Letter.builder().to(URZAD).subject(" ").build()).hasMessageContaining("needs a subject");
        assertThat(Letter.builder().to(URZAD).subject("x").text("a".repeat(Letter.MAX_TEXT)).build().text())
                .hasSize(Letter.MAX_TEXT);
        assertThatThrownBy(() -> Letter.builder().to(URZAD).subject("x").text("a".repeat(Letter.MAX_TEXT + 1)).build())
                .hasMessage("the text has 5001 characters; at most 5000");
    }

    @Test
    void attachment_mediaTypeChecked_noLineBreaksIntoHeaders() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "x");

        assertThat(new Letter.Attachment(file, "a.txt", "text/plain; charset=utf-8", null).contentType())
                .isEqualTo("text/plain; charset=utf-8");
        assertThatThrownBy(() -> new Letter.Attachment(file, "a.txt", "text/plain\r\nX-Evil: 1", null))
                .hasMessageContaining("is not a media type");
        assertThatThrownBy(() -> new Letter.Attachment(file, " ", "text/plain", null)).hasMessageContaining("file name");
        assertThatThrownBy(() -> Letter.builder().attach(dir.resolve("missing.pdf"), "application/pdf"))
                .hasMessageContaining("not a readable file");
    }
}
