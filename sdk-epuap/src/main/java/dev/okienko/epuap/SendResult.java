package dev.okienko.epuap;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What ePUAP answered to a send: the document's id and, when ePUAP issued one at once, the id and content of
 * the official acknowledgement of submission (UPP).
 *
 * @param documentId ePUAP's id of the document (identyfikatorDokumentu)
 * @param statusMessage ePUAP's status message (komunikat), if any
 * @param uppId the UPP's id (identyfikatorUpp), when issued
 * @param upp the UPP document (zalacznik), when sent along
 */
public record SendResult(String documentId, @Nullable String statusMessage, @Nullable String uppId, byte @Nullable [] upp) {

    /** @return the UPP's id, when ePUAP issued one */
    public Optional<String> uppIdValue() {
        return Optional.ofNullable(uppId);
    }

    /** @return the UPP (a copy), when ePUAP sent it along */
    public Optional<byte[]> uppDocument() {
        return Optional.ofNullable(upp).map(byte[]::clone);
    }
}
