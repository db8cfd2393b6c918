package dev.okienko.correspondence;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored letter as the office sees it: its status, each recipient's channel and status with the reason for
 * the channel, and its timeline.
 *
 * @param id the letter's id
 * @param idempotencyKey the caller's key
 * @param caseReference the office's case reference, or null
 * @param subject the subject
 * @param status the letter's status (the least advanced of its recipients', or the one needing attention)
 * @param attention why a person must look at it, or null
 * @param submittedAt when it was stored
 * @param updatedAt when it last changed
 * @param recipients its recipients in order
 * @param timeline what happened to it, in order
 */
public record LetterView(String id, String idempotencyKey, @Nullable String caseReference, String subject,
                         LetterStatus status, @Nullable String attention, Instant submittedAt, Instant updatedAt,
                         List<Recipient> recipients, List<Event> timeline) {

    /** Copies the lists. */
    public LetterView {
        recipients = List.copyOf(recipients);
        timeline = List.copyOf(timeline);
    }

    /**
     * One recipient's copy.
     *
     * @param position its place among the letter's recipients, from 0
     * @param addressee the addressee as submitted (a PESEL masked)
     * @param channel its channel, or null before routing
     * @param address the ADE or box it goes to, or null
     * @param routingReason why that channel, or null before routing
     * @param status its status
     * @param statusAt since when
     * @param messageId the service's id of the copy (e-Doręczenia message id, ePUAP document id), or null
     */
    public record Recipient(int position, String addressee, @Nullable Channel channel, @Nullable String address,
                            @Nullable String routingReason, LetterStatus status, Instant statusAt, @Nullable String messageId) {
    }

    /**
     * An entry of the timeline.
     *
     * @param at when; for a receipt, the time the receipt proves
     * @param recipient the recipient's position, or null for the whole letter
     * @param status the status reached
     * @param receiptId the stored receipt that proves it, or null
     * @param detail more, or null
     */
    public record Event(Instant at, @Nullable Integer recipient, LetterStatus status, @Nullable String receiptId,
                        @Nullable String detail) {
    }
}
