package dev.okienko.testkit.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.internal.Mishaps;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SE API (BAE search) over a seedable list of entries: {@code /search/bae_search},
 * {@code /search/eda-search} and {@code /search/eda-confirmation}, with a bearer token required, the contract's
 * limits checked, and errors in its shape {@code {httpCode, id, errorCodes[{errorCode, language, message}]}}.
 * {@code SEAPI-00002} ("no arguments") is the contract's own example; the simulator's other validation errors
 * carry {@code SIM-SE-nnn} codes, since the real codes for them are not published.
 */
public final class SearchEngine implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADE = Pattern.compile("AE:[A-Z]{2}-\\d{5}-\\d{5}-[A-Z]{5}-\\d{2}");

    /**
     * An entry in the simulated BAE.
     *
     * @param ade the address
     * @param status ACTIVE, CLOSED_RECOVERABLE, CLOSED_UNRECOVERABLE or STRUCK_OFF
     * @param assignmentDegree 0-3
     * @param isPublic whether the owner is a public entity
     * @param category the SE API search category
     * @param entityName the entity's name, or null
     * @param name a person's first name, or null
     * @param surname a person's surname, or null
     * @param officialIds register name (pesel, nip, regon, krs, ...) to id
     * @param city the city of the correspondence address
     */
    public record Entry(String ade, String status, int assignmentDegree, boolean isPublic, String category,
                        @Nullable String entityName, @Nullable String name, @Nullable String surname,
                        Map<String, String> officialIds, String city) {
    }

    private final TokenEndpoint tokens;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile @Nullable JsonNode lastRequest;
    private final java.util.Queue<SeError> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Queue<Mishap> mishaps = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();

    /** @param tokens which tokens are valid */
    public SearchEngine(TokenEndpoint tokens) {
        this.tokens = tokens;
    }

    /** @param entry an entry to add */
    public void add(Entry entry) {
        entries.add(entry);
    }

    /**
     * @param status the HTTP status
     * @param code the error code
     * @param message the message
     */
    public void failNext(int status, String code, String message) {
        failures.add(new SeError(status, code, message));
    }

    /** @param mishap what goes wrong with the next request, before it is processed */
    public void inject(Mishap mishap) {
        mishaps.add(mishap);
    }

    /** @return how many requests came, mishaps included */
    public int requests() {
        return requests.get();
    }

    /** @return the last request body, as it came, or null (for contract tests) */
    public @Nullable JsonNode lastRequest() {
        return lastRequest;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            Mishap mishap = mishaps.poll();
            if (mishap != null && Mishaps.play(mishap, exchange, "application/json")) {
                return;
            }
            int status = 200;
            JsonNode answer;
            try {
                if (tokens.clientOf(exchange) == null) {
                    throw new SeError(401, "SIM-SE-401", "missing, unknown or expired access token");
                }
                if (!"POST".equals(exchange.getRequestMethod())) {
                    throw new SeError(405, "SIM-SE-405", "use POST");
                }
                JsonNode request;
                try (InputStream in = exchange.getRequestBody()) {
                    byte[] bytes = in.readNBytes(1024 * 1024 + 1);
                    if (bytes.length > 1024 * 1024) {
                        throw new SeError(413, "SIM-SE-413", "the request is too large");
                    }
                    request = JSON.readTree(bytes);
                } catch (IOException e) {
                    throw new SeError(400, "SIM-SE-400", "the request is not JSON");
                }
                if (request == null || !request.isObject()) {
                    throw new SeError(400, "SIM-SE-400", "the request is not a JSON object");
                }
                lastRequest = request;
                SeError failure = failures.poll();
                if (failure != null) {
                    throw failure;
                }
                requireAde(request.path("senderEda"), "senderEda");
                String path = exchange.getRequestURI().getPath();
                answer = switch (path.substring(path.lastIndexOf('/') + 1)) {
                    case "bae_search" -> search(request);
                    case "eda-search" -> bulk(request);
                    case "eda-confirmation" -> confirm(request);
                    default -> throw new SeError(404, "SIM-SE-404", "no such operation " + path);
                };
            } catch (SeError e) {
                status = e.status;
                ObjectNode error = JSON.createObjectNode();
                error.put("httpCode", Integer.toString(e.status));
                error.put("id", UUID.randomUUID().toString());
                error.putArray("errorCodes").addObject().put("errorCode", e.code).put("language", "GB").put("message", e.getMessage());
                answer = error;
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private JsonNode search(JsonNode q) {
        int limit = q.path("limit").asInt(20);
        int page = q.path("offset").asInt(0);
        if (limit < 1 || limit > 50 || page < 0) {
            throw new SeError(400, "SIM-SE-001", "limit must be 1-50 and offset (the page number) at least 0");
        }
        if (q.path("officialIds").size() > 4 || q.path("recipientEdas").size() > 50) {
            throw new SeError(400, "SIM-SE-002", "at most 4 officialIds and 50 recipientEdas");
        }
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (matches(e, q)) {
                found.add(e);
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("baeSearchResponses");
        for (int i = page * limit; i < Math.min(found.size(), (page + 1) * limit); i++) {
            Entry e = found.get(i);
            ObjectNode r = results.addObject();
            eda(r.putObject("recipientEda"), e, true);
            ObjectNode data = r.putArray("baeSearchData").addObject();
            data.put("index", 1);
            owner(data, e);
        }
        answer.put("totalResults", found.size());
        return answer;
    }

    private boolean matches(Entry e, JsonNode q) {
        if (q.path("recipientEdasOnly").asBoolean(false)) {
            for (JsonNode ade : q.path("recipientEdas")) {
                if (ade.asText().equals(e.ade())) {
                    return true;
                }
            }
            return false;
        }
        boolean any = false;
        for (JsonNode id : q.path("officialIds")) {
            any = true;
            if (!id.path("id").asText().equals(e.officialIds().get(id.path("referenceRegistry").asText()))) {
                return false;
            }
        }
        for (String field : List.of("entityName", "name", "surname")) {
            if (q.path(field).isTextual()) {
                any = true;
                String value = field.equals("entityName") ? e.entityName() : field.equals("name") ? e.name() : e.surname();
                if (value == null || !value.toUpperCase(Locale.ROOT).contains(q.path(field).asText().toUpperCase(Locale.ROOT))) {
                    return false;
                }
            }
        }
        for (JsonNode address : q.path("address")) {
            any = true;
            if (!address.path("city").asText().equalsIgnoreCase(e.city())) {
                return false;
            }
        }
        if (!any) {
            throw new SeError(400, "SEAPI-00002", "No arguments provided to conduct searching.");
        }
        if (q.path("searchCategory").size() > 0) {
            for (JsonNode c : q.path("searchCategory")) {
                if (c.asText().equals(e.category())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private JsonNode bulk(JsonNode q) {
        JsonNode wanted = q.path("recipientEdas");
        if (!wanted.isArray() || wanted.isEmpty() || wanted.size() > 1000) {
            throw new SeError(400, "SIM-SE-003", "recipientEdas must hold 1-1000 addresses");
        }
        int limit = q.path("limit").asInt(20);
        if (limit < 1 || limit > 1000) {
            throw new SeError(400, "SIM-SE-001", "limit must be 1-1000");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("edaSearchResponses");
        int total = 0;
        for (JsonNode w : wanted) {
            requireAde(w, "recipientEdas");
            for (Entry e : entries) {
                if (e.ade().equals(w.asText())) {
                    total++;
                    if (results.size() < limit) {
                        ObjectNode r = results.addObject();
                        eda(r.putObject("recipientEda"), e, false);
                        owner(r.putObject("recipient"), e);
                    }
                }
            }
        }
        answer.put("totalResults", total);
        return answer;
    }

    private JsonNode confirm(JsonNode q) {
        requireAde(q.path("recipientEda"), "recipientEda");
        ObjectNode answer = JSON.createObjectNode();
        for (Entry e : entries) {
            if (e.ade().equals(q.path("recipientEda").asText())) {
                eda(answer.putObject("recipientEda"), e, true);
                owner(answer.putObject("recipient"), e);
            }
        }
        return answer;
    }

    private static void eda(ObjectNode node, Entry e, boolean full) {
        node.put("recipientEda", e.ade());
        if (full) {
            node.put("isMainEda", true);
            node.put("assignmentDegree", Integer.toString(e.assignmentDegree()));
        }
        node.put("edaStatus", e.status());
        node.put("designatedOperator", true);
        if (full) {
            node.put("dateOfEnteringToBAE", "2025-10-01");
        }
    }

    private static void owner(ObjectNode node, Entry e) {
        if (e.name() != null) {
            node.put("name", e.name());
        }
        if (e.surname() != null) {
            node.put("surname", e.surname());
        }
        node.put("isPublic", e.isPublic());
        if (e.entityName() != null) {
            node.put("entityName", e.entityName());
        }
        ArrayNode ids = node.putArray("officialIds");
        e.officialIds().forEach((registry, id) -> ids.addObject().put("id", id).put("referenceRegistry", registry));
    }

    private static void requireAde(JsonNode value, String field) {
        if (!value.isTextual() || !ADE.matcher(value.asText()).matches()) {
            throw new SeError(400, "SIM-SE-004", field + " must be an e-Delivery address AE:PL-DDDDD-DDDDD-LLLLL-CC");
        }
    }

    private static final class SeError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        SeError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
