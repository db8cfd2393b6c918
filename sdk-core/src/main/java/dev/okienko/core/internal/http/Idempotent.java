package dev.okienko.core.internal.http;

import okhttp3.Request;

/**
 * A request tag by which an okienko client tells the retry policy that a POST is safe to repeat (a
 * read-only SOAP call, a search). Requests without it are repeated only for idempotent HTTP methods.
 */
public final class Idempotent {
    static final Idempotent INSTANCE = new Idempotent();

    private Idempotent() {
    }

    /**
     * @param builder a request being built
     * @return the same builder, with the request marked safe to repeat
     */
    public static Request.Builder mark(Request.Builder builder) {
        return builder.tag(Idempotent.class, INSTANCE);
    }
}
