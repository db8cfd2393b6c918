package dev.okienko.testkit.conformance;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the system under test reports it did: one JSON line on an adapter's standard output, e.g.
 * {@code {"event": "stored", "sha256": "...", "fileName": "wniosek.xml"}}.
 *
 * @param name the {@code event} field
 * @param fields the other fields, as strings
 */
public record Event(String name, Map<String, String> fields) {
    /** Copies the fields. */
    public Event {
        fields = Map.copyOf(fields);
    }

    /**
     * @param field a field's name
     * @return its value, or null
     */
    public @Nullable String get(String field) {
        return fields.get(field);
    }

    @Override
    public String toString() {
        return name + " " + new java.util.TreeMap<>(fields);
    }
}
