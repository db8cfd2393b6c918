package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.edelivery.MessageStatus;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Attachment;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The views the UA API writes back: messages in the contract's formats, and attachments. */
final class Views {
    private Views() {
    }

    /**
     * @param m a message
     * @param viewer the mailbox reading it
     * @param format minimal, metadata, full or fullExtended
     * @param now the simulator's time
     * @param presumedAfter how long after D.1 a message counts as delivered
     * @return the message as the contract writes it
     */
    static ObjectNode message(Message m, String viewer, String format, Instant now, Duration presumedAfter) {
        ObjectNode node = UaRequests.JSON.createObjectNode();
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
            long seconds = Duration.between(now, m.consigned.plus(presumedAfter)).toSeconds();
            control.put("daysToReceive", Math.max(0, (seconds + 86_399) / 86_400)); // whole days left, rounded up
        }
        control.putArray("labels").addObject().put("label", m.to.equals(viewer) ? "INBOX" : "SENT");
        meta.set("from", UaRequests.JSON.createObjectNode().put("eDeliveryAddress", m.from));
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
            attachments.add(attachment(a, format.equals("fullExtended")));
        }
        return node;
    }

    static ObjectNode attachment(Attachment a, boolean withContent) {
        ObjectNode node = UaRequests.JSON.createObjectNode().put("order", a.order()).put("attachmentId", a.id());
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

    /**
     * @param o the object to fill
     * @param r a task's outcome for one recipient
     * @return {@code o}, with the message id and the addressee, as the task's result and MessageCreated give them
     */
    static ObjectNode recipient(ObjectNode o, UaModel.Recipient r) {
        if (r.messageId() != null) {
            o.put("messageId", r.messageId());
        }
        if (r.ade() != null) {
            o.putObject("addressee").put("eDeliveryAddress", r.ade());
        }
        return o;
    }
}
