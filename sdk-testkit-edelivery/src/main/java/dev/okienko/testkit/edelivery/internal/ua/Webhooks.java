package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The mailboxes' notification subscriptions ({@code /message_subscriptions}) and the notifications POSTed to
 * them: NewMessage to the recipient, MessageCreated and NewEvidence to the sender.
 */
final class Webhooks {
    private static final List<String> CALLBACKS = List.of("messageCallbackUrl", "messageCreatedCallbackUrl",
            "archiveCreatedCallbackUrl", "evidenceCallbackUrl", "inboxCallbackUrl");

    private final Map<String, JsonNode> subscriptions = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.net.http.HttpClient callbacks = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final java.util.concurrent.atomic.AtomicInteger notificationsSent = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code PUT}, {@code GET} or {@code DELETE /{ade}/message_subscriptions}. */
    Answer handle(HttpExchange exchange, String ade, String method) throws IOException {
        switch (method) {
            case "PUT" -> {
                JsonNode body = UaRequests.body(exchange);
                ObjectNode stored = UaRequests.JSON.createObjectNode();
                for (String field : CALLBACKS) {
                    if (body.path(field).isTextual()) {
                        java.net.URI u;
                        try {
                            u = java.net.URI.create(body.path(field).asText());
                        } catch (IllegalArgumentException e) {
                            throw new UaError(400, "SIM-UA-030", field + " is not a URI");
                        }
                        if (!u.isAbsolute() || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                            throw new UaError(400, "SIM-UA-030", field + " must be an absolute http(s) URL");
                        }
                        stored.put(field, u.toString());
                    }
                }
                if (stored.isEmpty()) {
                    throw new UaError(400, "SIM-UA-030", "a subscription needs at least one callback URL");
                }
                stored.put("id", UUID.randomUUID().toString());
                subscriptions.put(ade, stored);
                return Answer.json(200, UaRequests.JSON.createObjectNode().put("subscriptionId", stored.path("id").asText()));
            }
            case "GET" -> {
                ArrayNode list = UaRequests.JSON.createArrayNode();
                JsonNode stored = subscriptions.get(ade);
                if (stored != null) {
                    for (String field : CALLBACKS) {
                        if (stored.path(field).isTextual()) {
                            list.addObject().put("id", stored.path("id").asText()).put("name", field)
                                    .put("url", stored.path(field).asText()).put("status", true);
                        }
                    }
                }
                return Answer.json(200, list);
            }
            case "DELETE" -> {
                subscriptions.remove(ade);
                return new Answer(200, new byte[0], "application/json");
            }
            default -> throw new UaError(405, "SIM-UA-405", "use PUT, GET or DELETE");
        }
    }

    /** POSTs a statement to the mailbox's subscribed URL for that callback, if any; failures are the subscriber's. */
    void notify(String ade, String callback, ObjectNode statement) {
        JsonNode stored = subscriptions.get(ade);
        if (stored == null || !stored.path(callback).isTextual()) {
            return;
        }
        try {
            java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(java.net.URI.create(stored.path(callback).asText()))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(UaRequests.JSON.writeValueAsBytes(statement))).build();
            callbacks.sendAsync(post, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .thenRun(notificationsSent::incrementAndGet);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode statement(String ade, String type) {
        ObjectNode s = UaRequests.JSON.createObjectNode().put("eDeliveryAddress", ade).put("notificationType", type);
        s.putArray("notification");
        return s;
    }

    /** @return how many notifications subscribers have taken */
    int notificationsSent() {
        return notificationsSent.get();
    }
}
