package dev.okienko.epuap.internal;

import dev.okienko.core.XmlException;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.internal.SealedXml;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads ePUAP's official acknowledgements (UPP and UPD, namespace {@link #NAMESPACE}): one {@code upo:UPP} or
 * {@code upo:UPD} element with its fields, and one signature, checked by sdk-signature.
 */
public final class Receipts {
    /** The namespace of UPP and UPD documents. */
    public static final String NAMESPACE = "http://crd.gov.pl/xml/schematy/UPO/2008/05/09/";

    /**
     * What a receipt says.
     *
     * @param fields the receipt's element (UPP or UPD)
     * @param id IdentyfikatorPoswiadczenia
     * @param documentId IdentyfikatorDokumentu
     * @param signature the verification of its one signature, or null when it was not verified
     */
    public record Parsed(Element fields, String id, String documentId, @Nullable VerificationReport signature) {
        /**
         * @param localName a field's local name
         * @return its text with whitespace collapsed, or null when absent or empty
         */
        public @Nullable String text(String localName) {
            return Receipts.text(fields, localName);
        }

        /**
         * @param localName a date-time field's local name
         * @return its value, or null when absent or unreadable
         */
        public @Nullable Instant instant(String localName) {
            return SoapCall.instant(text(localName));
        }
    }

    private Receipts() {
    }

    /**
     * @param xml the receipt document
     * @param kind {@code UPP} or {@code UPD}
     * @param verifier checks its signature; null to read the fields only (a draft, not yet signed)
     * @return the receipt's fields and signature
     * @throws XmlException when the document is over 1 MiB, malformed, hostile, not that kind of receipt, lacks its ids,
     *     or does not carry exactly one signature
     */
    public static Parsed read(byte[] xml, String kind, @Nullable SignatureVerifier verifier) {
        Document doc = SealedXml.parse(xml, "a " + kind);
        Element root = doc.getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"Dokument".equals(root.getLocalName())) {
            throw new XmlException("not a " + kind + ": the root is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", not upo:Dokument", -1, -1, null);
        }
        NodeList found = doc.getElementsByTagNameNS(NAMESPACE, kind);
        if (found.getLength() != 1) {
            throw new XmlException("not a " + kind + ": expected one upo:" + kind + " element, found " + found.getLength(),
                    -1, -1, null);
        }
        if (verifier != null) {
            SealedXml.requireOneSignature(doc, "a " + kind);
        }
        Element fields = (Element) found.item(0);
        String id = text(fields, "IdentyfikatorPoswiadczenia");
        String documentId = text(fields, "IdentyfikatorDokumentu");
        if (id == null || documentId == null) {
            throw new XmlException("the " + kind + " lacks IdentyfikatorPoswiadczenia or IdentyfikatorDokumentu", -1, -1, null);
        }
        VerificationReport report = verifier == null ? null : SealedXml.verifyOne(verifier, xml, kind + ".xml", "a " + kind);
        return new Parsed(fields, id, documentId, report);
    }

    private static @Nullable String text(Element within, String localName) {
        NodeList list = within.getElementsByTagNameNS(NAMESPACE, localName);
        if (list.getLength() == 0) {
            return null;
        }
        String t = list.item(0).getTextContent().strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }
}
