package dev.okienko.testkit;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One request a simulator answered, as its traffic log keeps it: what was asked and what came of it, never the
 * bodies (they may hold documents, tokens or personal data). Eleven-digit runs in the path (a PESEL) are masked.
 *
 * @param at when the request came (the machine's time)
 * @param method the HTTP method
 * @param path the path and query, PESEL-like numbers masked
 * @param operation a SOAP request's element (the Body's first child, e.g. {@code ZapytaniePullPotwierdz}), or null for
 *     REST
 * @param status the HTTP status answered; 0 when the connection was dropped
 * @param millis how long the answer took
 */
public record Exchange(Instant at, String method, String path, @Nullable String operation, int status, long millis) {
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<!\\d)\\d{7}(\\d{4})(?!\\d)");

    /** Masks the path. */
    public Exchange {
        path = ELEVEN_DIGITS.matcher(path).replaceAll("*******$1");
    }

    @Override
    public String toString() {
        return at + " " + method + " " + path + (operation == null ? "" : " " + operation) + " -> " + (status == 0 ? "dropped" : status)
                + " (" + millis + " ms)";
    }
}
