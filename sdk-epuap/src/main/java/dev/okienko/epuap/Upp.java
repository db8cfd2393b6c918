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
 * An official acknowledgement of submission (UPP, urzędowe poświadczenie przedłożenia) from ePUAP: its
 * fields, and the verification of its signature. Only a UPP whose signature is valid and made with the
 * ePUAP certificate you trust is evidence: see {@link #isGenuine(X509Certificate)}.
 *
 * @param certificateId the UPP's id (IdentyfikatorPoswiadczenia)
 * @param documentId the id of the document it acknowledges (IdentyfikatorDokumentu)
 * @param recipient the recipient as the UPP names it (Adresat), as text
 * @param sender the sender as the UPP names it (Nadawca), as text
 * @param deliveredAt when the document was delivered (DataDoreczenia)
 * @param issuedAt when the UPP was made (DataWytworzeniaPoswiadczenia)
 * @param signature the verification of the UPP's signature
 */
public record Upp(String certificateId, String documentId, @Nullable String recipient, @Nullable String sender,
                  @Nullable Instant deliveredAt, @Nullable Instant issuedAt, VerificationReport signature) {

    /** The namespace of UPP and UPD documents. */
    public static final String NAMESPACE = Receipts.NAMESPACE;

    /**
     * @param xml a UPP document, e.g. {@link SendResult#uppDocument()}
     * @param verifier the verifier its signature is checked with
     * @return the UPP
     * @throws XmlException when the document is not a UPP (malformed, hostile, or without its required fields)
     */
    public static Upp read(byte[] xml, SignatureVerifier verifier) {
        Receipts.Parsed upp = Receipts.read(xml, "UPP", Objects.requireNonNull(verifier, "verifier"));
        return new Upp(upp.id(), upp.documentId(), upp.text("Adresat"), upp.text("Nadawca"), upp.instant("DataDoreczenia"),
                upp.instant("DataWytworzeniaPoswiadczenia"), Objects.requireNonNull(upp.signature()));
    }

    /**
     * @param epuapCertificate the certificate ePUAP signs UPPs with
     * @return whether the UPP's signature is valid, made with exactly that certificate, and covers the whole
     *     document: its fields are the ones signed ({@link VerificationReport#isValidAndSignedBy})
     */
    public boolean isGenuine(X509Certificate epuapCertificate) {
        return signature.isValidAndSignedBy(Objects.requireNonNull(epuapCertificate, "epuapCertificate"));
    }
}
