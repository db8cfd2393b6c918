package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.testkit.pki.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code okienko simulate --keep-inboxes}: a document sent before a restart is waiting after it. */
class SimulateKeepInboxesTest {
    @TempDir
    Path dir;

    /** A running {@code okienko simulate}, stopped by {@link #close}. */
    private final class Simulate implements AutoCloseable {
        private final Thread thread;
        private final AtomicReference<Cli.Run> result = new AtomicReference<>();

        Simulate() throws Exception {
            Path json = dir.resolve("sim/simulator.json");
            Files.deleteIfExists(json);
            thread = new Thread(() -> result.set(run("simulate", "--dir", dir.resolve("sim").toString(), "--keep-inboxes",
                    "--duration", "PT10M")), "simulate");
            thread.start();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!Files.exists(json) && Instant.now().isBefore(deadline) && thread.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(json).as("simulate wrote simulator.json").exists();
        }

        @Override
        public void close() throws Exception {
            thread.interrupt();
            thread.join(10_000);
            assertThat(result.get().exitCode()).isZero();
            assertThat(result.get().out()).contains("on disk in " + dir.resolve("sim/epuap-inboxes").toAbsolutePath());
        }
    }

    @Test
    void documentSentBeforeARestart_isWaitingAfterIt() throws Exception {
        Path json = dir.resolve("sim/simulator.json");
        Path letter = Files.write(dir.resolve("pismo.xml"), TestDocuments.xmlLetter("Pismo przed restartem"));
        try (Simulate first = new Simulate()) {
            Cli.Run sent = run("epuap", "send", "--simulator", json.toString(), "--from", "UrzadGminyTestowo",
                    "--to", "/PodlaskaWKOHP/SkrytkaESP", "--reply-to", "/UrzadGminyTestowo/skrytka", letter.toString());
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(new ObjectMapper().readTree(json.toFile()).at("/epuap/inboxes").asText())
                    .isEqualTo(dir.resolve("sim/epuap-inboxes").toAbsolutePath().toString());
        }

        try (Simulate second = new Simulate()) {
            Cli.Run taken = run("epuap", "inbox", "--simulator", json.toString(), "--entity", "PodlaskaWKOHP",
                    "--box", "/PodlaskaWKOHP/SkrytkaESP", "--take", dir.resolve("in").toString());
            assertThat(taken.exitCode()).as(taken.err()).isZero();
            assertThat(taken.out()).contains("1 document(s) waiting", "took         pismo.xml");
            assertThat(Files.readAllBytes(dir.resolve("in/pismo.xml"))).isEqualTo(Files.readAllBytes(letter));
        }
    }
}
