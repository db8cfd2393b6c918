package dev.okienko.epuap;

import dev.okienko.core.PrintableText;
import dev.okienko.core.XmlException;
import dev.okienko.epuap.internal.Receipts;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A document waiting for its recipient: the unsigned UPD that ePUAP puts into the recipient's box when someone
 * {@link EpuapClient#deliver delivers} a document to it. The document itself comes only after the recipient
 * signs this draft and hands it back ({@link EpuapClient#acknowledge}); the sender then gets the {@link Upd}.
 *
 * @param certificateId the UPD's id (IdentyfikatorPoswiadczenia)
 * @param documentId the waiting document's id (IdentyfikatorDokumentu)
 * @param orderId the delivery order's id (IdentyfikatorZlecenia), if given
 * @param recipient the recipient's box (Adresat)
 * @param sender the sender (Nadawca)
 * @param deadline until when the document can be taken (TerminDoreczenia), if given
 * @param xml the draft as ePUAP sent it: what the recipient signs
 */
public record UpdDraft(String certificateId, String documentId, @Nullable String orderId, @Nullable String recipient,
                       @Nullable String sender, @Nullable Instant deadline, byte[] xml) {

    /** Copies the array. */
    public UpdDraft {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(documentId, "documentId");
        xml = Objects.requireNonNull(xml, "xml").clone();
    }

    /**
     * @param document a document taken from an inbox
     * @return the UPD draft it is, or empty when it is something else (including a UPD that is already signed)
     */
    public static Optional<UpdDraft> of(IncomingDocument document) {
        byte[] content = document.content();
        if (!looksLikeUpd(content)) {
            return Optional.empty();
        }
        try {
            Receipts.Parsed draft = Receipts.read(content, "UPD", null);
            if (draft.fields().getOwnerDocument().getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")
                    .getLength() > 0) {
                return Optional.empty();
            }
            return Optional.of(new UpdDraft(draft.id(), draft.documentId(), draft.text("IdentyfikatorZlecenia"),
                    draft.text("Adresat"), draft.text("Nadawca"), draft.instant("TerminDoreczenia"), content));
        } catch (XmlException e) {
            return Optional.empty();
        }
    }

    /** @return the draft (a copy) */
    @Override
    public byte[] xml() {
        return xml.clone();
    }

    @Override
    public String toString() {
        return PrintableText.of("UpdDraft[" + certificateId + " for document " + documentId + " from " + sender + "]");
    }

    /** A cheap look before parsing: the UPO namespace and a UPD element within the first kilobytes. */
    private static boolean looksLikeUpd(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
        return head.contains(Receipts.NAMESPACE) && head.contains("UPD");
    }
}
