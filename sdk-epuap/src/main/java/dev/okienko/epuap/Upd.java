package dev.okienko.epuap;

import dev.okienko.core.XmlException;
import dev.okienko.epuap.internal.Receipts;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationReport;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An official acknowledgement of delivery (UPD, urzędowe poświadczenie doręczenia) from ePUAP: proof that the
 * recipient of a document sent with {@link EpuapClient#deliver} took it. ePUAP puts it into the sender's reply
 * box (AdresOdpowiedzi) once the recipient signed the delivery draft ({@link UpdDraft}). Only a UPD whose
 * signature is valid and made with the ePUAP certificate you trust is evidence: see
 * {@link #isGenuine(X509Certificate)}.
 *
 * @param certificateId the UPD's id (IdentyfikatorPoswiadczenia)
 * @param documentId the id of the delivered document (IdentyfikatorDokumentu)
 * @param orderId the delivery order's id (IdentyfikatorZlecenia), if given
 * @param recipient the recipient as the UPD names it (Adresat)
 * @param sender the sender as the UPD names it (Nadawca)
 * @param deliveredAt when the recipient took the document (DataDoreczenia)
 * @param issuedAt when the UPD was made (DataWytworzeniaPoswiadczenia)
 * @param signature the verification of the UPD's signature
 */
public record Upd(String certificateId, String documentId, @Nullable String orderId, @Nullable String recipient,
                  @Nullable String sender, @Nullable Instant deliveredAt, @Nullable Instant issuedAt,
                  VerificationReport signature) {

    /**
     * @param xml a UPD document, e.g. the content of the document that arrived in the reply box
     * @param verifier the verifier its signature is checked with
     * @return the UPD
     * @throws XmlException when the document is not a signed UPD (malformed, hostile, without its ids, or not
     *     carrying exactly one signature)
     */
    public static Upd read(byte[] xml, SignatureVerifier verifier) {
        Receipts.Parsed upd = Receipts.read(xml, "UPD", Objects.requireNonNull(verifier, "verifier"));
        return new Upd(upd.id(), upd.documentId(), upd.text("IdentyfikatorZlecenia"), upd.text("Adresat"),
                upd.text("Nadawca"), upd.instant("DataDoreczenia"), upd.instant("DataWytworzeniaPoswiadczenia"),
                Objects.requireNonNull(upd.signature()));
    }

    /**
     * @param epuapCertificate the certificate ePUAP signs UPDs with
     * @return whether the UPD's signature is valid, made with exactly that certificate, and covers the whole
     *     document: its fields are the ones signed ({@link VerificationReport#isValidAndSignedBy})
     */
    public boolean isGenuine(X509Certificate epuapCertificate) {
        return signature.isValidAndSignedBy(Objects.requireNonNull(epuapCertificate, "epuapCertificate"));
    }
}
