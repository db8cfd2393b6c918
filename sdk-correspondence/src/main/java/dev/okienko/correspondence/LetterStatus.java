package dev.okienko.correspondence;

import dev.okienko.edelivery.MessageStatus;

/** Where a letter, or one recipient's copy of it, is on its way. */
public enum LetterStatus {
    /** Stored; not yet routed. */
    SUBMITTED,
    /** Its channel is decided; not yet sent. */
    ROUTED,
    /** Being sent: the send id is stored, the service's answer is not (yet). */
    SENDING,
    /** The service accepted it; receipts are being collected. */
    SENT,
    /** Delivered (e-Doręczenia E.1, an ePUAP UPD). */
    DELIVERED,
    /** Presumed delivered (e-Doręczenia, 14 days after D.1 without opening). */
    PRESUMED_DELIVERED,
    /** No channel reaches the recipient; the reason is kept. Needs a person. */
    UNDELIVERABLE,
    /** The service refused it. Needs a person. */
    REFUSED,
    /** Whether it was sent could not be settled. Needs a person; it is never sent again by itself. */
    OUTCOME_UNKNOWN;

    /** @return whether nothing more happens to it by itself: delivered, presumed delivered, or a person's */
    boolean isFinal() {
        return this == DELIVERED || this == PRESUMED_DELIVERED || needsAttention();
    }

    /** @return what an e-Doręczenia message's status means for the copy sent with it */
    static LetterStatus of(MessageStatus s) {
        return switch (s) {
            case DORECZONA -> DELIVERED;
            case UZNANA_ZA_DORECZONA -> PRESUMED_DELIVERED;
            case ODRZUCONA, NIEDORECZONA -> REFUSED;
            default -> SENT;
        };
    }

    /** @return whether a person must look at it */
    public boolean needsAttention() {
        return this == UNDELIVERABLE || this == REFUSED || this == OUTCOME_UNKNOWN;
    }
}
