package dev.okienko.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the command line in-process and captures what it printed. */
final class Cli {
    private Cli() {
    }

    /**
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OkienkoCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code okienko simulate} running in a background thread, as a vendor would start it; stopped by {@link #close}. */
    static class Simulation implements AutoCloseable {
        private final Thread thread;
        private final AtomicReference<Run> result = new AtomicReference<>();
        private final Path json;

        /**
         * Starts {@code okienko simulate --dir DIR --duration PT10M ARGS} and waits for its simulator.json.
         *
         * @param dir the simulator's folder
         * @param args more options
         */
        Simulation(Path dir, String... args) throws Exception {
            json = dir.resolve("simulator.json");
            Files.deleteIfExists(json);
            List<String> all = new ArrayList<>(List.of("simulate", "--dir", dir.toString(), "--duration", "PT10M"));
            all.addAll(List.of(args));
            thread = new Thread(() -> result.set(run(all.toArray(String[]::new))), "simulate");
            thread.start();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!Files.exists(json) && Instant.now().isBefore(deadline) && thread.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(json).as("simulate wrote simulator.json").exists();
        }

        /** @return the simulator.json it wrote */
        Path json() {
            return json;
        }

        /** @return what simulate printed and its exit code, once it stopped */
        Run result() {
            return result.get();
        }

        /** Stops it and checks it stopped cleanly. */
        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(result.get().exitCode()).isZero();
            assertThat(result.get().out()).contains("okienko simulator running", "okienko simulator stopped");
        }
    }
}
