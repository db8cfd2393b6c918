package dev.okienko.edelivery.internal;

import static dev.okienko.edelivery.internal.JsonFields.instant;
import static dev.okienko.edelivery.internal.JsonFields.nonEmptyText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.ClientException;
import dev.okienko.edelivery.AttachmentInfo;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import okhttp3.HttpUrl;

/** Reads messages as the UA API writes them, into {@link MailboxMessage}s. */
public final class MessageReader {
    private static final int PAGE = 100;

    private MessageReader() {
    }

    /**
     * @param node a message as the UA API lists or reads it
     * @return the message
     * @throws ClientException when it has no message id
     */
    public static MailboxMessage message(JsonNode node) {
        JsonNode meta = node.path("messageMetadata");
        JsonNode control = node.path("messageControlData");
        List<String> to = new ArrayList<>();
        for (JsonNode r : meta.path("to")) {
            String a = nonEmptyText(r, "eDeliveryAddress");
            if (a != null) {
                to.add(a);
            }
        }
        List<AttachmentInfo> attachments = new ArrayList<>();
        for (JsonNode a : node.path("attachments")) {
            JsonNode fm = a.path("file").path("fileMetadata");
            String id = nonEmptyText(a, "attachmentId");
            attachments.add(new AttachmentInfo(id != null ? id : fm.path("fileId").asText(), fm.path("filename").asText(""),
                    nonEmptyText(fm, "contentType"), fm.path("size").isNumber() ? fm.path("size").asLong() : -1,
                    nonEmptyText(fm, "hash"), nonEmptyText(fm, "description")));
        }
        Map<String, String> additional = new LinkedHashMap<>();
        meta.path("additionalData").properties().forEach(e -> additional.put(e.getKey(), e.getValue().asText()));
        String messageId = nonEmptyText(meta, "messageId");
        if (messageId == null) {
            throw new ClientException(Mailbox.SERVICE + " answered a message without messageMetadata.messageId");
        }
        JsonNode label = control.path("labels").path(0).path("label");
        return new MailboxMessage(messageId, nonEmptyText(meta, "threadId"), nonEmptyText(control, "messageTaskId"),
                nonEmptyText(meta, "subject"), nonEmptyText(meta.path("from"), "eDeliveryAddress"), to,
                nonEmptyText(control, "status"), control.path("opened").asBoolean(false), label.isTextual() ? label.asText() : null,
                nonEmptyText(meta, "caseId"), nonEmptyText(meta, "refToMessageId"), instant(meta.path("timestamp")),
                instant(meta.path("submissionDate")), instant(meta.path("receiptDate")),
                control.path("daysToReceive").isInt() ? control.path("daysToReceive").asInt() : null,
                nonEmptyText(node, "textBody"), attachments, additional);
    }

    /**
     * @param api the mailbox
     * @param messageId a message
     * @param format {@code metadata} (opens nothing) or {@code full} (for the recipient, opens the message)
     * @return the message
     */
    public static MailboxMessage readOne(MailboxApi api, String messageId, String format) {
        HttpUrl one = api.url("messages", messageId).newBuilder().addQueryParameter("format", format).build();
        JsonNode answer = api.get(one);
        JsonNode first = answer.isArray() ? answer.path(0) : answer;
        if (!first.isObject()) {
            throw new ClientException(Mailbox.SERVICE + " answered no message for " + messageId);
        }
        return message(first);
    }

    /**
     * @param api the mailbox
     * @param label {@code INBOX} or {@code SENT}
     * @return the folder's messages, oldest first, in the {@code metadata} format; pages fetched as it goes
     */
    public static Iterator<MailboxMessage> folder(MailboxApi api, String label) {
        return new Iterator<>() {
            private final Deque<MailboxMessage> page = new ArrayDeque<>();
            private int offset;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (page.isEmpty() && !done) {
                    HttpUrl list = api.url("messages").newBuilder().addQueryParameter("label", label)
                            .addQueryParameter("format", "metadata").addQueryParameter("sortColumn", "timestamp")
                            .addQueryParameter("sortDirection", "asc").addQueryParameter("offset", Integer.toString(offset))
                            .addQueryParameter("limit", Integer.toString(PAGE)).build();
                    JsonNode answer = api.get(list);
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
}
