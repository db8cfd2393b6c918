package dev.okienko.edelivery;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a finished sending task did for each recipient.
 *
 * @param taskId the task
 * @param recipients one outcome per recipient
 */
public record SendReport(String taskId, List<Recipient> recipients) {
    /**
     * One recipient's outcome.
     *
     * @param address the recipient's e-Delivery address as the API gives it (null for a hybrid letter)
     * @param messageId the id of the message made for them, when one was
     * @param error the API's error code, when it failed
     * @param errorDescription the API's words, when it failed
     */
    public record Recipient(@Nullable String address, @Nullable String messageId, @Nullable String error,
                            @Nullable String errorDescription) {
        /** @return whether a message was made for this recipient */
        public boolean accepted() {
            return messageId != null && error == null;
        }
    }

    /** Copies the list. */
    public SendReport {
        recipients = List.copyOf(recipients);
    }

    /** @return whether every recipient got a message */
    public boolean allAccepted() {
        return !recipients.isEmpty() && recipients.stream().allMatch(Recipient::accepted);
    }

    /**
     * @param address a recipient's address
     * @return the message id made for them
     */
    public Optional<String> messageIdFor(String address) {
        return recipients.stream().filter(r -> address.equals(r.address())).map(Recipient::messageId)
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
