package dev.okienko.spring;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link OkienkoHttpObservationConvention} is given about one HTTP exchange of an okienko client: a whole
 * call ({@link Kind#CALL}, retries included) or one attempt on the wire ({@link Kind#REQUEST}). Nothing from the URL,
 * the headers or the body is held: tokens and PESEL numbers never reach a metric or a trace.
 */
public final class OkienkoHttpContext extends Observation.Context {
    /** Which of the two observations this is. */
    public enum Kind {
        /** A call as the client made it, retries included ({@value ObservedHttp#CALLS} by default). */
        CALL,
        /** One attempt on the wire ({@value ObservedHttp#REQUESTS} by default). */
        REQUEST
    }

    private final Kind kind;
    private final String client;
    private final String method;
    private String status = "NONE";
    private String outcome = "UNKNOWN";
    private int retries;
    private @Nullable String lastRetryReason;
    private @Nullable Observation observation;

    OkienkoHttpContext(Kind kind, String client, String method) {
        this.kind = kind;
        this.client = client;
        this.method = method;
    }

    /** @return a call or one attempt */
    public Kind kind() {
        return kind;
    }

    /** @return the client's name: {@code edelivery}, {@code edelivery-token}, {@code edelivery-bae}, {@code epuap} or {@code signature} */
    public String client() {
        return client;
    }

    /** @return the HTTP method */
    public String method() {
        return method;
    }

    /** @return the status code answered, {@code IO_ERROR} when none came, {@code NONE} before the end */
    public String status() {
        return status;
    }

    /** @return SUCCESS, CLIENT_ERROR, SERVER_ERROR or IO_ERROR; UNKNOWN before the end */
    public String outcome() {
        return outcome;
    }

    /** @return how many times the call was repeated by okienko's retry policy (always 0 for one attempt) */
    public int retries() {
        return retries;
    }

    /** @return why the call was last repeated (a status code or a transport failure's class name), if it was */
    public @Nullable String lastRetryReason() {
        return lastRetryReason;
    }

    void answered(int code) {
        status = Integer.toString(code);
        outcome = code >= 500 ? "SERVER_ERROR" : code >= 400 ? "CLIENT_ERROR" : "SUCCESS";
    }

    void failed() {
        status = "IO_ERROR";
        outcome = "IO_ERROR";
    }

    void observation(Observation started) {
        observation = started;
    }

    void retrying(String reason) {
        retries++;
        lastRetryReason = reason;
        Observation o = observation;
        if (o != null) {
            o.event(ObservedHttp.RETRY);
        }
    }
}
