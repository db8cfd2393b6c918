package dev.okienko.edelivery;

import dev.okienko.core.ClientException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Sending a letter may or may not have worked: the request went out, but its answer was lost (a dropped
 * connection, a timeout, a server error), and within the reconciliation window no message with this letter's
 * send id appeared among the sent messages. okienko does not send it again on its own, since that could
 * deliver the letter twice. Call {@link Mailbox#reconcile(SendOutcomeUnknownException)} later to find out;
 * send the letter again only when that says it did not go out.
 */
public final class SendOutcomeUnknownException extends ClientException {
    private final String sendId;
    private final Letter letter;
    private final Instant submittedAt;

    /**
     * @param message what happened
     * @param sendId the letter's send id
     * @param letter the letter
     * @param submittedAt when it was handed to the API
     * @param cause the lost answer's failure, if any
     */
    public SendOutcomeUnknownException(String message, String sendId, Letter letter, Instant submittedAt,
                                       @Nullable Throwable cause) {
        super(message, cause, false);
        this.sendId = sendId;
        this.letter = letter;
        this.submittedAt = submittedAt;
    }

    /** @return the send id the letter carries in {@code additionalData} */
    public String sendId() {
        return sendId;
    }

    /** @return the letter */
    public Letter letter() {
        return letter;
    }

    /** @return when it was handed to the API (client clock) */
    public Instant submittedAt() {
        return submittedAt;
    }
}
