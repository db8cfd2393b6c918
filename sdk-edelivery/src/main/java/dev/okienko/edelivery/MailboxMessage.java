package dev.okienko.edelivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message in a mailbox. Read with {@code metadata} (listing, {@link Mailbox#metadata(String)}) it has no
 * text, attachments or additional data; read with {@link Mailbox#open(String)} it has them.
 *
 * @param messageId its id
 * @param threadId its thread, when given
 * @param taskId the sending task that made it, when given
 * @param subject its subject, when given
 * @param from the sender's e-Delivery address, when given
 * @param to the recipients' e-Delivery addresses
 * @param status its status as the API writes it, when given
 * @param opened whether the recipient has opened it
 * @param folder where it is for this mailbox: {@code INBOX}, {@code SENT}, ...
 * @param caseId its case id, when given
 * @param refToMessageId the message it answers, when given
 * @param timestamp when it was made
 * @param submissionDate when it was submitted (A.1)
 * @param receiptDate when it was received (E.1 or presumed delivery)
 * @param daysToReceive days left to presumed delivery, when given
 * @param text its text (full reads only)
 * @param attachments its attachments (full reads only)
 * @param additionalData its additional data (full reads only)
 */
public record MailboxMessage(String messageId, @Nullable String threadId, @Nullable String taskId, @Nullable String subject,
                             @Nullable String from, List<String> to, @Nullable String status, boolean opened,
                             @Nullable String folder, @Nullable String caseId, @Nullable String refToMessageId,
                             @Nullable Instant timestamp, @Nullable Instant submissionDate, @Nullable Instant receiptDate,
                             @Nullable Integer daysToReceive, @Nullable String text, List<AttachmentInfo> attachments,
                             Map<String, String> additionalData) {
    /** Copies the collections. */
    public MailboxMessage {
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
        additionalData = Map.copyOf(additionalData);
    }

    /** @return the status as a value, when it is one this version knows */
    public Optional<MessageStatus> messageStatus() {
        return status == null ? Optional.empty() : MessageStatus.ofWireName(status);
    }
}
