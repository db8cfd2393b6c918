package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.edelivery.EvidenceCode;
import dev.okienko.edelivery.MessageStatus;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Attachment;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Draft;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Issued;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Message;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Recipient;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Task;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The state of the embedded UA API: mailboxes, messages, sending tasks and drafts, and what happens to them
 * (tasks finishing on a worker thread, delivery, opening, presumed delivery, evidences). The only place that
 * synchronises: every change and every read of messages, tasks and drafts holds this object's lock.
 */
final class MailboxState {
    private final Clock clock;
    private final EvidenceIssuer issuer;
    private final Webhooks webhooks;
    private final Set<String> mailboxes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "okienko-edelivery-tasks");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration taskDelay = Duration.ofMillis(150);
    private volatile Duration presumedAfter = Duration.ofDays(14);

    MailboxState(Clock clock, EvidenceIssuer issuer, Webhooks webhooks) {
        this.clock = clock;
        this.issuer = issuer;
        this.webhooks = webhooks;
    }

    void open(String ade) {
        mailboxes.add(ade);
    }

    void close(String ade) {
        mailboxes.remove(ade);
    }

    boolean isOpen(String ade) {
        return mailboxes.contains(ade);
    }

    void taskDelay(Duration delay) {
        this.taskDelay = delay;
    }

    void presumedAfter(Duration period) {
        this.presumedAfter = period;
    }

    synchronized long received(String ade) {
        return messages.values().stream().filter(m -> m.to.equals(ade)).count();
    }

    void shutdown() {
        worker.shutdownNow();
    }

    /** Checks a message and starts its task; uploaded attachments follow the inline ones. */
    Answer accept(String ade, JsonNode message, List<Attachment> uploaded) throws IOException {
        LetterChecks.Checked checked = LetterChecks.check(ade, message);
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
        ObjectNode answer = UaRequests.JSON.createObjectNode().put("messageTaskId", taskId);
        return new Answer(202, UaRequests.JSON.writeValueAsBytes(answer), "application/json", true);
    }

    /** Checks the message as sending would, and keeps it as a draft. */
    Answer draft(String ade, JsonNode message) {
        LetterChecks.check(ade, message);
        Draft draft = new Draft(UUID.randomUUID().toString(), ade, message, new ArrayList<>());
        synchronized (this) {
            drafts.put(draft.id(), draft);
        }
        return Answer.json(200, UaRequests.JSON.createObjectNode().put("messageId", draft.id()));
    }

    synchronized Draft draftOf(String ade, String id) {
        Draft draft = drafts.get(id);
        if (draft == null || !draft.ade().equals(ade)) {
            throw new UaError(404, "SIM-UA-030", "no draft " + id + " in mailbox " + ade);
        }
        return draft;
    }

    /** Adds an uploaded attachment to a draft. */
    synchronized void addUpload(Draft draft, Attachment a) {
        draft.uploads().add(a);
    }

    /** Takes a draft out to be sent. */
    synchronized Draft takeDraft(String ade, String id) {
        Draft draft = draftOf(ade, id);
        drafts.remove(id);
        return draft;
    }

    /** {@code DELETE /{ade}/drafts/{messageId}}: the contract types the id as an array (comma-separated). */
    synchronized Answer deleteDrafts(String ade, String ids) {
        ArrayNode deleted = UaRequests.JSON.createArrayNode();
        for (String id : ids.split(",")) {
            drafts.remove(draftOf(ade, id).id());
            deleted.addObject().put("messageId", id);
        }
        return Answer.json(200, deleted);
    }

    /** @return how many drafts are kept, in all mailboxes */
    synchronized int drafts() {
        return drafts.size();
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
                issuer.issue(m, EvidenceCode.A_1, now, null);
                m.consigned = now;
                issuer.issue(m, EvidenceCode.D_1, now, null);
                task.results.add(new Recipient(recipient, m.id, null, null));
                ObjectNode incoming = Webhooks.statement(recipient, "NewMessage");
                ((ArrayNode) incoming.path("notification")).addObject().put("id", m.id).put("threadId", m.threadId);
                webhooks.notify(recipient, "messageCallbackUrl", incoming);
            }
            task.finished = true;
            ObjectNode created = Webhooks.statement(task.sender, "MessageCreated");
            ObjectNode item = ((ArrayNode) created.path("notification")).addObject().put("messageTaskId", task.id);
            ArrayNode made = item.putArray("messages");
            for (Recipient r : task.results) {
                Views.recipient(made.addObject(), r);
            }
            webhooks.notify(task.sender, "messageCreatedCallbackUrl", created);
        }
    }

    Answer task(String ade, String taskId, boolean statusOnly) {
        Task task;
        synchronized (this) {
            task = tasks.get(taskId);
        }
        if (task == null || !task.sender.equals(ade)) {
            throw new UaError(404, "SIM-UA-012", "no sending task " + taskId + " in mailbox " + ade);
        }
        if (statusOnly) {
            return Answer.json(200, UaRequests.JSON.createObjectNode()
                    .put("messageTaskStatus", task.finished ? "FINISHED" : "PENDING"));
        }
        ArrayNode list = UaRequests.JSON.createArrayNode();
        synchronized (this) {
            for (Recipient r : task.results) {
                ObjectNode o = Views.recipient(list.addObject(), r);
                if (r.error() != null) {
                    o.put("error", r.error()).put("error_description", r.description());
                }
            }
        }
        return Answer.json(200, list);
    }

    synchronized JsonNode list(String ade, Map<String, String> q) {
        int offset = UaRequests.intParam(q, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = UaRequests.intParam(q, "limit", 20, 1, 2000);
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
        ObjectNode wrapper = UaRequests.JSON.createObjectNode();
        ArrayNode list = wrapper.putArray("messages");
        found.stream().skip(offset).limit(limit).forEach(m -> list.add(Views.message(m, ade, format, clock.instant(), presumedAfter)));
        wrapper.put("resultSize", list.size());
        wrapper.put("total", found.size());
        return wrapper;
    }

    Answer read(String ade, String ids, String format) {
        if (!Set.of("full", "fullExtended", "metadata", "minimal").contains(format)) {
            throw new UaError(400, "SIM-UA-013", "format must be fullExtended, full, metadata or minimal, not " + format);
        }
        String[] wanted = ids.split(",");
        if (wanted.length > 50) {
            throw new UaError(400, "SIM-UA-014", "at most 50 message ids at once");
        }
        ArrayNode list = UaRequests.JSON.createArrayNode();
        synchronized (this) {
            for (String id : wanted) {
                Message m = visible(ade, id.strip());
                if ((format.equals("full") || format.equals("fullExtended")) && m.to.equals(ade) && !m.opened) {
                    m.opened = true;
                    if (m.status == MessageStatus.CZEKA_NA_DORECZENIE) {
                        Instant now = clock.instant();
                        m.received = now;
                        issuer.issue(m, EvidenceCode.E_1, now, null);
                    }
                }
                list.add(Views.message(m, ade, format, clock.instant(), presumedAfter));
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

    synchronized Attachment attachment(String ade, String messageId, String attachmentId) {
        Message m = visible(ade, messageId);
        return m.attachments.stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new UaError(404, "SIM-UA-016", "no attachment " + attachmentId + " in message " + messageId));
    }

    /** Issues E.1 for every message whose D.1 is older than the presumed-delivery period. */
    synchronized void presumeDeliveries() {
        Instant now = clock.instant();
        for (Message m : messages.values()) {
            if (m.status == MessageStatus.CZEKA_NA_DORECZENIE && m.consigned != null
                    && !now.isBefore(m.consigned.plus(presumedAfter))) {
                m.received = m.consigned.plus(presumedAfter);
                issuer.issue(m, EvidenceCode.E_1, m.received, "Uznana za doręczoną: nie odebrano w ciągu "
                        + presumedAfter.toDays() + " dni od D.1");
            }
        }
    }

    synchronized JsonNode evidences(String ade, String messageId, Map<String, String> q) {
        Message m = visible(ade, messageId);
        ObjectNode wrapper = UaRequests.JSON.createObjectNode();
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

    synchronized Answer evidenceDocument(String ade, String evidenceId) {
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
    /** @param change what happens to every evidence issued from now on, after it is signed */
    void forgeEvidences(java.util.function.UnaryOperator<byte[]> change) {
        issuer.forge(change);
    }

    synchronized void alterEvidences(java.util.function.UnaryOperator<byte[]> change) {
        for (Message m : messages.values()) {
            m.evidences.replaceAll(e -> new Issued(e.id(), e.code(), e.messageId(), e.at(), change.apply(e.xml()), e.reason()));
        }
    }
}
