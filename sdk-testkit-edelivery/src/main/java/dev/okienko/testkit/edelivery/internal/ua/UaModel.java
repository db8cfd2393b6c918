package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.edelivery.EvidenceCode;
import dev.okienko.edelivery.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the embedded UA API keeps: messages, their attachments and evidences, drafts and sending tasks. */
final class UaModel {
    private UaModel() {
    }

    /** An attachment as stored. */
    record Attachment(String id, int order, String filename, String contentType, byte[] content,
                      @Nullable String description, String hash) {
    }

    /** One issued evidence. */
    record Issued(String id, EvidenceCode code, String messageId, Instant at, byte[] xml, @Nullable String reason) {
    }

    /** One recipient's copy of a message; mutable parts are changed only under {@link MailboxState}'s lock. */
    static final class Message {
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
    record Draft(String id, String ade, JsonNode message, List<Attachment> uploads) {
    }

    /** A sending task's outcome for one recipient. */
    record Recipient(@Nullable String ade, @Nullable String messageId, @Nullable String error, @Nullable String description) {
    }

    /** A sending task. */
    static final class Task {
        final String id;
        final String sender;
        volatile boolean finished;
        final List<Recipient> results = new ArrayList<>();

        Task(String id, String sender) {
            this.id = id;
            this.sender = sender;
        }
    }
}
