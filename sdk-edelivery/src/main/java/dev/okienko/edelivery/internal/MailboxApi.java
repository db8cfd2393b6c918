package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.ClientException;
import dev.okienko.core.ServiceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * One mailbox's end of the UA API, shared by the parts of {@code Mailbox}: its URL (ids that came from the
 * service may not climb out of it), the authenticated JSON call, and the pause between polls.
 */
public final class MailboxApi {
    /** The media type of the JSON bodies. */
    public static final MediaType APPLICATION_JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final JsonCall json;
    private final Duration pollInterval;
    private final String service;

    /**
     * @param base the mailbox's URL ({@code .../{eDeliveryAddress}})
     * @param json the authenticated call
     * @param pollInterval the pause between polls
     * @param service the API's name in errors
     */
    public MailboxApi(HttpUrl base, JsonCall json, Duration pollInterval, String service) {
        this.base = base;
        this.json = json;
        this.pollInterval = pollInterval;
        this.service = service;
    }

    /** @return the authenticated JSON call */
    public JsonCall json() {
        return json;
    }

    /** @return the API's name in errors */
    public String service() {
        return service;
    }

    /**
     * @param segments path segments under the mailbox
     * @return the URL
     * @throws ClientException for a segment that is empty, {@code .} or {@code ..}
     */
    public HttpUrl url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new ClientException("refused an id that is not one: '" + s + "'");
            }
            b.addPathSegment(s);
        }
        return b.build();
    }

    /**
     * @param url a URL of the mailbox
     * @return the JSON answer to a GET
     */
    public JsonNode get(HttpUrl url) {
        return json.get(url.uri());
    }

    /**
     * @param body a value Jackson can write
     * @return it as a JSON request body
     */
    public static RequestBody jsonBody(Object body) {
        try {
            return RequestBody.create(JsonCall.JSON.writeValueAsBytes(body), APPLICATION_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits one poll interval. */
    public void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for " + service, e);
        }
    }

    /**
     * @param t a failure
     * @return it in words for a message: a time-out, an HTTP status, or the exception
     */
    public static String describe(Throwable t) {
        if (t instanceof InterruptedIOException) {
            return "timed out: " + t.getMessage();
        }
        if (t instanceof ServiceException s) {
            return "HTTP " + s.httpStatus() + ": " + s.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
