package dev.okienko.testkit.conformance.internal;

import dev.okienko.testkit.conformance.Event;
import dev.okienko.testkit.conformance.Scenario;
import dev.okienko.testkit.seeded.Simulation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The catalogue's implementations, in the catalogue's order, and what they share. */
public final class Checks {
    private static final List<Check> ALL = List.copyOf(concat(EDeliveryChecks.all(), EpuapChecks.all()));

    private Checks() {
    }

    /** @return every check */
    public static List<Check> all() {
        return ALL;
    }

    private static List<Check> concat(List<Check> a, List<Check> b) {
        List<Check> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A check's steps and judgement. */
    @FunctionalInterface
    interface Body {
        @Nullable String run(Context c) throws Exception;
    }

    static Check check(Scenario scenario, Body body) {
        return check(scenario, Simulation::start, body);
    }

    static Check check(Scenario scenario, Supplier<Simulation> start, Body body) {
        return new Check() {
            @Override
            public Scenario scenario() {
                return scenario;
            }

            @Override
            public Simulation start() {
                return start.get();
            }

            @Override
            public @Nullable String run(Context c) throws Exception {
                return body.run(c);
            }
        };
    }

    static Scenario scenario(String id, String area, String title, String rule, String source, List<String> actions, String task,
                             String faults, String verdict) {
        return new Scenario(id, area, title, rule, source, actions, task, faults, verdict);
    }

    /** @return the SHA-256 of the bytes, hex */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return why a step that was to succeed did not, or null when it did */
    static @Nullable String failed(Context.Step step, String what) {
        return step.failure() == null ? null : "the system failed to " + what + ": " + step.failure();
    }

    /** @return the events' values of one field */
    static List<String> values(List<Event> events, String field) {
        return events.stream().map(e -> e.get(field)).filter(java.util.Objects::nonNull).toList();
    }
}
