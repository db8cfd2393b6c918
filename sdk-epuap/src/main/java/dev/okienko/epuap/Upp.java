package dev.okienko.epuap;

import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Verdict;
import dev.okienko.signature.VerificationReport;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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
    public static final String NAMESPACE = "http://crd.gov.pl/xml/schematy/UPO/2008/05/09/";

    /**
     * @param xml a UPP document, e.g. {@link SendResult#uppDocument()}
     * @param verifier the verifier its signature is checked with
     * @return the UPP
     * @throws XmlException when the document is not a UPP (malformed, hostile, or without its required fields)
     */
    public static Upp read(byte[] xml, SignatureVerifier verifier) {
        Document doc = SecureXml.parse(xml);
        NodeList upps = doc.getElementsByTagNameNS(NAMESPACE, "UPP");
        if (upps.getLength() != 1) {
            throw new XmlException("not a UPP: expected one upo:UPP element, found " + upps.getLength(), -1, -1, null);
        }
        Element upp = (Element) upps.item(0);
        String id = text(upp, "IdentyfikatorPoswiadczenia");
        String documentId = text(upp, "IdentyfikatorDokumentu");
        if (id == null || documentId == null) {
            throw new XmlException("the UPP lacks IdentyfikatorPoswiadczenia or IdentyfikatorDokumentu", -1, -1, null);
        }
        List<VerificationReport> reports = verifier.verify(Content.of(xml, "UPP.xml")).signatures();
        if (reports.size() != 1) {
            throw new XmlException("a UPP carries one signature; this one has " + reports.size(), -1, -1, null);
        }
        return new Upp(id, documentId, text(upp, "Adresat"), text(upp, "Nadawca"), instant(text(upp, "DataDoreczenia")),
                instant(text(upp, "DataWytworzeniaPoswiadczenia")), reports.get(0));
    }

    /**
     * @param epuapCertificate the certificate ePUAP signs UPPs with
     * @return whether the UPP's signature is valid and made with exactly that certificate
     */
    public boolean isGenuine(X509Certificate epuapCertificate) {
        Objects.requireNonNull(epuapCertificate, "epuapCertificate");
        X509Certificate signer = signature.signerCertificate();
        try {
            return signature.verdict() == Verdict.VALID && signer != null
                    && Arrays.equals(signer.getEncoded(), epuapCertificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    private static @Nullable String text(Element within, String localName) {
        NodeList list = within.getElementsByTagNameNS(NAMESPACE, localName);
        if (list.getLength() == 0) {
            return null;
        }
        String t = list.item(0).getTextContent().strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }

    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
