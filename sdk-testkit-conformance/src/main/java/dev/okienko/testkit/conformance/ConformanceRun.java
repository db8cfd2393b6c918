package dev.okienko.testkit.conformance;

import dev.okienko.testkit.conformance.internal.Check;
import dev.okienko.testkit.conformance.internal.Checks;
import dev.okienko.testkit.seeded.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Runs scenarios against a system under test: each in a folder of its own, against fresh simulators (so scenarios
 * never depend on each other and may run in parallel), each step through the {@link Adapter}, then judged from what
 * the simulators observed and what the system reported.
 *
 * <pre>{@code
 * List<Result> results = ConformanceRun.builder().adapter(Adapter.command(List.of("python3", "adapter.py")))
 *         .folder(Path.of("target/conformance")).build().run();
 * Reports.write(results, Path.of("target/conformance-report"));
 * }</pre>
 */
public final class ConformanceRun {
    private final Adapter adapter;
    private final List<String> ids;
    private final Duration timeout;
    private final Path folder;
    private final int parallelism;

    private ConformanceRun(Builder b) {
        this.adapter = Objects.requireNonNull(b.adapter, "adapter");
        this.ids = List.copyOf(b.ids);
        this.timeout = b.timeout;
        this.folder = Objects.requireNonNull(b.folder, "folder");
        this.parallelism = b.parallelism;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the scenarios. A failing scenario is a result, not an exception.
     *
     * @return one result per scenario, in the catalogue's order
     * @throws IllegalArgumentException when a scenario id is unknown
     */
    public List<Result> run() {
        List<Check> checks = ids.isEmpty() ? Checks.all() : ids.stream().map(Catalogue::check).toList();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "okienko-conformance");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> running = new ArrayList<>();
            for (Check c : checks) {
                running.add(pool.submit(() -> run(c, adapter, timeout, folder.resolve(c.scenario().id()))));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : running) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("the kit failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs one scenario.
     *
     * @param id the scenario's id
     * @param adapter the system under test
     * @param timeout the most one step may take
     * @param folder the scenario's folder (made; what was in it stays)
     * @return its result
     */
    public static Result run(String id, Adapter adapter, Duration timeout, Path folder) {
        return run(Catalogue.check(id), adapter, timeout, folder);
    }

    static Result run(Check check, Adapter adapter, Duration timeout, Path folder) {
        long start = System.nanoTime();
        Session session = null;
        try (Simulation sim = check.start()) {
            session = new Session(check, sim, folder, adapter, timeout);
            @Nullable String why;
            Result.Verdict verdict;
            try {
                why = check.run(session);
                verdict = why == null ? Result.Verdict.PASSED : Result.Verdict.FAILED;
            } catch (dev.okienko.testkit.conformance.internal.StepTimedOut e) {
                why = e.getMessage();
                verdict = Result.Verdict.ERROR;
            }
            return new Result(check.scenario(), verdict, why == null ? "as the rule requires" : why, session.observations(),
                    session.events(), sim.edelivery().traffic().size() + sim.epuap().traffic().size() > 0 ? traffic(sim) : List.of(),
                    session.log(), Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception | AssertionError e) {
            return new Result(check.scenario(), Result.Verdict.ERROR, "the kit could not run the scenario: " + e,
                    session == null ? List.of() : session.observations(), session == null ? List.of() : session.events(), List.of(),
                    session == null ? "" : session.log(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static List<dev.okienko.testkit.Exchange> traffic(Simulation sim) {
        List<dev.okienko.testkit.Exchange> all = new ArrayList<>(sim.edelivery().traffic());
        all.addAll(sim.epuap().traffic());
        all.sort(java.util.Comparator.comparing(dev.okienko.testkit.Exchange::at));
        return all;
    }

    /** Settings of a run. */
    public static final class Builder {
        private @Nullable Adapter adapter;
        private List<String> ids = List.of();
        private Duration timeout = Duration.ofSeconds(120);
        private @Nullable Path folder;
        private int parallelism = 1;

        private Builder() {
        }

        /**
         * @param value the system under test
         * @return this
         */
        public Builder adapter(Adapter value) {
            this.adapter = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the scenarios to run, by id; empty for all (the default)
         * @return this
         */
        public Builder scenarios(List<String> value) {
            this.ids = List.copyOf(value);
            return this;
        }

        /**
         * @param value the most one step may take (default 120 s); a step that takes longer is killed and its
         *     scenario is an error
         * @return this
         */
        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive, not " + value);
            }
            this.timeout = value;
            return this;
        }

        /**
         * @param value where each scenario gets a folder of its own (simulator.json, task files, the system's state)
         * @return this
         */
        public Builder folder(Path value) {
            this.folder = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value how many scenarios run at once (default 1)
         * @return this
         */
        public Builder parallelism(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, not " + value);
            }
            this.parallelism = value;
            return this;
        }

        /** @return the run, not started; its folder made */
        public ConformanceRun build() {
            if (folder != null) {
                try {
                    Files.createDirectories(folder);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot make the folder " + folder + ": " + e.getMessage(), e);
                }
            }
            return new ConformanceRun(this);
        }
    }
}
