package dev.okienko.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.okienko.edelivery.EvidenceCode;
import dev.okienko.edelivery.MessageStatus;
import dev.okienko.testkit.Mishap;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
    public static final int MAX_INLINE_ATTACHMENT = 15 * 1024 * 1024;
    private static final int MAX_REQUEST = 64 * 1024 * 1024;
    /** The most bytes one upload to a draft may have (held in memory: the simulator is for tests). */
    public static final int MAX_UPLOAD = 256 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADE = Pattern.compile("AE:[A-Z]{2}-\\d{5}-\\d{5}-[A-Z]{5}-\\d{2}");

    /** Signs an evidence document. */
    public interface EvidenceSigner {
        /**
         * @param xml the unsigned evidence
         * @param at the signing time
         * @return the signed evidence
         */
        byte[] sign(byte[] xml, Instant at);
    }

    private static final class UaError extends RuntimeException {
        private final int status;
        private final String code;

        UaError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private record Attachment(String id, int order, String filename, String contentType, byte[] content,
                              @Nullable String description, String hash) {
    }

    /** One issued evidence. */
    private record Issued(String id, EvidenceCode code, String messageId, Instant at, byte[] xml,
                          @Nullable String reason) {
    }

    private static final class Message {
        final String id;
        final String threadId;
        final String taskId;
        final String from;
        final String to;
        final JsonNode metadata;
        final @Nullable String text;
        final List<Attachment> attachments;
        final Instant timestamp;
        MessageStatus status = MessageStatus.W_TRAKCIE_WERYFIKACJI;
        boolean opened;
        @Nullable Instant submitted;
        @Nullable Instant consigned;
        @Nullable Instant received;
        final List<Issued> evidences = new ArrayList<>();
        final Set<String> downloaded = new java.util.HashSet<>();

        Message(String id, String threadId, String taskId, String from, String to, JsonNode metadata, @Nullable String text,
                List<Attachment> attachments, Instant timestamp) {
            this.id = id;
            this.threadId = threadId;
            this.taskId = taskId;
            this.from = from;
            this.to = to;
            this.metadata = metadata;
            this.text = text;
            this.attachments = attachments;
            this.timestamp = timestamp;
        }
    }

    /** A draft: the message as made, and the attachments uploaded to it since. */
    private record Draft(String id, String ade, JsonNode message, List<Attachment> uploads) {
    }

    private record Recipient(@Nullable String ade, @Nullable String messageId, @Nullable String error, @Nullable String description) {
    }

    private static final class Task {
        final String id;
        final String sender;
        volatile boolean finished;
        final List<Recipient> results = new ArrayList<>();

        Task(String id, String sender) {
            this.id = id;
            this.sender = sender;
        }
    }

    private final TokenEndpoint tokens;
    private final Clock clock;
    private final EvidenceSigner signer;
    private final String issuerName;
    private final String prefix;
    private final Set<String> mailboxes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final Queue<Mishap> before = new ConcurrentLinkedQueue<>();
    private final Queue<Mishap> afterSend = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "okienko-edelivery-tasks");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration taskDelay = Duration.ofMillis(150);
    private volatile Duration presumedAfter = Duration.ofDays(14);
    private final Map<String, JsonNode> subscriptions = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.net.http.HttpClient callbacks = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final java.util.concurrent.atomic.AtomicInteger notificationsSent = new java.util.concurrent.atomic.AtomicInteger();
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
        this.clock = clock;
        this.signer = signer;
        this.issuerName = issuerName;
        this.prefix = prefix;
    }

    /** @param ade an address that gets a mailbox here */
    public void open(String ade) {
        mailboxes.add(ade);
    }

    /** @param ade an address whose mailbox closes: messages to it are refused from now on */
    public void close(String ade) {
        mailboxes.remove(ade);
    }

    /** @param delay how long a sending task stays PENDING */
    public void taskDelay(Duration delay) {
        this.taskDelay = delay;
    }

    /** @param period how long after D.1 an unopened message is presumed delivered */
    public void presumedAfter(Duration period) {
        this.presumedAfter = period;
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
    public synchronized long received(String ade) {
        return messages.values().stream().filter(m -> m.to.equals(ade)).count();
    }

    /** Stops the task worker. */
    public void shutdown() {
        worker.shutdownNow();
    }

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
                if (!mailboxes.contains(ade)) {
                    throw new UaError(404, "SIM-UA-404", "no mailbox " + ade);
                }
                presumeDeliveries();
                answer = route(exchange, ade, path.subList(1, path.size()));
            } catch (UaError e) {
                ArrayNode errors = JSON.createArrayNode();
                errors.addObject().put("error", e.code).put("error_description", e.getMessage());
                answer = new Answer(e.status, JSON.writeValueAsBytes(errors), "application/json");
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

    private record Answer(int status, byte[] body, String type, boolean sent) {
        Answer(int status, byte[] body, String type) {
            this(status, body, type, false);
        }

        static Answer json(int status, JsonNode node) {
            try {
                return new Answer(status, JSON.writeValueAsBytes(node), "application/json");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
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
        Map<String, String> query = query(exchange);
        if (p.get(0).equals("messages")) {
            if (p.size() == 1 && method.equals("POST")) {
                return send(exchange, ade);
            }
            if (p.size() == 1 && method.equals("GET")) {
                return Answer.json(200, list(ade, query));
            }
            if (p.size() >= 3 && p.get(1).equals("tasks") && method.equals("GET")) {
                return task(ade, p.get(2), p.size() == 4 && p.get(3).equals("status"));
            }
            if (p.size() == 2 && method.equals("GET")) {
                return read(ade, p.get(1), query.getOrDefault("format", "full"));
            }
            if (p.size() == 3 && p.get(2).equals("evidences") && method.equals("GET")) {
                return Answer.json(200, evidences(ade, p.get(1), query));
            }
            if (p.size() == 4 && p.get(2).equals("attachments") && method.equals("GET")) {
                Attachment a = attachment(ade, p.get(1), p.get(3));
                ObjectNode node = attachmentNode(a, true);
                return Answer.json(200, node);
            }
        }
        if (p.get(0).equals("drafts")) {
            if (p.size() == 1 && method.equals("POST")) {
                return draft(exchange, ade);
            }
            if (p.size() == 2 && p.get(1).equals("send") && method.equals("POST")) {
                sendRequests++;
                return sendDraft(ade, text(body(exchange), "messageId"));
            }
            if (p.size() == 2 && method.equals("DELETE")) {
                return deleteDrafts(ade, p.get(1));
            }
        }
        if (p.size() == 3 && p.get(1).equals("attachments") && p.get(2).equals("upload") && method.equals("POST")) {
            return upload(exchange, ade, p.get(0));
        }
        if (p.get(0).equals("message_subscriptions") && p.size() == 1) {
            return subscription(exchange, ade, method);
        }
        if (p.get(0).equals("evidences") && p.size() == 3 && method.equals("GET")) {
            if (!Set.of("purde", "puh").contains(p.get(1))) {
                throw new UaError(400, "SIM-UA-011", "messageType must be purde or puh, not " + p.get(1));
            }
            return evidenceDocument(ade, p.get(2));
        }
        if (p.get(0).equals("attachments") && p.size() == 2 && p.get(1).equals("download") && method.equals("POST")) {
            JsonNode body = body(exchange);
            Attachment a = attachment(ade, text(body, "messageId"), text(body, "attachmentId"));
            return new Answer(200, a.content(), "application/octet-stream");
        }
        throw new UaError(404, "SIM-UA-404", "no operation " + method + " " + String.join("/", p));
    }

    // ------------------------------------------------------------------ sending

    private Answer send(HttpExchange exchange, String ade) throws IOException {
        sendRequests++;
        JsonNode message = body(exchange);
        return accept(ade, message, List.of());
    }

    /** Checks a message and starts its task; uploaded attachments follow the inline ones. */
    private Answer accept(String ade, JsonNode message, List<Attachment> uploaded) throws IOException {
        lastSend = message;
        Checked checked = check(ade, message);
        List<Attachment> attachments = checked.attachments();
        for (Attachment a : uploaded) {
            attachments.add(new Attachment(a.id(), attachments.size() + 1, a.filename(), a.contentType(), a.content(),
                    a.description(), a.hash()));
        }
        JsonNode meta = message.path("messageMetadata");
        List<String> to = checked.to();
        String text = checked.text();
        String taskId = UUID.randomUUID().toString();
        Task task = new Task(taskId, ade);
        String threadId = meta.path("threadId").asText(UUID.randomUUID().toString());
        Instant now = clock.instant();
        synchronized (this) {
            tasks.put(taskId, task);
        }
        worker.schedule(() -> process(task, to, meta, text, attachments, threadId, now), taskDelay.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode answer = JSON.createObjectNode().put("messageTaskId", taskId);
        return new Answer(202, JSON.writeValueAsBytes(answer), "application/json", true);
    }

    /**
     * A message that passed the checks.
     *
     * @param to its recipients' addresses (none for a hybrid letter)
     * @param text its text, or null
     * @param attachments its inline attachments, in order (a list to add uploaded ones to)
     */
    private record Checked(List<String> to, @Nullable String text, List<Attachment> attachments) {
    }

    /** Checks a message as sending or making a draft does. */
    private Checked check(String ade, JsonNode message) {
        JsonNode meta = message.path("messageMetadata");
        if (!meta.isObject()) {
            throw new UaError(400, "SIM-UA-001", "messageMetadata is required");
        }
        String service = meta.path("shippingService").asText("");
        if (!service.equals("electronic") && !service.equals("hybrid")) {
            throw new UaError(400, "SIM-UA-002", "messageMetadata.shippingService must be electronic or hybrid");
        }
        String from = meta.path("from").path("eDeliveryAddress").asText(ade);
        if (!from.equals(ade)) {
            throw new UaError(400, "SIM-UA-003", "messageMetadata.from is " + from + ", not this mailbox " + ade);
        }
        String subject = meta.path("subject").asText("");
        if (subject.isBlank()) {
            throw new UaError(400, "SIM-UA-004", "messageMetadata.subject is required");
        }
        boolean mass = message.path("messageControlData").path("massMessage").asBoolean(false);
        boolean hybrid = service.equals("hybrid");
        List<String> to = new ArrayList<>();
        if (hybrid) {
            checkHybrid(meta);
        }
        for (JsonNode r : hybrid ? JSON.createArrayNode() : meta.path("to")) {
            String address = r.path("eDeliveryAddress").asText("");
            if (!ADE.matcher(address).matches()) {
                throw new UaError(400, "SIM-UA-005", "a recipient's eDeliveryAddress is not an e-Delivery address: " + address);
            }
            to.add(address);
        }
        int max = mass ? 1000 : 15;
        int min = mass ? 2 : 1;
        if (!hybrid && (to.size() < min || to.size() > max)) {
            throw new UaError(400, "SIM-UA-006", (mass ? "a mass message has 2-1000" : "a message has 1-15")
                    + " recipients, not " + to.size());
        }
        String text = message.path("textBody").isTextual() ? message.path("textBody").asText() : null;
        if (text != null && text.length() > 5000) {
            throw new UaError(400, "SIM-UA-007", "textBody has " + text.length() + " characters; at most 5000");
        }
        List<Attachment> attachments = new ArrayList<>();
        int order = 1;
        for (JsonNode a : message.path("attachments")) {
            attachments.add(inline(a, order++));
        }
        return new Checked(to, text, attachments);
    }

    // ------------------------------------------------------------------ drafts

    private Answer draft(HttpExchange exchange, String ade) throws IOException {
        JsonNode message = body(exchange);
        check(ade, message);
        Draft draft = new Draft(UUID.randomUUID().toString(), ade, message, new ArrayList<>());
        synchronized (this) {
            drafts.put(draft.id(), draft);
        }
        return Answer.json(200, JSON.createObjectNode().put("messageId", draft.id()));
    }

    private synchronized Draft draftOf(String ade, String id) {
        Draft draft = drafts.get(id);
        if (draft == null || !draft.ade().equals(ade)) {
            throw new UaError(404, "SIM-UA-030", "no draft " + id + " in mailbox " + ade);
        }
        return draft;
    }

    /** {@code POST /{ade}/{draft}/attachments/upload}: multipart, with the file and its metadata as fields. */
    private Answer upload(HttpExchange exchange, String ade, String draftId) {
        Draft draft = draftOf(ade, draftId);
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
            throw new UaError(400, "SIM-UA-031", e.getMessage());
        }
        for (String required : List.of("filename", "contentType", "file")) {
            if (!form.containsKey(required)) {
                throw new UaError(400, "SIM-UA-032", "the upload lacks the form field " + required);
            }
        }
        byte[] content = form.get("file").content();
        String filename = form.get("filename").text();
        if (form.containsKey("size") && !form.get("size").text().equals(Long.toString(content.length))) {
            throw new UaError(400, "SIM-UA-010", "attachment " + filename + " has " + content.length + " bytes, not "
                    + form.get("size").text() + " as its size field says");
        }
        if (form.containsKey("alg") && !form.get("alg").text().equals("SHA-3")) {
            throw new UaError(400, "SIM-UA-033", "alg must be SHA-3, not " + form.get("alg").text());
        }
        String description = form.containsKey("description") ? form.get("description").text() : null;
        Attachment a = new Attachment(UUID.randomUUID().toString(), 0, filename, form.get("contentType").text(), content,
                description, sha3(content));
        synchronized (this) {
            draft.uploads().add(a);
        }
        ObjectNode wrapper = JSON.createObjectNode().put("attachmentId", a.id());
        ObjectNode meta = wrapper.putObject("fileMetadata").put("fileId", a.id()).put("filename", a.filename())
                .put("contentType", a.contentType()).put("size", (long) content.length).put("alg", "SHA-3").put("hash", a.hash());
        if (description != null) {
            meta.put("description", description);
        }
        return Answer.json(200, wrapper);
    }

    private Answer sendDraft(String ade, String id) throws IOException {
        Draft draft;
        synchronized (this) {
            draft = draftOf(ade, id);
            drafts.remove(id);
        }
        return accept(ade, draft.message(), draft.uploads());
    }

    /** {@code DELETE /{ade}/drafts/{messageId}}: the contract types the id as an array (comma-separated). */
    private synchronized Answer deleteDrafts(String ade, String ids) {
        ArrayNode deleted = JSON.createArrayNode();
        for (String id : ids.split(",")) {
            drafts.remove(draftOf(ade, id).id());
            deleted.addObject().put("messageId", id);
        }
        return Answer.json(200, deleted);
    }

    /** @return how many drafts are kept, in all mailboxes */
    public synchronized int drafts() {
        return drafts.size();
    }

    /** A hybrid letter: one addressee with a postal address and a name, the sender's postal address, the shipment's required fields. */
    private static void checkHybrid(JsonNode meta) {
        JsonNode shipment = meta.path("hybridShipment");
        for (String field : List.of("categoryService", "printingMode", "overprintMode", "returnService", "procedingType", "shippingMode")) {
            if (!shipment.path(field).isTextual()) {
                throw new UaError(400, "SIM-UA-021", "a hybrid letter needs hybridShipment." + field);
            }
        }
        if (meta.path("to").size() != 1) {
            throw new UaError(400, "SIM-UA-021", "a hybrid letter has one addressee");
        }
        for (JsonNode address : List.of(meta.path("to").path(0).path("address"), meta.path("from").path("address"))) {
            for (String field : List.of("country", "postalCode", "city", "street")) {
                if (!address.path(field).isTextual()) {
                    throw new UaError(400, "SIM-UA-021", "a hybrid letter needs the postal address of sender and addressee (" + field + ")");
                }
            }
        }
        if (!meta.path("to").path(0).path("contributor").isObject()) {
            throw new UaError(400, "SIM-UA-021", "a hybrid letter needs the addressee's name (contributor)");
        }
    }

    private Attachment inline(JsonNode a, int order) {
        JsonNode file = a.path("file");
        JsonNode meta = file.path("fileMetadata");
        String filename = meta.path("filename").asText("");
        if (filename.isBlank() || !file.path("file").isTextual()) {
            throw new UaError(400, "SIM-UA-008", "attachment " + order + " lacks file.fileMetadata.filename or file.file");
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(file.path("file").asText());
        } catch (IllegalArgumentException e) {
            throw new UaError(400, "SIM-UA-008", "attachment " + filename + ": file.file is not base64");
        }
        if (content.length > MAX_INLINE_ATTACHMENT) {
            throw new UaError(400, "SIM-UA-009", "attachment " + filename + " has " + content.length
                    + " bytes; over 15 MB, upload it to a draft instead");
        }
        if (meta.has("size") && meta.path("size").asLong() != content.length) {
            throw new UaError(400, "SIM-UA-010", "attachment " + filename + " has " + content.length + " bytes, not "
                    + meta.path("size").asLong() + " as its fileMetadata.size says");
        }
        String hash = sha3(content);
        if (meta.has("hash") && !hash.equals(meta.path("hash").asText())) {
            throw new UaError(400, "SIM-UA-010", "attachment " + filename + " does not match its fileMetadata.hash (SHA3-256, base64)");
        }
        return new Attachment(UUID.randomUUID().toString(), order, filename, meta.path("contentType").asText("application/octet-stream"),
                content, meta.path("description").isTextual() ? meta.path("description").asText() : null, hash);
    }

    private void process(Task task, List<String> to, JsonNode meta, @Nullable String text, List<Attachment> attachments,
                         String threadId, Instant submitted) {
        synchronized (this) {
            if (meta.path("shippingService").asText().equals("hybrid")) {
                // the paper part (printing, posting, H.* evidences) is not simulated: the letter is handed over, no more
                Message m = new Message(UUID.randomUUID().toString(), threadId, task.id, task.sender, "", meta, text, attachments,
                        submitted);
                m.status = MessageStatus.PRZEKAZANA_DO_REALIZACJI;
                messages.put(m.id, m);
                task.results.add(new Recipient(null, m.id, null, null));
            }
            for (String recipient : to) {
                if (!mailboxes.contains(recipient)) {
                    task.results.add(new Recipient(recipient, null, "SIM-UA-020", "no active mailbox at " + recipient));
                    continue;
                }
                ObjectNode single = meta.deepCopy();
                single.putArray("to").addObject().put("eDeliveryAddress", recipient);
                Message m = new Message(UUID.randomUUID().toString(), threadId, task.id, task.sender, recipient, single, text,
                        attachments, submitted);
                messages.put(m.id, m);
                Instant now = clock.instant();
                m.submitted = now;
                issue(m, EvidenceCode.A_1, now, null);
                m.consigned = now;
                issue(m, EvidenceCode.D_1, now, null);
                task.results.add(new Recipient(recipient, m.id, null, null));
                ObjectNode incoming = statement(recipient, "NewMessage");
                ((ArrayNode) incoming.path("notification")).addObject().put("id", m.id).put("threadId", m.threadId);
                notify(recipient, "messageCallbackUrl", incoming);
            }
            task.finished = true;
            ObjectNode created = statement(task.sender, "MessageCreated");
            ObjectNode item = ((ArrayNode) created.path("notification")).addObject().put("messageTaskId", task.id);
            ArrayNode made = item.putArray("messages");
            for (Recipient r : task.results) {
                ObjectNode o = made.addObject();
                if (r.messageId() != null) {
                    o.put("messageId", r.messageId());
                }
                if (r.ade() != null) {
                    o.putObject("addressee").put("eDeliveryAddress", r.ade());
                }
            }
            notify(task.sender, "messageCreatedCallbackUrl", created);
        }
    }

    private Answer task(String ade, String taskId, boolean statusOnly) {
        Task task;
        synchronized (this) {
            task = tasks.get(taskId);
        }
        if (task == null || !task.sender.equals(ade)) {
            throw new UaError(404, "SIM-UA-012", "no sending task " + taskId + " in mailbox " + ade);
        }
        if (statusOnly) {
            return Answer.json(200, JSON.createObjectNode().put("messageTaskStatus", task.finished ? "FINISHED" : "PENDING"));
        }
        ArrayNode list = JSON.createArrayNode();
        synchronized (this) {
            for (Recipient r : task.results) {
                ObjectNode o = list.addObject();
                if (r.messageId() != null) {
                    o.put("messageId", r.messageId());
                }
                if (r.ade() != null) {
                    o.putObject("addressee").put("eDeliveryAddress", r.ade());
                }
                if (r.error() != null) {
                    o.put("error", r.error()).put("error_description", r.description());
                }
            }
        }
        return Answer.json(200, list);
    }

    // ------------------------------------------------------------------ reading

    private synchronized JsonNode list(String ade, Map<String, String> q) {
        int offset = intParam(q, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(q, "limit", 20, 1, 2000);
        String format = q.getOrDefault("format", "minimal");
        if (!format.equals("metadata") && !format.equals("minimal")) {
            throw new UaError(400, "SIM-UA-013", "format must be metadata or minimal for a list, not " + format);
        }
        String label = q.get("label");
        String subject = q.get("subject");
        Boolean opened = q.containsKey("opened") ? Boolean.valueOf(q.get("opened")) : null;
        List<Message> found = new ArrayList<>();
        for (Message m : messages.values()) {
            boolean inbox = m.to.equals(ade);
            boolean sent = m.from.equals(ade);
            if ((label == null && (inbox || sent)) || ("INBOX".equals(label) && inbox) || ("SENT".equals(label) && sent)) {
                if ((subject == null || m.metadata.path("subject").asText().contains(subject))
                        && (opened == null || m.opened == opened)) {
                    found.add(m);
                }
            }
        }
        boolean desc = !"asc".equals(q.get("sortDirection"));
        found.sort(Comparator.comparing((Message m) -> m.timestamp).thenComparing(m -> m.id));
        if (desc) {
            java.util.Collections.reverse(found);
        }
        ObjectNode wrapper = JSON.createObjectNode();
        ArrayNode list = wrapper.putArray("messages");
        found.stream().skip(offset).limit(limit).forEach(m -> list.add(node(m, ade, format)));
        wrapper.put("resultSize", list.size());
        wrapper.put("total", found.size());
        return wrapper;
    }

    private Answer read(String ade, String ids, String format) {
        if (!Set.of("full", "fullExtended", "metadata", "minimal").contains(format)) {
            throw new UaError(400, "SIM-UA-013", "format must be fullExtended, full, metadata or minimal, not " + format);
        }
        String[] wanted = ids.split(",");
        if (wanted.length > 50) {
            throw new UaError(400, "SIM-UA-014", "at most 50 message ids at once");
        }
        ArrayNode list = JSON.createArrayNode();
        synchronized (this) {
            for (String id : wanted) {
                Message m = visible(ade, id.strip());
                if ((format.equals("full") || format.equals("fullExtended")) && m.to.equals(ade) && !m.opened) {
                    m.opened = true;
                    if (m.status == MessageStatus.CZEKA_NA_DORECZENIE) {
                        Instant now = clock.instant();
                        m.received = now;
                        issue(m, EvidenceCode.E_1, now, null);
                    }
                }
                list.add(node(m, ade, format));
            }
        }
        return Answer.json(200, list);
    }

    private Message visible(String ade, String id) {
        Message m = messages.get(id);
        if (m == null || (!m.to.equals(ade) && !m.from.equals(ade))) {
            throw new UaError(404, "SIM-UA-015", "no message " + id + " in mailbox " + ade);
        }
        return m;
    }

    private ObjectNode node(Message m, String viewer, String format) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode meta = node.putObject("messageMetadata");
        meta.put("messageId", m.id);
        meta.put("shippingService", m.metadata.path("shippingService").asText("electronic"));
        if (format.equals("minimal")) {
            return node;
        }
        ObjectNode control = node.putObject("messageControlData");
        control.put("messageTaskId", m.taskId);
        control.put("opened", m.opened);
        control.put("status", m.status.wireName());
        control.put("messageType", "Message");
        if (m.status == MessageStatus.CZEKA_NA_DORECZENIE && m.consigned != null) {
            long seconds = Duration.between(clock.instant(), m.consigned.plus(presumedAfter)).toSeconds();
            control.put("daysToReceive", Math.max(0, (seconds + 86_399) / 86_400)); // whole days left, rounded up
        }
        control.putArray("labels").addObject().put("label", m.to.equals(viewer) ? "INBOX" : "SENT");
        meta.set("from", JSON.createObjectNode().put("eDeliveryAddress", m.from));
        meta.set("to", m.metadata.path("to").deepCopy());
        meta.put("subject", m.metadata.path("subject").asText());
        meta.put("threadId", m.threadId);
        for (String f : List.of("refToMessageId", "caseId")) {
            if (m.metadata.path(f).isTextual()) {
                meta.put(f, m.metadata.path(f).asText());
            }
        }
        meta.put("timestamp", m.timestamp.toString());
        if (m.submitted != null) {
            meta.put("submissionDate", m.submitted.toString());
            meta.put("eventDate", m.submitted.toString());
        }
        if (m.received != null) {
            meta.put("receiptDate", m.received.toString());
        }
        if (format.equals("metadata")) {
            return node;
        }
        if (m.metadata.path("additionalData").isObject()) {
            meta.set("additionalData", m.metadata.path("additionalData").deepCopy());
        }
        if (m.metadata.path("hybridShipment").isObject()) {
            meta.set("hybridShipment", m.metadata.path("hybridShipment").deepCopy());
        }
        if (m.text != null) {
            node.put("textBody", m.text);
        }
        ArrayNode attachments = node.putArray("attachments");
        for (Attachment a : m.attachments) {
            attachments.add(attachmentNode(a, format.equals("fullExtended")));
        }
        return node;
    }

    private static ObjectNode attachmentNode(Attachment a, boolean withContent) {
        ObjectNode node = JSON.createObjectNode().put("order", a.order()).put("attachmentId", a.id());
        ObjectNode file = node.putObject("file");
        ObjectNode meta = file.putObject("fileMetadata");
        meta.put("fileId", a.id()).put("filename", a.filename()).put("contentType", a.contentType())
                .put("size", a.content().length).put("alg", "SHA-3").put("hash", a.hash());
        if (a.description() != null) {
            meta.put("description", a.description());
        }
        if (withContent) {
            file.put("file", Base64.getEncoder().encodeToString(a.content()));
        }
        return node;
    }

    private synchronized Attachment attachment(String ade, String messageId, String attachmentId) {
        Message m = visible(ade, messageId);
        return m.attachments.stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new UaError(404, "SIM-UA-016", "no attachment " + attachmentId + " in message " + messageId));
    }

    // ------------------------------------------------------------------ subscriptions

    private static final List<String> CALLBACKS = List.of("messageCallbackUrl", "messageCreatedCallbackUrl",
            "archiveCreatedCallbackUrl", "evidenceCallbackUrl", "inboxCallbackUrl");

    private Answer subscription(HttpExchange exchange, String ade, String method) throws IOException {
        switch (method) {
            case "PUT" -> {
                JsonNode body = body(exchange);
                ObjectNode stored = JSON.createObjectNode();
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
                return Answer.json(200, JSON.createObjectNode().put("subscriptionId", stored.path("id").asText()));
            }
            case "GET" -> {
                ArrayNode list = JSON.createArrayNode();
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
    private void notify(String ade, String callback, ObjectNode statement) {
        JsonNode stored = subscriptions.get(ade);
        if (stored == null || !stored.path(callback).isTextual()) {
            return;
        }
        try {
            java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(java.net.URI.create(stored.path(callback).asText()))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(statement))).build();
            callbacks.sendAsync(post, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .thenRun(notificationsSent::incrementAndGet);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode statement(String ade, String type) {
        ObjectNode s = JSON.createObjectNode().put("eDeliveryAddress", ade).put("notificationType", type);
        s.putArray("notification");
        return s;
    }

    /** @return how many notifications subscribers have taken */
    public int notificationsSent() {
        return notificationsSent.get();
    }

    // ------------------------------------------------------------------ evidences

    private void issue(Message m, EvidenceCode code, Instant at, @Nullable String reason) {
        String id = UUID.randomUUID().toString();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ev:Evidence xmlns:ev=\"http://uri.etsi.org/19522/v1#\" version=\"1.1.1\">"
                + "<ev:EvidenceIdentifier>" + id + "</ev:EvidenceIdentifier>"
                + "<ev:ERDSEventId>" + EvidenceCode.ETSI_EVENT_PREFIX + code.etsiEvent().orElseThrow() + "</ev:ERDSEventId>"
                + (reason == null ? "" : "<ev:EventReasons><ev:EventReason><ev:Code>urn:okienko:simulator:reason:presumed-delivery"
                        + "</ev:Code><ev:Details>" + SoapEndpoint.escape(reason) + "</ev:Details></ev:EventReason></ev:EventReasons>")
                + "<ev:EventTime>" + at + "</ev:EventTime>"
                + "<ev:SubmissionTime>" + m.submitted + "</ev:SubmissionTime>"
                + "<ev:EvidenceIssuerPolicyID><ev:PolicyID>urn:okienko:simulator:evidence-policy</ev:PolicyID></ev:EvidenceIssuerPolicyID>"
                + "<ev:EvidenceIssuerDetails><ev:Name>" + SoapEndpoint.escape(issuerName) + "</ev:Name></ev:EvidenceIssuerDetails>"
                + "<ev:SenderDetails><ev:ERDSUserIdentifier>" + m.from + "</ev:ERDSUserIdentifier></ev:SenderDetails>"
                + "<ev:RecipientDetails><ev:ERDSUserIdentifier>" + m.to + "</ev:ERDSUserIdentifier></ev:RecipientDetails>"
                + "<ev:UserContentInfo><ev:MessageIdentifier>" + m.id + "</ev:MessageIdentifier>"
                + "<ev:Subject>" + SoapEndpoint.escape(m.metadata.path("subject").asText()) + "</ev:Subject></ev:UserContentInfo>"
                + "</ev:Evidence>";
        m.evidences.add(new Issued(id, code, m.id, at, signer.sign(xml.getBytes(StandardCharsets.UTF_8), at), reason));
        ObjectNode evidence = statement(m.from, "NewEvidence");
        ((ArrayNode) evidence.path("notification")).addObject().put("id", id).put("type", code.code());
        notify(m.from, "evidenceCallbackUrl", evidence);
        m.status = reason != null ? MessageStatus.UZNANA_ZA_DORECZONA : code.statusAfter().orElse(m.status);
    }

    private synchronized void presumeDeliveries() {
        Instant now = clock.instant();
        for (Message m : messages.values()) {
            if (m.status == MessageStatus.CZEKA_NA_DORECZENIE && m.consigned != null
                    && !now.isBefore(m.consigned.plus(presumedAfter))) {
                m.received = m.consigned.plus(presumedAfter);
                issue(m, EvidenceCode.E_1, m.received, "Uznana za doręczoną: nie odebrano w ciągu "
                        + presumedAfter.toDays() + " dni od D.1");
            }
        }
    }

    private synchronized JsonNode evidences(String ade, String messageId, Map<String, String> q) {
        Message m = visible(ade, messageId);
        ObjectNode wrapper = JSON.createObjectNode();
        ArrayNode list = wrapper.putArray("evidences");
        String type = q.get("type");
        for (Issued e : m.evidences) {
            if (type != null && EvidenceCode.of(type).orElse(null) != e.code()) {
                continue;
            }
            ObjectNode o = list.addObject().put("evidenceId", e.id()).put("messageId", e.messageId())
                    .put("createDate", e.at().toString()).put("eventDate", e.at().toString())
                    .put("type", e.code().code()).put("downloaded", m.downloaded.contains(e.id()));
            if (e.reason() != null) {
                o.put("reasonId", "presumed-delivery");
                o.putArray("reasonDetails").add(e.reason());
            }
            o.putObject("from").put("eDeliveryAddress", m.from);
            o.putObject("to").put("eDeliveryAddress", m.to);
        }
        return wrapper;
    }

    private synchronized Answer evidenceDocument(String ade, String evidenceId) {
        for (Message m : messages.values()) {
            if (m.to.equals(ade) || m.from.equals(ade)) {
                for (Issued e : m.evidences) {
                    if (e.id().equals(evidenceId)) {
                        m.downloaded.add(e.id());
                        return new Answer(200, e.xml(), "application/octet-stream");
                    }
                }
            }
        }
        throw new UaError(404, "SIM-UA-017", "no evidence " + evidenceId + " in mailbox " + ade);
    }

    /**
     * Replaces an issued evidence document, e.g. with a forged one (for tests of the client's checks).
     *
     * @param change what to do to each evidence document of the mailbox's messages
     */
    public synchronized void alterEvidences(java.util.function.UnaryOperator<byte[]> change) {
        for (Message m : messages.values()) {
            m.evidences.replaceAll(e -> new Issued(e.id(), e.code(), e.messageId(), e.at(), change.apply(e.xml()), e.reason()));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode body(HttpExchange exchange) throws IOException {
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

    private static String text(JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new UaError(400, "SIM-UA-400", field + " is required");
        }
        return node.path(field).asText();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return UrlEncoded.decode(exchange.getRequestURI().getRawQuery());
    }

    private static int intParam(Map<String, String> q, String name, int dflt, int min, int max) {
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

    /**
     * @param content bytes
     * @return their SHA3-256, base64, as the simulator expects in {@code fileMetadata.hash}
     */
    public static String sha3(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA3-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
