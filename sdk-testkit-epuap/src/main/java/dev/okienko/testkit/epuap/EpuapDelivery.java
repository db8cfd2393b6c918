package dev.okienko.testkit.epuap;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A document delivered with {@code dorecz} to the embedded ePUAP ({@link EpuapSimulator}), kept back until its
 * recipient signs the UPD.
 *
 * @param orderId the delivery order's id (identyfikatorZlecenia)
 * @param documentId the document's id
 * @param senderEntityId who delivered it
 * @param box the recipient's box
 * @param replyTo the sender's box, which gets the UPD
 * @param deadline until when it can be taken, or null
 * @param caseId the case it belongs to, or null
 * @param document the document, as it will arrive
 * @param acknowledged whether the recipient signed the UPD and the document was released
 */
public record EpuapDelivery(String orderId, String documentId, String senderEntityId, String box, String replyTo,
                            @Nullable Instant deadline, @Nullable String caseId, InboxDocument document, boolean acknowledged) {
}
