package dev.okienko.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;

/**
 * Something that goes wrong with one request to a simulator, to test how a client copes: an HTTP error, a
 * slow answer, a dropped connection, a raw (hostile or broken) answer, or a real answer altered before it is
 * signed.
 *
 * @param status an HTTP status to answer with instead of processing the request (0 for none)
 * @param delayMillis how long to wait before answering
 * @param drop whether to close the connection without answering
 * @param raw bytes to answer with instead of a real, signed answer, or null
 * @param alter a change made to the real answer before it is signed, or null
 * @param retryAfter the {@code Retry-After} a status answer carries, or null
 * @param answerDelayMillis how long the answer waits after the request was processed (the client sees nothing yet,
 *     though the service has done it: the window a crash scenario kills the client in)
 */
public record Mishap(int status, long delayMillis, boolean drop, byte @Nullable [] raw,
                     @Nullable Consumer<Document> alter, @Nullable Duration retryAfter, long answerDelayMillis) {

    /**
     * A mishap with neither {@code Retry-After} nor a delayed answer.
     *
     * @param status an HTTP status to answer with instead of processing the request (0 for none)
     * @param delayMillis how long to wait before answering
     * @param drop whether to close the connection without answering
     * @param raw bytes to answer with instead of a real, signed answer, or null
     * @param alter a change made to the real answer before it is signed, or null
     * @param retryAfter the {@code Retry-After} a status answer carries, or null
     */
    public Mishap(int status, long delayMillis, boolean drop, byte @Nullable [] raw, @Nullable Consumer<Document> alter,
                  @Nullable Duration retryAfter) {
        this(status, delayMillis, drop, raw, alter, retryAfter, 0);
    }

    /**
     * @param delay how long the answer waits after the request was processed
     * @return a mishap that processes the request at once and holds its answer back (so far for ePUAP's operations)
     */
    public static Mishap delayAnswer(Duration delay) {
        return new Mishap(0, 0, false, null, null, null, delay.toMillis());
    }

    /**
     * A mishap without {@code Retry-After}.
     *
     * @param status an HTTP status to answer with instead of processing the request (0 for none)
     * @param delayMillis how long to wait before answering
     * @param drop whether to close the connection without answering
     * @param raw bytes to answer with instead of a real, signed answer, or null
     * @param alter a change made to the real answer before it is signed, or null
     */
    public Mishap(int status, long delayMillis, boolean drop, byte @Nullable [] raw, @Nullable Consumer<Document> alter) {
        this(status, delayMillis, drop, raw, alter, null);
    }

    /**
     * @param httpStatus e.g. 503 or 429
     * @param retryAfter when the client may try again, sent as {@code Retry-After} in whole seconds
     * @return a mishap that answers with that status and header, processing nothing
     */
    public static Mishap status(int httpStatus, Duration retryAfter) {
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("Retry-After cannot be negative: " + retryAfter);
        }
        return new Mishap(httpStatus, 0, false, null, null, retryAfter);
    }

    /**
     * @param httpStatus e.g. 503
     * @return a mishap that answers with that status, processing nothing
     */
    public static Mishap status(int httpStatus) {
        return new Mishap(httpStatus, 0, false, null, null);
    }

    /**
     * @param delay how long to wait before processing and answering normally
     * @return the mishap
     */
    public static Mishap delay(Duration delay) {
        return new Mishap(0, delay.toMillis(), false, null, null);
    }

    /** @return a mishap that reads the request and closes the connection without a word */
    public static Mishap dropConnection() {
        return new Mishap(0, 0, true, null, null);
    }

    /**
     * @param body what to answer with, as it is (unsigned) and chunked (without a Content-Length), processing nothing
     * @return the mishap
     */
    public static Mishap rawAnswer(byte[] body) {
        return new Mishap(0, 0, false, Objects.requireNonNull(body, "body").clone(), null);
    }

    /**
     * @param change what to change in the real answer before the simulator signs it
     * @return the mishap
     */
    public static Mishap alterAnswer(Consumer<Document> change) {
        return new Mishap(0, 0, false, null, Objects.requireNonNull(change, "change"));
    }
}
