package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code okienko outbox submit|work|status} against {@code okienko simulate}, on the embedded store. */
class OutboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void submitWorkStatus_sendsOnce_andShowsTheLetterSent() throws Exception {
        try (Cli.Simulation sim = new Cli.Simulation(dir.resolve("sim"))) {
            String store = dir.resolve("store").toString();
            Path file = Files.writeString(dir.resolve("decyzja.txt"), "Decyzja");

            Cli.Run submitted = run("outbox", "submit", "--store", store, "--nip", "5260250274", "--epuap", "/PodlaskaWKOHP/SkrytkaESP",
                    "--subject", "Decyzja GK.1.2026", "--text", "W załączeniu.", "--attach", file.toString(), "--case", "GK.1.2026",
                    "--key", "ezd-1");
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();
            String id = submitted.out().strip();
            Cli.Run again = run("outbox", "submit", "--store", store, "--nip", "5260250274", "--epuap", "/PodlaskaWKOHP/SkrytkaESP",
                    "--subject", "Decyzja GK.1.2026", "--text", "W załączeniu.", "--attach", file.toString(), "--case", "GK.1.2026",
                    "--key", "ezd-1");
            assertThat(again.out().strip()).isEqualTo(id);
            assertThat(again.err()).contains("submitted before");

            Cli.Run work = run("outbox", "work", "--store", store, "--simulator", sim.json().toString(), "--until-sent");
            assertThat(work.exitCode()).as(work.err()).isZero();

            Cli.Run status = run("outbox", "status", "--store", store, "--id", id);
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains(id, "nip:5260250274  EDELIVERY AE:PL-10609-91337-SAIBG-23  SENT",
                    "/PodlaskaWKOHP/SkrytkaESP  EPUAP /PodlaskaWKOHP/SkrytkaESP  DELIVERED", "evidence A.1 GENUINE", "UPP GENUINE");
            Cli.Run json = run("outbox", "status", "--store", store, "--json");
            assertThat(json.out()).contains("\"idempotencyKey\" : \"ezd-1\"", "\"channel\" : \"EPUAP\"");
        }
    }

    @Test
    void submit_badIdentifier_oneLineNamingTheOption() {
        Cli.Run bad = run("outbox", "submit", "--store", dir.resolve("store").toString(), "--pesel", "44051401358",
                "--subject", "x");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).startsWith("okienko outbox submit: --pesel:").doesNotContain("Exception").hasLineCount(1);
    }
}
