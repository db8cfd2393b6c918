package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.internal.Mishaps;
import dev.okienko.testkit.edelivery.internal.Multipart;
import dev.okienko.testkit.edelivery.internal.TokenEndpoint;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Attachment;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Draft;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * The UA API (mailboxes) of the embedded e-Doręczenia: {@code POST /{ade}/messages} answers 202 with a task that
 * finishes a moment later, delivering between the simulator's mailboxes; messages are listed and read in the
 * contract's formats (reading {@code full} or {@code fullExtended} as the recipient opens the message);
 * attachments download; evidences are issued for each step (A.1, D.1, E.1, and E.1 on presumed delivery
 * once the clock passes D.1 by the configured period), signed by the evidence issuer, listed and downloaded.
 * Errors come in the contract's shape, an array of {@code {error, error_description}}; the codes are the
 * simulator's own ({@code SIM-UA-nnn}), since the real ones are not published.
 */
public final class MailboxService implements HttpHandler {
    /** The most bytes one inline attachment may have (larger ones go through the upload endpoint). */
    public static final int MAX_INLINE_ATTACHMENT = LetterChecks.MAX_INLINE_ATTACHMENT;
    /** The most bytes one upload to a draft may have (held in memory: the simulator is for tests). */
    public static final int MAX_UPLOAD = 256 * 1024 * 1024;

    /** Signs an evidence document. */
    public interface EvidenceSigner {
        /**
         * @param xml the unsigned evidence
         * @param at the signing time
         * @return the signed evidence
         */
        byte[] sign(byte[] xml, Instant at);
    }

    private volatile java.util.function.UnaryOperator<byte[]> downloadChange = b -> b;
    private final TokenEndpoint tokens;
    private final String prefix;
    private final Webhooks webhooks = new Webhooks();
    private final MailboxState state;
    private final Queue<Mishap> before = new ConcurrentLinkedQueue<>();
    private final Queue<Mishap> afterSend = new ConcurrentLinkedQueue<>();
    private volatile @Nullable JsonNode lastSend;
    private volatile int sendRequests;

    /**
     * @param tokens which tokens are valid, and whose
     * @param clock the simulator's time
     * @param signer signs the evidences
     * @param issuerName the evidence issuer's name, as evidences give it
     * @param prefix the path the API answers under, e.g. {@code /edelivery/ua/api/v3/}
     */
    public MailboxService(TokenEndpoint tokens, Clock clock, EvidenceSigner signer, String issuerName, String prefix) {
        this.tokens = tokens;
        this.prefix = prefix;
        this.state = new MailboxState(clock, new EvidenceIssuer(signer, issuerName, webhooks), webhooks);
    }

    /** @param ade an address that gets a mailbox here */
    public void open(String ade) {
        state.open(ade);
    }

    /** @param ade an address whose mailbox closes: messages to it are refused from now on */
    public void close(String ade) {
        state.close(ade);
    }

    /** @param delay how long a sending task stays PENDING */
    public void taskDelay(Duration delay) {
        state.taskDelay(delay);
    }

    /** @param period how long after D.1 an unopened message is presumed delivered */
    public void presumedAfter(Duration period) {
        state.presumedAfter(period);
    }

    /** @param mishap what goes wrong with the next request, before it is processed */
    public void inject(Mishap mishap) {
        before.add(mishap);
    }

    /** @param mishap what goes wrong with the answer to the next send, after it was processed */
    public void injectAfterSend(Mishap mishap) {
        afterSend.add(mishap);
    }

    /** @return the last message sent ({@code POST /messages} body, or the sent draft as made), or null */
    public @Nullable JsonNode lastSend() {
        return lastSend;
    }

    /** @return how many sending requests ({@code POST /messages} and {@code POST /drafts/send}) came */
    public int sendRequests() {
        return sendRequests;
    }

    /**
     * @param ade a mailbox
     * @return how many messages it received
     */
    public long received(String ade) {
        return state.received(ade);
    }

    /** @return how many drafts are kept, in all mailboxes */
    public int drafts() {
        return state.drafts();
    }

    /** @return how many notifications subscribers have taken */
    public int notificationsSent() {
        return webhooks.notificationsSent();
    }

    /**
     * Replaces an issued evidence document, e.g. with a forged one (for tests of the client's checks).
     *
     * @param change what to do to each evidence document of the mailbox's messages
     */
    /** Changes the bytes of attachment downloads from now on; what the message declares stays. */
    public void alterDownloads(java.util.function.UnaryOperator<byte[]> change) {
        downloadChange = java.util.Objects.requireNonNull(change, "change");
    }

    /** Changes every evidence issued from now on, after it is signed. */
    public void forgeEvidences(java.util.function.UnaryOperator<byte[]> change) {
        state.forgeEvidences(change);
    }

    public void alterEvidences(java.util.function.UnaryOperator<byte[]> change) {
        state.alterEvidences(change);
    }

    /**
     * @param content bytes
     * @return their SHA3-256, base64, as the simulator expects in {@code fileMetadata.hash}
     */
    public static String sha3(byte[] content) {
        return LetterChecks.sha3(content);
    }

    /** Stops the task worker. */
    public void shutdown() {
        state.shutdown();
    }

    /** Authenticates the request (the token's system must own the mailbox), routes it, and plays injected mishaps. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Mishap mishap = before.poll();
            if (mishap != null && Mishaps.play(mishap, exchange, "application/json")) {
                return;
            }
            Answer answer;
            try {
                String client = tokens.clientOf(exchange);
                if (client == null) {
                    throw new UaError(401, "SIM-UA-401", "missing, unknown or expired access token");
                }
                List<String> path = segments(exchange);
                String ade = path.get(0);
                if (!client.startsWith(ade + ".SYSTEM.")) {
                    throw new UaError(403, "SIM-UA-403", "the token's system " + client + " does not belong to mailbox " + ade);
                }
                if (!state.isOpen(ade)) {
                    throw new UaError(404, "SIM-UA-404", "no mailbox " + ade);
                }
                state.presumeDeliveries();
                answer = route(exchange, ade, path.subList(1, path.size()));
            } catch (UaError e) {
                ArrayNode errors = UaRequests.JSON.createArrayNode();
                errors.addObject().put("error", e.code).put("error_description", e.getMessage());
                answer = new Answer(e.status, UaRequests.JSON.writeValueAsBytes(errors), "application/json");
            }
            Mishap lost = answer.sent() ? afterSend.poll() : null;
            if (lost != null && Mishaps.play(lost, exchange, "application/json")) {
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", answer.type());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private List<String> segments(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawPath();
        if (!raw.startsWith(prefix)) {
            throw new UaError(404, "SIM-UA-404", "no such path");
        }
        List<String> out = new ArrayList<>();
        for (String s : raw.substring(prefix.length()).split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        if (out.size() < 2) {
            throw new UaError(404, "SIM-UA-404", "no such path");
        }
        return out;
    }

    private Answer route(HttpExchange exchange, String ade, List<String> p) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, String> query = UaRequests.query(exchange);
        if (p.get(0).equals("messages")) {
            if (p.size() == 1 && method.equals("POST")) {
                return send(exchange, ade);
            }
            if (p.size() == 1 && method.equals("GET")) {
                return Answer.json(200, state.list(ade, query));
            }
            if (p.size() >= 3 && p.get(1).equals("tasks") && method.equals("GET")) {
                return state.task(ade, p.get(2), p.size() == 4 && p.get(3).equals("status"));
            }
            if (p.size() == 2 && method.equals("GET")) {
                return state.read(ade, p.get(1), query.getOrDefault("format", "full"));
            }
            if (p.size() == 3 && p.get(2).equals("evidences") && method.equals("GET")) {
                return Answer.json(200, state.evidences(ade, p.get(1), query));
            }
            if (p.size() == 4 && p.get(2).equals("attachments") && method.equals("GET")) {
                return Answer.json(200, Views.attachment(state.attachment(ade, p.get(1), p.get(3)), true));
            }
        }
        if (p.get(0).equals("drafts")) {
            if (p.size() == 1 && method.equals("POST")) {
                return state.draft(ade, UaRequests.body(exchange));
            }
            if (p.size() == 2 && p.get(1).equals("send") && method.equals("POST")) {
                sendRequests++;
                Draft draft = state.takeDraft(ade, UaRequests.text(UaRequests.body(exchange), "messageId"));
                lastSend = draft.message();
                return state.accept(ade, draft.message(), draft.uploads());
            }
            if (p.size() == 2 && method.equals("DELETE")) {
                return state.deleteDrafts(ade, p.get(1));
            }
        }
        if (p.size() == 3 && p.get(1).equals("attachments") && p.get(2).equals("upload") && method.equals("POST")) {
            return upload(exchange, ade, p.get(0));
        }
        if (p.get(0).equals("message_subscriptions") && p.size() == 1) {
            return webhooks.handle(exchange, ade, method);
        }
        if (p.get(0).equals("evidences") && p.size() == 3 && method.equals("GET")) {
            if (!Set.of("purde", "puh").contains(p.get(1))) {
                throw new UaError(400, "SIM-UA-011", "messageType must be purde or puh, not " + p.get(1));
            }
            return state.evidenceDocument(ade, p.get(2));
        }
        if (p.get(0).equals("attachments") && p.size() == 2 && p.get(1).equals("download") && method.equals("POST")) {
            JsonNode body = UaRequests.body(exchange);
            Attachment a = state.attachment(ade, UaRequests.text(body, "messageId"), UaRequests.text(body, "attachmentId"));
            return new Answer(200, downloadChange.apply(a.content()), "application/octet-stream");
        }
        throw new UaError(404, "SIM-UA-404", "no operation " + method + " " + String.join("/", p));
    }

    private Answer send(HttpExchange exchange, String ade) throws IOException {
        sendRequests++;
        JsonNode message = UaRequests.body(exchange);
        lastSend = message;
        return state.accept(ade, message, List.of());
    }

    /** {@code POST /{ade}/{draft}/attachments/upload}: multipart, with the file and its metadata as fields. */
    private Answer upload(HttpExchange exchange, String ade, String draftId) {
        Draft draft = state.draftOf(ade, draftId);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_UPLOAD + 64 * 1024 + 1);
        } catch (IOException e) {
            throw new UaError(400, "SIM-UA-031", "the upload could not be read: " + e.getMessage());
        }
        if (body.length > MAX_UPLOAD + 64 * 1024) {
            throw new UaError(413, "SIM-UA-413", "the upload is over " + MAX_UPLOAD + " bytes");
        }
        Map<String, Multipart.Part> form;
        try {
            form = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        } catch (IllegalArgumentException e) {
            throw new UaError(400, "SIM-UA-031", String.valueOf(e.getMessage()));
        }
        for (String required : List.of("filename", "contentType", "file")) {
            if (!form.containsKey(required)) {
                throw new UaError(400, "SIM-UA-032", "the upload lacks the form field " + required);
            }
        }
        byte[] content = java.util.Objects.requireNonNull(form.get("file")).content();
        String filename = java.util.Objects.requireNonNull(form.get("filename")).text();
        if (form.containsKey("size") && !form.get("size").text().equals(Long.toString(content.length))) {
            throw new UaError(400, "SIM-UA-010", "attachment " + filename + " has " + content.length + " bytes, not "
                    + form.get("size").text() + " as its size field says");
        }
        if (form.containsKey("alg") && !form.get("alg").text().equals("SHA-3")) {
            throw new UaError(400, "SIM-UA-033", "alg must be SHA-3, not " + form.get("alg").text());
        }
        String description = form.containsKey("description") ? form.get("description").text() : null;
        String contentType = java.util.Objects.requireNonNull(form.get("contentType")).text();
        Attachment a = new Attachment(UUID.randomUUID().toString(), 0, filename, contentType, content,
                description, LetterChecks.sha3(content));
        state.addUpload(draft, a);
        ObjectNode wrapper = UaRequests.JSON.createObjectNode().put("attachmentId", a.id());
        ObjectNode meta = wrapper.putObject("fileMetadata").put("fileId", a.id()).put("filename", a.filename())
                .put("contentType", a.contentType()).put("size", (long) content.length).put("alg", "SHA-3").put("hash", a.hash());
        if (description != null) {
            meta.put("description", description);
        }
        return Answer.json(200, wrapper);
    }
}
