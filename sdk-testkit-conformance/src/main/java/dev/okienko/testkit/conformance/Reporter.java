package dev.okienko.testkit.conformance;

import java.util.Map;

/** Where a {@link Driver} reports what its system did, as an adapter prints JSON lines. */
@FunctionalInterface
public interface Reporter {
    /**
     * @param event e.g. {@code sent}, {@code stored}, {@code evidence} ({@link Task} lists them)
     * @param fields its fields, e.g. {@code messageId}
     */
    void report(String event, Map<String, String> fields);
}
