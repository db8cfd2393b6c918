package dev.okienko.correspondence;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A receipt stored for a letter: an e-Doręczenia evidence (A.1, D.1, E.1, presumed delivery, H.*) or an ePUAP UPP,
 * with what was read from it and the verdict of its check. Its original signed bytes are kept unchanged and
 * read with {@link Correspondence#receiptBytes(String)}.
 *
 * @param id its id in the store (the timeline's {@link LetterView.Event#receiptId()})
 * @param letterId the letter
 * @param recipient the recipient's position it concerns, or null for the whole letter
 * @param kind its kind: an evidence's code (for example {@code A.1}, {@code D.1}), or {@code UPP}
 * @param sourceId the service's id of the receipt (an evidence's id, a UPP's document id)
 * @param provesAt the time it proves (sending, delivery, presumed delivery), or null when it proves none
 * @param verdict what its check found
 * @param verdictDetail why, when not {@link ReceiptVerdict#GENUINE}, or null
 * @param fields what was read from it (for example the evidence's type and message id), by name
 * @param sha256 the SHA-256 of its bytes, in hex
 * @param size the length of its bytes
 * @param storedAt when okienko stored it
 */
public record Receipt(String id, String letterId, @Nullable Integer recipient, String kind, String sourceId,
                      @Nullable Instant provesAt, ReceiptVerdict verdict, @Nullable String verdictDetail,
                      Map<String, String> fields, String sha256, long size, Instant storedAt) {

    /** Copies the fields. */
    public Receipt {
        fields = Map.copyOf(fields);
    }
}
