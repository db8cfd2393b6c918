package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.testkit.pki.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code okienko simulate --keep-inboxes}: a document sent before a restart is waiting after it. */
class SimulateKeepInboxesTest {
    @TempDir
    Path dir;

    private Cli.Simulation simulate() throws Exception {
        return new Cli.Simulation(dir.resolve("sim"), "--keep-inboxes") {
            @Override
            public void close() throws InterruptedException {
                super.close();
                assertThat(result().out()).contains("on disk in " + dir.resolve("sim/epuap-inboxes").toAbsolutePath());
            }
        };
    }

    @Test
    void documentSentBeforeARestart_isWaitingAfterIt() throws Exception {
        Path json = dir.resolve("sim/simulator.json");
        Path letter = Files.write(dir.resolve("pismo.xml"), TestDocuments.xmlLetter("Pismo przed restartem"));
        try (Cli.Simulation first = simulate()) {
            Cli.Run sent = run("epuap", "send", "--simulator", json.toString(), "--from", "UrzadGminyTestowo",
                    "--to", "/PodlaskaWKOHP/SkrytkaESP", "--reply-to", "/UrzadGminyTestowo/skrytka", letter.toString());
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(new ObjectMapper().readTree(json.toFile()).at("/epuap/inboxes").asText())
                    .isEqualTo(dir.resolve("sim/epuap-inboxes").toAbsolutePath().toString());
        }

        try (Cli.Simulation second = simulate()) {
            Cli.Run taken = run("epuap", "inbox", "--simulator", json.toString(), "--entity", "PodlaskaWKOHP",
                    "--box", "/PodlaskaWKOHP/SkrytkaESP", "--take", dir.resolve("in").toString());
            assertThat(taken.exitCode()).as(taken.err()).isZero();
            assertThat(taken.out()).contains("1 document(s) waiting", "took         pismo.xml");
            assertThat(Files.readAllBytes(dir.resolve("in/pismo.xml"))).isEqualTo(Files.readAllBytes(letter));
        }
    }
}
