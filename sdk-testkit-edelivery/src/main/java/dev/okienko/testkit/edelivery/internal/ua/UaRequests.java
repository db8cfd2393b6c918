package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.okienko.testkit.edelivery.internal.UrlEncoded;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Reading the UA API's requests: JSON bodies (bounded), required fields, query parameters. */
final class UaRequests {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUEST = 64 * 1024 * 1024;

    private UaRequests() {
    }

    static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_REQUEST + 1);
        }
        if (bytes.length > MAX_REQUEST) {
            throw new UaError(413, "SIM-UA-413", "the request is over " + MAX_REQUEST + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UaError(400, "SIM-UA-400", "the request is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new UaError(400, "SIM-UA-400", "the request is not a JSON object");
        }
        return node;
    }

    static String text(JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new UaError(400, "SIM-UA-400", field + " is required");
        }
        return node.path(field).asText();
    }

    static Map<String, String> query(HttpExchange exchange) {
        return UrlEncoded.decode(exchange.getRequestURI().getRawQuery());
    }

    static int intParam(Map<String, String> q, String name, int dflt, int min, int max) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UaError(400, "SIM-UA-018", name + " must be an integer " + min + "-" + max + ", not " + v);
    }
}
