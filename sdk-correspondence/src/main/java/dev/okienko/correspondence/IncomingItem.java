package dev.okienko.correspondence;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An item received through one of the office's boxes, as stored: where it came from, what it is, its content's
 * hash, the verdict over its signatures, and whether it is confirmed at the source and handled by the office.
 *
 * @param id its id in the store, stable: the handler's idempotency key
 * @param channel the channel it came through
 * @param box the office's box or mailbox it arrived in
 * @param sourceKey the service's identity of it (for ePUAP, which gives no id in a pull: a hash of the sender,
 *     the sending time and the content's digest)
 * @param sender the sender (an ePUAP entity id, an ADE)
 * @param senderName the sender's name, if given
 * @param replyTo the sender's box for answers, if given
 * @param fileName the document's file name (for e-Doręczenia, the message's subject), if given
 * @param mediaType its media type, if given
 * @param sentAt when the service says it was sent, if it says
 * @param receivedAt when okienko stored it
 * @param sha256 its content's SHA-256, in hex
 * @param size its content's length
 * @param confirmedAt when it was confirmed at the source (ePUAP {@code potwierdzOdebranie}) or opened (e-Doręczenia: the
 *     moment of delivery to the office), or null
 * @param signatures what the verification of its signatures found
 * @param flags what is wrong with it (a forged signature, hostile XML, ...): empty for a clean item
 * @param handling where the office's handling of it is
 * @param handlerAttempts how many times the handler was called for it
 * @param handlerError the handler's last error, or null
 * @param handledAt when the handler took it over, or null
 * @param parts its attachments (an e-Doręczenia message's; an ePUAP document has none: it is the content)
 * @param contentsRemoved when and why its contents were removed (retention, a party's erasure), or null while they are
 *     kept; the row, hashes and timeline stay
 * @param caseReference the office's case it was filed under ({@link Correspondence#fileIncoming}), or null
 */
public record IncomingItem(String id, Channel channel, String box, String sourceKey, String sender, @Nullable String senderName,
                           @Nullable String replyTo, @Nullable String fileName, @Nullable String mediaType, @Nullable Instant sentAt,
                           Instant receivedAt, String sha256, long size, @Nullable Instant confirmedAt, SignatureCheck signatures,
                           List<String> flags, Handling handling, int handlerAttempts, @Nullable String handlerError,
                           @Nullable Instant handledAt, List<Part> parts, @Nullable String contentsRemoved,
                           @Nullable String caseReference) {

    /** Copies the lists. */
    public IncomingItem {
        flags = List.copyOf(flags);
        parts = List.copyOf(parts);
    }

    /** @return whether nothing is flagged */
    public boolean isClean() {
        return flags.isEmpty();
    }

    /** Where the office's handling of an item is. */
    public enum Handling {
        /** An e-Doręczenia message stored as listed, left unopened for a person ({@link EDeliveryOpening#BY_A_PERSON}). */
        UNOPENED,
        /** Stored, waiting for the handler (or for its next attempt). */
        PENDING,
        /** The handler took it over. */
        HANDLED,
        /** The handler failed as often as the window allows: a person must look at it. */
        WAITING_FOR_PERSON
    }

    /**
     * What the verification of an item's signatures found.
     *
     * @param verdict in one word: {@code VALID} (every signature), {@code INVALID} (some signature),
     *     {@code INDETERMINATE}, {@code UNSIGNED} (no signature, or neither XML nor PDF), {@code UNREADABLE}
     *     (malformed or hostile XML or PDF: flagged), or {@code NOT_CHECKED} (no verifier configured, or unopened)
     * @param summary each signature's kind, signer and verdict, one per line (PESEL masked), or why none
     */
    public record SignatureCheck(String verdict, String summary) {
    }

    /**
     * An attachment of an item: what the service declared, and what arrived.
     *
     * @param position its place, from 0
     * @param fileName its file name
     * @param mediaType its media type, if declared
     * @param declaredSize the size the service declared, if it did
     * @param declaredHash the hash the service declared, if it did
     * @param sha256 the SHA-256 of what was stored, or null when it did not arrive whole (see the item's flags)
     * @param size the length of what was stored (0 when nothing was)
     * @param signatures what the verification of its signatures found
     */
    public record Part(int position, String fileName, @Nullable String mediaType, @Nullable Long declaredSize,
                       @Nullable String declaredHash, @Nullable String sha256, long size, SignatureCheck signatures) {
    }
}
