package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reading fields of the e-Doręczenia APIs' JSON, the same way everywhere: absent or of another type is null. */
public final class JsonFields {
    private JsonFields() {
    }

    /**
     * @param node an object (any node: a missing one gives null)
     * @param field the field's name
     * @return its text when it is a string, else null
     */
    public static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    /**
     * @param node an object
     * @param field the field's name
     * @return its text when it is a non-empty string, else null
     */
    public static @Nullable String nonEmptyText(JsonNode node, String field) {
        String t = text(node, field);
        return t == null || t.isEmpty() ? null : t;
    }

    /**
     * @param node a date-time with an offset, as the APIs write them
     * @return the instant, or null when absent or unreadable
     */
    public static @Nullable Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
