package dev.okienko.edelivery;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.Environment;
import dev.okienko.core.HttpClients;
import dev.okienko.core.ServiceException;
import dev.okienko.edelivery.internal.JsonCall;
import dev.okienko.signature.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * One e-Doręczenia mailbox through the UA API: send letters and follow their tasks, list and read messages,
 * download attachments, list, download and verify evidences. Thread-safe.
 *
 * <p><b>Sending never duplicates a letter.</b> Each letter carries a fresh send id in its
 * {@code additionalData} ({@value #SEND_ID_KEY}). The sending POST is never repeated: when its answer is lost
 * (a dropped connection, a timeout, an HTTP 5xx), okienko looks for the letter among the sent messages for a
 * while ({@link Builder#reconcileWindow}); found, {@link #send} returns its task as if nothing had happened
 * ({@link SendTask#recovered()} says it was recovered); not found, it throws
 * {@link SendOutcomeUnknownException}, and {@link #reconcile} can look again later.
 *
 * <p><b>Reading does not open by accident.</b> Listing and {@link #metadata(String)} use the {@code metadata}
 * format; only {@link #open(String)} reads {@code full}, which for the recipient opens the message and makes
 * the operator issue evidence E.1 (delivery).
 *
 * <pre>{@code
 * Mailbox mailbox = Mailbox.builder().environment(environment).tokens(tokens).address(ourAde).build();
 * SendTask task = mailbox.send(letter);
 * SendReport report = mailbox.await(task, Duration.ofMinutes(2));
 * for (EvidenceInfo e : mailbox.evidences(report.recipients().get(0).messageId())) {
 *     Evidence evidence = mailbox.evidence(e, verifier);
 * }
 * }</pre>
 */
public final class Mailbox {
    /** The service's name in errors. */
    public static final String SERVICE = "e-Doręczenia UA API";
    /** The {@code additionalData} key under which a letter carries okienko's send id. */
    public static final String SEND_ID_KEY = "okienkoSendId";
    /**
     * The largest attachment sent inline in the message by default: 15 MB. Larger ones go through a draft
     * and the multipart upload. Whether the operator's "15 MB" means 10<sup>6</sup> or 2<sup>20</sup> bytes
     * is unconfirmed, so the smaller reading is the default; a draft takes any size.
     */
    public static final long DEFAULT_INLINE_LIMIT = 15_000_000L;
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_EVIDENCE = 16 * 1024 * 1024;
    private static final int PAGE = 100;

    /** Where a message is, for the mailbox. */
    public enum Folder {
        /** Received messages. */
        INBOX,
        /** Sent messages. */
        SENT
    }

    private final HttpUrl base;
    private final Ade address;
    private final JsonCall json;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration reconcileWindow;
    private final long maxDownloadBytes;
    private final long inlineLimit;

    private Mailbox(Builder b) {
        HttpUrl root = HttpUrl.get(Objects.requireNonNull(b.environment, "environment")
                .requireEndpoint(Environment.Service.EDELIVERY_MAILBOX).toString());
        this.address = Objects.requireNonNull(b.address, "address");
        Ade.parse(address.value()); // wrong check digits are refused before any call
        this.base = root.newBuilder().addPathSegment(address.value()).build();
        this.json = new JsonCall(b.http != null ? b.http : HttpClients.defaultClient(), Objects.requireNonNull(b.tokens, "tokens"),
                SERVICE);
        this.clock = b.clock;
        this.pollInterval = b.pollInterval;
        this.reconcileWindow = b.reconcileWindow;
        this.maxDownloadBytes = b.maxDownloadBytes;
        this.inlineLimit = b.inlineLimit;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the mailbox's address */
    public Ade address() {
        return address;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a letter. Attachments are read from their files as the request goes. A letter whose attachments
     * are all at most {@link Builder#inlineAttachmentLimit} goes in one {@code POST /messages}. Otherwise
     * okienko makes a draft ({@code POST /drafts}), uploads each attachment to it as multipart
     * ({@code POST /{draft}/attachments/upload}, the operator's hash and size checked against the file's),
     * and sends the draft ({@code POST /drafts/send}). When anything fails before that last step, the draft
     * is deleted and nothing was sent.
     *
     * @param letter the letter
     * @return its task, to follow with {@link #await}
     * @throws ServiceException when the API refused the letter or an attachment (nothing was sent)
     * @throws SendOutcomeUnknownException when the answer to the sending request was lost and the letter could
     *     not be found afterwards
     * @throws ClientException when the API could not be reached, or the answer to making the draft or
     *     uploading an attachment was lost (nothing was sent; retryable), or an attachment cannot be read or
     *     was not stored as it is
     */
    public SendTask send(Letter letter) {
        Objects.requireNonNull(letter, "letter");
        List<Prepared> files = prepare(letter);
        String sendId = UUID.randomUUID().toString();
        boolean viaDraft = files.stream().anyMatch(f -> f.size() > inlineLimit);
        String draft = viaDraft ? draft(letter, files, sendId) : null;
        Instant submitted = clock.instant();
        Request.Builder request = new Request.Builder().header("Accept", "application/json");
        if (draft == null) {
            request.url(url("messages")).post(new LetterBody(letter, files, sendId));
        } else {
            request.url(url("drafts", "send")).post(RequestBody.create(json(Map.of("messageId", draft)), APPLICATION_JSON));
        }
        Throwable lost;
        try {
            JsonNode answer = json.call(request, json::requireJson);
            String taskId = answer.path("messageTaskId").asText("");
            if (!taskId.isEmpty()) {
                return new SendTask(taskId, sendId, letter.subject(), submitted, false);
            }
            lost = new ClientException(SERVICE + " accepted the letter without a messageTaskId");
        } catch (ConnectException | UnknownHostException e) {
            String left = draft == null ? "" : discard(draft);
            throw new ClientException(SERVICE + " could not be reached; the letter was not sent" + left + ": " + e.getMessage(),
                    e, true);
        } catch (IOException e) {
            lost = e;
        } catch (ServiceException e) {
            if (e.httpStatus() < 500 && e.httpStatus() != 408) {
                if (draft != null) {
                    discard(draft);
                }
                throw e; // refused: nothing was sent
            }
            lost = e;
        }
        Optional<SendTask> found = findSent(letter, sendId, submitted, reconcileWindow);
        if (found.isPresent()) {
            return found.get();
        }
        throw new SendOutcomeUnknownException("the answer to sending '" + letter.subject() + "'"
                + (draft == null ? "" : " (draft " + draft + ")") + " was lost ("
                + describe(lost) + ") and no sent message carrying send id " + sendId + " appeared within "
                + reconcileWindow.toSeconds() + " s; it was not sent again. Call Mailbox.reconcile later to find out",
                sendId, letter, submitted, lost);
    }

    /** Makes a draft of the letter without attachments, then uploads them; on any failure the draft is deleted. */
    private String draft(Letter letter, List<Prepared> files, String sendId) {
        Request.Builder create = new Request.Builder().url(url("drafts")).header("Accept", "application/json")
                .post(new LetterBody(letter, List.of(), sendId));
        String draft;
        try {
            draft = json.call(create, json::requireJson).path("messageId").asText("");
        } catch (ConnectException | UnknownHostException e) {
            throw new ClientException(SERVICE + " could not be reached; the letter was not sent: " + e.getMessage(), e, true);
        } catch (IOException e) {
            throw new ClientException("the draft of '" + letter.subject() + "' could not be made (" + describe(e)
                    + "); no letter was sent, though an empty draft may be left in the mailbox", e, true);
        }
        if (draft.isEmpty()) {
            throw new ClientException(SERVICE + " answered the draft of '" + letter.subject() + "' without a messageId");
        }
        for (Prepared file : files) {
            try {
                upload(draft, file);
            } catch (IOException e) {
                throw new ClientException("attachment " + file.attachment().filename() + " could not be uploaded to draft "
                        + draft + " (" + describe(e) + "); no letter was sent" + discard(draft), e, true);
            } catch (RuntimeException e) {
                discard(draft);
                throw e;
            }
        }
        return draft;
    }

    private void upload(String draft, Prepared file) throws IOException {
        Letter.Attachment a = file.attachment();
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("filename", a.filename())
                .addFormDataPart("contentType", a.contentType())
                .addFormDataPart("size", Long.toString(file.size()))
                .addFormDataPart("alg", "SHA-3");
        if (a.description() != null) {
            form.addFormDataPart("description", a.description());
        }
        form.addFormDataPart("file", a.filename(), RequestBody.create(a.file().toFile(), MediaType.parse(a.contentType())));
        Request.Builder request = new Request.Builder().url(url(draft, "attachments", "upload"))
                .header("Accept", "application/json").post(form.build());
        JsonNode stored = json.call(request, json::requireJson).path("fileMetadata");
        // the operator hashes what it received: a file changed or cut short on the way is caught here
        if (stored.path("size").isNumber() && stored.path("size").asLong() != file.size()) {
            throw new ClientException("attachment " + a.filename() + " reached draft " + draft + " with "
                    + stored.path("size").asLong() + " bytes, not " + file.size() + "; no letter was sent");
        }
        if (stored.path("hash").isTextual() && !stored.path("hash").asText().equals(file.hash())) {
            throw new ClientException("attachment " + a.filename() + " reached draft " + draft
                    + " with another SHA-3 hash than the file's (did it change while uploading?); no letter was sent");
        }
    }

    /** Deletes a draft that will not be sent; says what happened, for the error message. */
    private String discard(String draft) {
        try {
            json.call(new Request.Builder().url(url("drafts", draft)).delete(), response -> null);
            return ", and its draft was deleted";
        } catch (IOException | RuntimeException e) {
            return ", and its draft " + draft + " could not be deleted (" + describe(e) + ")";
        }
    }

    /**
     * Looks again for a letter whose sending had an unknown outcome.
     *
     * @param unknown what {@link #send} threw
     * @return its task, when it went out; empty when no sent message carries its send id
     */
    public Optional<SendTask> reconcile(SendOutcomeUnknownException unknown) {
        return findSent(unknown.letter(), unknown.sendId(), unknown.submittedAt(), Duration.ZERO);
    }

    /**
     * Follows a task until it is finished ({@code GET /messages/tasks/{id}/status}, then {@code /tasks/{id}}).
     *
     * @param task the task
     * @param timeout how long to wait
     * @return the outcome for each recipient
     * @throws ClientException when the task is still pending after the timeout (retryable)
     */
    public SendReport await(SendTask task, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = get(url("messages", "tasks", task.taskId(), "status"));
            if ("FINISHED".equals(status.path("messageTaskStatus").asText())) {
                return report(task.taskId());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ClientException("the sending task " + task.taskId() + " ('" + task.subject() + "') is still "
                        + status.path("messageTaskStatus").asText("unknown") + " after " + timeout, null, true);
            }
            pause();
        }
    }

    private SendReport report(String taskId) {
        List<SendReport.Recipient> recipients = new ArrayList<>();
        for (JsonNode r : get(url("messages", "tasks", taskId))) {
            recipients.add(new SendReport.Recipient(text(r.path("addressee"), "eDeliveryAddress"), text(r, "messageId"),
                    text(r, "error"), text(r, "error_description")));
        }
        return new SendReport(taskId, recipients);
    }

    private Optional<SendTask> findSent(Letter letter, String sendId, Instant submitted, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        Instant since = submitted.minus(Duration.ofMinutes(10));
        while (true) {
            HttpUrl list = url("messages").newBuilder().addQueryParameter("label", Folder.SENT.name())
                    .addQueryParameter("format", "metadata").addQueryParameter("subject", letter.subject())
                    .addQueryParameter("sortColumn", "timestamp").addQueryParameter("sortDirection", "desc")
                    .addQueryParameter("limit", Integer.toString(PAGE)).build();
            for (JsonNode node : get(list).path("messages")) {
                MailboxMessage m = message(node);
                if (!letter.subject().equals(m.subject()) || (m.timestamp() != null && m.timestamp().isBefore(since))) {
                    continue;
                }
                MailboxMessage full = open(m.messageId()); // the sender's copy: reading it opens nothing for the recipient
                if (sendId.equals(full.additionalData().get(SEND_ID_KEY)) && full.taskId() != null) {
                    return Optional.of(new SendTask(full.taskId(), sendId, letter.subject(), submitted, true));
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            pause();
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Lists the messages of a folder, oldest first, in the {@code metadata} format (nothing is opened); pages
     * are fetched as the iterator goes.
     *
     * @param folder INBOX or SENT
     * @return the messages, without text and attachments
     */
    public Iterator<MailboxMessage> messages(Folder folder) {
        Objects.requireNonNull(folder, "folder");
        return new Iterator<>() {
            private final Deque<MailboxMessage> page = new ArrayDeque<>();
            private int offset;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (page.isEmpty() && !done) {
                    HttpUrl list = url("messages").newBuilder().addQueryParameter("label", folder.name())
                            .addQueryParameter("format", "metadata").addQueryParameter("sortColumn", "timestamp")
                            .addQueryParameter("sortDirection", "asc").addQueryParameter("offset", Integer.toString(offset))
                            .addQueryParameter("limit", Integer.toString(PAGE)).build();
                    JsonNode answer = get(list);
                    for (JsonNode m : answer.path("messages")) {
                        page.add(message(m));
                    }
                    offset += page.size();
                    done = page.size() < PAGE;
                }
                return !page.isEmpty();
            }

            @Override
            public MailboxMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.removeFirst();
            }
        };
    }

    /**
     * Reads a message's metadata; this does not open it.
     *
     * @param messageId the message
     * @return its metadata and status
     */
    public MailboxMessage metadata(String messageId) {
        return readOne(messageId, "metadata");
    }

    /**
     * Reads a whole message ({@code full}: text, attachment list, additional data). For the recipient this
     * <b>opens</b> the message: the operator records the delivery and issues evidence E.1.
     *
     * @param messageId the message
     * @return the message
     */
    public MailboxMessage open(String messageId) {
        return readOne(messageId, "full");
    }

    private MailboxMessage readOne(String messageId, String format) {
        HttpUrl one = url("messages", messageId).newBuilder().addQueryParameter("format", format).build();
        JsonNode answer = get(one);
        JsonNode first = answer.isArray() ? answer.path(0) : answer;
        if (!first.isObject()) {
            throw new ClientException(SERVICE + " answered no message for " + messageId);
        }
        return message(first);
    }

    /**
     * Downloads an attachment ({@code POST /attachments/download}, any size), streaming it to a file. When the
     * listing gave its size and hash, both are checked; a file that fails the check is deleted.
     *
     * @param messageId the message
     * @param attachment the attachment, as listed by {@link #open(String)}
     * @param target where to write it (replaced when it exists)
     * @return the target
     * @throws ClientException when the content is larger than listed or than
     *     {@link Builder#maxDownloadBytes}, or does not match its hash
     */
    public Path downloadAttachment(String messageId, AttachmentInfo attachment, Path target) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("attachmentId", attachment.attachmentId());
        Request.Builder request = new Request.Builder().url(url("attachments", "download"))
                .post(RequestBody.create(json(body), APPLICATION_JSON));
        dev.okienko.core.internal.http.Idempotent.mark(request); // reading only
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            return json.exchange(request, response -> {
                long limit = attachment.size() >= 0 ? attachment.size() : maxDownloadBytes;
                MessageDigest sha3 = sha3();
                long written = 0;
                try (InputStream in = response.body().byteStream(); OutputStream out = Files.newOutputStream(partial)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > limit) {
                            throw new ClientException("attachment " + attachment.filename() + " of message " + messageId
                                    + " is larger than " + limit + " bytes" + (attachment.size() >= 0 ? " (its listed size)"
                                    : " (maxDownloadBytes)") + "; refused");
                        }
                        sha3.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                if (attachment.size() >= 0 && written != attachment.size()) {
                    throw new ClientException("attachment " + attachment.filename() + " of message " + messageId + " has "
                            + written + " bytes, not " + attachment.size() + " as listed");
                }
                String hash = Base64.getEncoder().encodeToString(sha3.digest());
                if (attachment.hash() != null && !attachment.hash().equals(hash)) {
                    throw new ClientException("attachment " + attachment.filename() + " of message " + messageId
                            + " does not match its listed SHA-3 hash; refused");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            });
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // best effort: the partial file is the caller's to clean when this fails
            }
        }
    }

    // ------------------------------------------------------------------ evidences

    /**
     * @param messageId a message
     * @return its evidences, as listed
     */
    public List<EvidenceInfo> evidences(String messageId) {
        List<EvidenceInfo> list = new ArrayList<>();
        for (JsonNode e : get(url("messages", messageId, "evidences")).path("evidences")) {
            String type = e.path("type").asText("");
            List<String> details = new ArrayList<>();
            e.path("reasonDetails").forEach(d -> details.add(d.asText()));
            list.add(new EvidenceInfo(e.path("evidenceId").asText(), e.path("messageId").asText(messageId), type,
                    EvidenceCode.of(type), instant(e.path("eventDate")), instant(e.path("createDate")),
                    e.path("downloaded").asBoolean(false), text(e, "reasonId"), details));
        }
        return list;
    }

    /**
     * Downloads an evidence document ({@code GET /evidences/{purde|puh}/{evidenceId}}; {@code puh} for the
     * hybrid service's evidences).
     *
     * @param evidence the evidence, as listed
     * @return the signed document, at most 16 MiB
     */
    public byte[] downloadEvidence(EvidenceInfo evidence) {
        boolean hybrid = evidence.code().map(EvidenceCode::isHybrid).orElse(false);
        return json.exchange(new Request.Builder().url(url("evidences", hybrid ? "puh" : "purde", evidence.evidenceId())).get(),
                response -> {
                    try (InputStream in = response.body().byteStream()) {
                        byte[] bytes = in.readNBytes(MAX_EVIDENCE + 1);
                        if (bytes.length > MAX_EVIDENCE) {
                            throw new ClientException("evidence " + evidence.evidenceId() + " is over " + MAX_EVIDENCE
                                    + " bytes; refused");
                        }
                        return bytes;
                    }
                });
    }

    /**
     * Downloads an evidence and reads and verifies it. Check {@link Evidence#isGenuine} with the provider's
     * certificate before relying on it.
     *
     * @param evidence the evidence, as listed
     * @param verifier checks its signature
     * @return the evidence
     * @throws dev.okienko.core.XmlException when the document is not an evidence, or is hostile
     */
    public Evidence evidence(EvidenceInfo evidence, SignatureVerifier verifier) {
        return Evidence.read(downloadEvidence(evidence), verifier);
    }

    // ------------------------------------------------------------------ subscriptions

    /**
     * Subscribes the mailbox's system to notifications ({@code PUT /message_subscriptions}).
     *
     * @param callbacks where to be notified
     * @return the subscription's id
     */
    public String subscribe(Subscriptions callbacks) {
        Map<String, String> body = new LinkedHashMap<>();
        putUrl(body, "messageCallbackUrl", callbacks.message());
        putUrl(body, "messageCreatedCallbackUrl", callbacks.messageCreated());
        putUrl(body, "evidenceCallbackUrl", callbacks.evidence());
        putUrl(body, "inboxCallbackUrl", callbacks.inbox());
        Request.Builder request = new Request.Builder().url(url("message_subscriptions")).header("Accept", "application/json")
                .put(RequestBody.create(json(body), APPLICATION_JSON));
        String id = json.exchange(request, json::requireJson).path("subscriptionId").asText("");
        if (id.isEmpty()) {
            throw new ClientException(SERVICE + " answered the subscription without a subscriptionId");
        }
        return id;
    }

    /** @return the mailbox's subscriptions ({@code GET /message_subscriptions}) */
    public List<Subscriptions.Listed> subscriptions() {
        List<Subscriptions.Listed> list = new ArrayList<>();
        for (JsonNode s : get(url("message_subscriptions"))) {
            list.add(new Subscriptions.Listed(s.path("id").asText(), s.path("name").asText(), s.path("url").asText(),
                    s.path("status").asBoolean(false)));
        }
        return list;
    }

    /** Removes the mailbox's subscription ({@code DELETE /message_subscriptions}). */
    public void unsubscribe() {
        json.exchange(new Request.Builder().url(url("message_subscriptions")).delete(), response -> null);
    }

    private static void putUrl(Map<String, String> body, String field, java.net.@Nullable URI url) {
        if (url != null) {
            body.put(field, url.toString());
        }
    }

    // ------------------------------------------------------------------ the letter on the wire

    private record Prepared(Letter.Attachment attachment, long size, String hash) {
    }

    private static List<Prepared> prepare(Letter letter) {
        List<Prepared> files = new ArrayList<>();
        for (Letter.Attachment a : letter.attachments()) {
            try {
                long size = Files.size(a.file());
                MessageDigest sha3 = sha3();
                try (InputStream in = Files.newInputStream(a.file())) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha3.update(buffer, 0, n);
                    }
                }
                files.add(new Prepared(a, size, Base64.getEncoder().encodeToString(sha3.digest())));
            } catch (IOException e) {
                throw new ClientException("cannot read attachment " + a.file() + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** The message as JSON, written as it goes out: attachments are read from their files and base64-encoded on the fly. */
    private final class LetterBody extends RequestBody {
        private final Letter letter;
        private final List<Prepared> files;
        private final String sendId;

        LetterBody(Letter letter, List<Prepared> files, String sendId) {
            this.letter = letter;
            this.files = files;
            this.sendId = sendId;
        }

        @Override
        public MediaType contentType() {
            return APPLICATION_JSON;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try (JsonGenerator g = JsonCall.JSON.getFactory().createGenerator(sink.outputStream())
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                g.writeStartObject();
                if (letter.mass()) {
                    g.writeObjectFieldStart("messageControlData");
                    g.writeBooleanField("massMessage", true);
                    g.writeEndObject();
                }
                g.writeObjectFieldStart("messageMetadata");
                HybridShipment hybrid = letter.hybrid();
                g.writeObjectFieldStart("from");
                g.writeStringField("eDeliveryAddress", address.value());
                if (hybrid != null) {
                    writeAddress(g, hybrid.senderAddress());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("to");
                for (Ade r : letter.recipients()) {
                    g.writeStartObject();
                    g.writeStringField("eDeliveryAddress", r.value());
                    g.writeEndObject();
                }
                if (hybrid != null) {
                    g.writeStartObject();
                    writeAddress(g, hybrid.addressee().address());
                    g.writeObjectFieldStart("contributor");
                    optional(g, "firstName", hybrid.addressee().firstName());
                    optional(g, "lastName", hybrid.addressee().lastName());
                    optional(g, "companyName", hybrid.addressee().companyName());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (hybrid != null) {
                    writeHybrid(g, hybrid);
                }
                g.writeStringField("subject", letter.subject());
                optional(g, "caseId", letter.caseId());
                optional(g, "refToMessageId", letter.replyTo());
                optional(g, "threadId", letter.threadId());
                g.writeStringField("shippingService", hybrid == null ? "electronic" : "hybrid");
                g.writeObjectFieldStart("additionalData");
                for (Map.Entry<String, String> e : letter.additionalData().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeStringField(SEND_ID_KEY, sendId);
                g.writeEndObject();
                g.writeEndObject();
                optional(g, "textBody", letter.text());
                g.writeArrayFieldStart("attachments");
                int order = 1;
                for (Prepared p : files) {
                    g.writeStartObject();
                    g.writeNumberField("order", order++);
                    g.writeObjectFieldStart("file");
                    g.writeObjectFieldStart("fileMetadata");
                    g.writeStringField("fileId", UUID.randomUUID().toString());
                    g.writeStringField("filename", p.attachment().filename());
                    g.writeStringField("contentType", p.attachment().contentType());
                    g.writeNumberField("size", p.size());
                    g.writeStringField("alg", "SHA-3");
                    g.writeStringField("hash", p.hash());
                    optional(g, "description", p.attachment().description());
                    g.writeEndObject();
                    g.writeFieldName("file");
                    try (InputStream in = Files.newInputStream(p.attachment().file())) {
                        int written = g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, in, (int) p.size());
                        if (written != p.size()) {
                            throw new IOException("attachment " + p.attachment().file() + " changed while being sent");
                        }
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
    }

    private static void writeHybrid(JsonGenerator g, HybridShipment h) throws IOException {
        g.writeObjectFieldStart("hybridShipment");
        g.writeStringField("procedingType", h.proceedingWire());
        optional(g, "sendersInformation", h.sendersInformation());
        g.writeStringField("categoryService", h.categoryWire());
        g.writeStringField("printingMode", h.duplex() ? "duplex" : "simplex");
        g.writeStringField("overprintMode", h.color() ? "color" : "monochrome");
        g.writeStringField("returnService", h.returnToSender() ? "returntosender" : "destroy");
        g.writeBooleanField("proofOfDelivery", h.proofOfDelivery());
        optional(g, "caseContent", h.caseContent());
        g.writeStringField("shippingMode", h.registered() ? "registered" : "notRegistered");
        g.writeEndObject();
    }

    private static void writeAddress(JsonGenerator g, HybridShipment.PostalAddress a) throws IOException {
        g.writeObjectFieldStart("address");
        g.writeStringField("country", a.country());
        g.writeStringField("street", a.street());
        g.writeStringField("postalCode", a.postalCode());
        g.writeStringField("city", a.city());
        optional(g, "buildingNumber", a.buildingNumber());
        optional(g, "houseNumber", a.houseNumber());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String field, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    // ------------------------------------------------------------------ reading the answers

    private static MailboxMessage message(JsonNode node) {
        JsonNode meta = node.path("messageMetadata");
        JsonNode control = node.path("messageControlData");
        List<String> to = new ArrayList<>();
        for (JsonNode r : meta.path("to")) {
            String a = text(r, "eDeliveryAddress");
            if (a != null) {
                to.add(a);
            }
        }
        List<AttachmentInfo> attachments = new ArrayList<>();
        for (JsonNode a : node.path("attachments")) {
            JsonNode fm = a.path("file").path("fileMetadata");
            String id = text(a, "attachmentId");
            attachments.add(new AttachmentInfo(id != null ? id : fm.path("fileId").asText(), fm.path("filename").asText(""),
                    text(fm, "contentType"), fm.path("size").isNumber() ? fm.path("size").asLong() : -1, text(fm, "hash"),
                    text(fm, "description")));
        }
        Map<String, String> additional = new LinkedHashMap<>();
        meta.path("additionalData").properties().forEach(e -> additional.put(e.getKey(), e.getValue().asText()));
        String messageId = text(meta, "messageId");
        if (messageId == null) {
            throw new ClientException(SERVICE + " answered a message without messageMetadata.messageId");
        }
        return new MailboxMessage(messageId, text(meta, "threadId"), text(control, "messageTaskId"), text(meta, "subject"),
                text(meta.path("from"), "eDeliveryAddress"), to, text(control, "status"), control.path("opened").asBoolean(false),
                control.path("labels").path(0).path("label").isTextual() ? control.path("labels").path(0).path("label").asText() : null,
                text(meta, "caseId"), text(meta, "refToMessageId"), instant(meta.path("timestamp")),
                instant(meta.path("submissionDate")), instant(meta.path("receiptDate")),
                control.path("daysToReceive").isInt() ? control.path("daysToReceive").asInt() : null, text(node, "textBody"),
                attachments, additional);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static @Nullable Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private JsonNode get(HttpUrl url) {
        return json.get(url.uri());
    }

    /** The mailbox's URL with these path segments; ids that came from the service may not climb out of it. */
    private HttpUrl url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new ClientException("refused an id that is not one: '" + s + "'");
            }
            b.addPathSegment(s);
        }
        return b.build();
    }

    private static byte[] json(Object body) {
        try {
            return JsonCall.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha3() {
        try {
            return MessageDigest.getInstance("SHA3-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA3-256", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for " + SERVICE, e);
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof InterruptedIOException) {
            return "timed out: " + t.getMessage();
        }
        if (t instanceof ServiceException s) {
            return "HTTP " + s.httpStatus() + ": " + s.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Builds a {@link Mailbox}. */
    public static final class Builder {
        private @Nullable Environment environment;
        private @Nullable TokenProvider tokens;
        private @Nullable Ade address;
        private @Nullable OkHttpClient http;
        private Clock clock = Clock.systemUTC();
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration reconcileWindow = Duration.ofSeconds(60);
        private long maxDownloadBytes = 2L * 1024 * 1024 * 1024;
        private long inlineLimit = DEFAULT_INLINE_LIMIT;

        private Builder() {
        }

        /**
         * @param environment where the UA API is
         * @return this
         */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /**
         * @param tokens the access tokens (e.g. a {@link SignedJwtTokenProvider} of this mailbox's system)
         * @return this
         */
        public Builder tokens(TokenProvider tokens) {
            this.tokens = tokens;
            return this;
        }

        /**
         * @param address the mailbox's address
         * @return this
         */
        public Builder address(Ade address) {
            this.address = address;
            return this;
        }

        /**
         * @param http the HTTP client (by default {@link HttpClients#defaultClient()})
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = http;
            return this;
        }

        /**
         * @param clock the clock for submission times
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param interval how often tasks and sent messages are polled (1 s by default)
         * @return this
         */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the poll interval cannot be negative");
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * @param window how long to look for a letter among the sent messages when the answer to sending it was
         *     lost (60 s by default; the operator makes the message when its task runs)
         * @return this
         */
        public Builder reconcileWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("the reconcile window cannot be negative");
            }
            this.reconcileWindow = window;
            return this;
        }

        /**
         * @param max the largest attachment downloaded when its size is not listed (2 GiB by default)
         * @return this
         */
        public Builder maxDownloadBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDownloadBytes must be positive");
            }
            this.maxDownloadBytes = max;
            return this;
        }

        /**
         * @param max the largest attachment sent inline in the message ({@link #DEFAULT_INLINE_LIMIT} by
         *     default); a letter with a larger one goes through a draft and the multipart upload
         * @return this
         */
        public Builder inlineAttachmentLimit(long max) {
            if (max < 0) {
                throw new IllegalArgumentException("the inline attachment limit cannot be negative");
            }
            this.inlineLimit = max;
            return this;
        }

        /** @return the mailbox */
        public Mailbox build() {
            return new Mailbox(this);
        }
    }
}
