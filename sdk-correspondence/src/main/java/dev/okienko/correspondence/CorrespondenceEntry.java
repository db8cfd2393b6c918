package dev.okienko.correspondence;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One incoming item or outgoing letter in the one view of an office's correspondence
 * ({@link Correspondence#correspondence(CorrespondenceQuery)}). Its timeline, receipts and signature verdicts are
 * one call away: {@link Correspondence#incomingItem}, {@link Correspondence#incomingTimeline} for an incoming item,
 * {@link Correspondence#letter} and {@link Correspondence#receipts} for a letter.
 *
 * @param direction incoming or outgoing
 * @param id the item's or the letter's id
 * @param caseReference the office's case it belongs to, or null
 * @param channel its channel; for a letter, the channel all its recipients share, or null (before routing, or
 *     recipients on different channels)
 * @param parties the sender (and the box to reply to) of an incoming item, the recipients of a letter (a PESEL
 *     masked)
 * @param subject the subject or file name
 * @param status an incoming item's {@link IncomingItem.Handling}, a letter's {@link LetterStatus}, by name
 * @param at when it was received or submitted
 * @param needsAttention whether a person must look at it: an incoming item flagged, unopened or waiting for a
 *     person, a letter with an attention note
 */
public record CorrespondenceEntry(Direction direction, String id, @Nullable String caseReference, @Nullable Channel channel,
                                  List<String> parties, String subject, String status, Instant at, boolean needsAttention) {
    /** Which way an entry went. */
    public enum Direction {
        /** Received by the office. */
        INCOMING,
        /** Sent by the office. */
        OUTGOING
    }

    /** Copies the list. */
    public CorrespondenceEntry {
        parties = List.copyOf(parties);
    }
}
