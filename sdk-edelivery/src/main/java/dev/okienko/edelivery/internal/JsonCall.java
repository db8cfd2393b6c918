package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.ClientException;
import dev.okienko.core.ServiceException;
import dev.okienko.core.internal.http.Idempotent;
import dev.okienko.core.internal.http.Tls;
import dev.okienko.edelivery.AccessToken;
import dev.okienko.edelivery.TokenProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One JSON exchange with an e-Doręczenia API: the bearer token from the {@link TokenProvider}, and on HTTP
 * 401 one more attempt with a fresh token (a refused token means the request was not processed, so even a
 * sending POST may go again). Answers are bounded in size; errors become {@link ServiceException}s carrying
 * the service's error codes ({@code SEAPI-000nn}, UA API {@code error}s) and its event id as correlation id.
 */
public final class JsonCall {
    /** The JSON mapper for requests and answers. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_ANSWER = 16 * 1024 * 1024;

    private final OkHttpClient http;
    private final TokenProvider tokens;
    private final String service;

    /**
     * @param http the HTTP client
     * @param tokens where tokens come from
     * @param service the service's name for errors, e.g. {@code "e-Doręczenia SE API"}
     */
    public JsonCall(OkHttpClient http, TokenProvider tokens, String service) {
        this.http = http;
        this.tokens = tokens;
        this.service = service;
    }

    /**
     * @param url where to POST
     * @param body the JSON body
     * @param readOnly whether the operation changes nothing (then transient failures are retried)
     * @return the answer's JSON
     */
    public JsonNode post(URI url, Object body, boolean readOnly) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
        Request.Builder b = new Request.Builder().url(url.toString()).post(RequestBody.create(json, APPLICATION_JSON));
        if (readOnly) {
            Idempotent.mark(b);
        }
        return exchange(b);
    }

    /**
     * @param url what to GET (GETs are retried on transient failures)
     * @return the answer's JSON
     */
    public JsonNode get(URI url) {
        return exchange(new Request.Builder().url(url.toString()).get());
    }

    /** Reads a successful answer. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param response a successful answer (2xx)
         * @return what it says
         * @throws IOException when reading fails
         */
        T read(Response response) throws IOException;
    }

    /**
     * One exchange: the bearer token, one more attempt with a fresh token on 401, errors as
     * {@link ServiceException}s, I/O failures as retryable {@link ClientException}s.
     *
     * @param request the request, without {@code Authorization}
     * @param reader reads a successful answer (it may stream the body)
     * @return what the reader made of it
     */
    public <T> T exchange(Request.Builder request, Reader<T> reader) {
        try {
            return call(request, reader);
        } catch (IOException e) {
            throw Tls.unreachable(service, e);
        }
    }

    /**
     * As {@link #exchange(Request.Builder, Reader)}, but I/O failures (including timeouts) come out as they are,
     * for a caller that must tell a lost answer from a refused request.
     *
     * @param request the request, without {@code Authorization}
     * @param reader reads a successful answer
     * @return what the reader made of it
     * @throws IOException when the exchange failed at the transport level
     */
    public <T> T call(Request.Builder request, Reader<T> reader) throws IOException {
        AccessToken token = tokens.token();
        for (int attempt = 1; ; attempt++) {
            try (Response response = http.newCall(request.header("Authorization", "Bearer " + token.value()).build()).execute()) {
                if (response.code() == 401 && attempt == 1) {
                    tokens.invalidate(token);
                    token = tokens.token();
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw error(response, read(response));
                }
                return reader.read(response);
            }
        }
    }

    private JsonNode exchange(Request.Builder request) {
        request.header("Accept", "application/json");
        return exchange(request, this::requireJson);
    }

    /**
     * @param response a successful answer
     * @return its JSON
     * @throws ClientException when it has none
     * @throws IOException when reading fails
     */
    public JsonNode requireJson(Response response) throws IOException {
        JsonNode answer = read(response);
        if (answer == null) {
            throw new ClientException(service + " answered HTTP " + response.code() + " without a JSON body");
        }
        return answer;
    }

    private @Nullable JsonNode read(Response response) throws IOException {
        return readJson(response, service, MAX_ANSWER);
    }

    /**
     * @param response an answer
     * @param service the service's name for errors
     * @param max the most bytes read
     * @return its JSON, or null when it has no body, or (for an error status) a body that is not JSON
     * @throws ClientException when it is larger than {@code max}, or a successful answer is not JSON
     * @throws IOException when reading fails
     */
    public static @Nullable JsonNode readJson(Response response, String service, int max) throws IOException {
        byte[] bytes;
        try (InputStream in = response.body().byteStream()) {
            bytes = in.readNBytes(max + 1);
        }
        if (bytes.length > max) {
            throw new ClientException(service + " answered more than " + max + " bytes; refused");
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            if (response.isSuccessful()) {
                throw new ClientException(service + " answered HTTP " + response.code() + " with something that is not JSON", e);
            }
            return null;
        }
    }

    /**
     * @param response an answer
     * @return its {@code Retry-After} in seconds, when it has one
     */
    public static @Nullable Duration retryAfter(Response response) {
        String header = response.header("Retry-After");
        if (header != null && header.strip().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return null;
    }

    /**
     * The SE API's {@code {httpCode, id, errorCodes[{errorCode, message}]}}, the UA API's
     * {@code [{error, error_description, messageId}]}, or an answer without a body.
     */
    private ServiceException error(Response response, @Nullable JsonNode answer) {
        List<String> codes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        String id = null;
        if (answer != null && answer.isArray()) {
            for (JsonNode e : answer) {
                if (e.path("error").isTextual()) {
                    codes.add(e.path("error").asText());
                }
                if (e.path("error_description").isTextual()) {
                    messages.add(e.path("error_description").asText()
                            + (e.path("messageId").isTextual() ? " (message " + e.path("messageId").asText() + ")" : ""));
                }
            }
        }
        if (answer != null && answer.isObject()) {
            for (JsonNode code : answer.path("errorCodes")) {
                if (code.path("errorCode").isTextual()) {
                    codes.add(code.path("errorCode").asText());
                }
                if (code.path("message").isTextual()) {
                    messages.add(code.path("message").asText());
                }
            }
            id = answer.path("id").isTextual() ? answer.path("id").asText() : null;
        }
        Duration retryAfter = retryAfter(response);
        String message = messages.isEmpty() ? (response.code() == 401 ? "refused the access token twice" : "HTTP error")
                : String.join("; ", messages);
        return new ServiceException(service, response.code(), codes, id, retryAfter, message, null);
    }
}
