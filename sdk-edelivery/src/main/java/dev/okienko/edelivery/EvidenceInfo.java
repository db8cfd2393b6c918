package dev.okienko.edelivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An evidence as the UA API lists it; {@link Mailbox#evidence(EvidenceInfo, dev.okienko.signature.SignatureVerifier)}
 * downloads and verifies the signed document.
 *
 * @param evidenceId its id
 * @param messageId the message it is about
 * @param type the type as the API writes it, e.g. {@code A.1}, {@code BPOX}
 * @param code the kind, when this version knows the type
 * @param eventDate when the event happened, when given
 * @param createDate when the evidence was made, when given
 * @param downloaded whether it was downloaded before
 * @param reasonId the reason's id, when given
 * @param reasonDetails the reason in words, possibly empty
 */
public record EvidenceInfo(String evidenceId, String messageId, String type, Optional<EvidenceCode> code,
                           @Nullable Instant eventDate, @Nullable Instant createDate, boolean downloaded,
                           @Nullable String reasonId, List<String> reasonDetails) {
    /** Copies the list. */
    public EvidenceInfo {
        reasonDetails = List.copyOf(reasonDetails);
    }
}
