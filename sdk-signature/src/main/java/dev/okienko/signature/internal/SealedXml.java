package dev.okienko.signature.internal;

import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationReport;
import java.util.List;
import org.w3c.dom.Document;

/**
 * The checks every sealed receipt goes through before its fields are believed (ePUAP's UPP and UPD,
 * e-Doręczenia's evidences): small (real ones are a few kilobytes), read by okienko's hardened parser, exactly
 * one {@code ds:Signature} in the whole document, and that one signature found by the verifier. Whether the
 * signature is genuine is {@link VerificationReport#isValidAndSignedBy}.
 */
public final class SealedXml {
    /** The largest receipt read. */
    public static final int MAX_BYTES = 1 << 20;
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private SealedXml() {
    }

    /**
     * @param xml the receipt
     * @param what what it is, for messages, e.g. {@code a UPP}, {@code an evidence}
     * @return the parsed document
     * @throws XmlException when it is over {@link #MAX_BYTES}, malformed or hostile
     */
    public static Document parse(byte[] xml, String what) {
        if (xml.length > MAX_BYTES) {
            throw new XmlException(what + " is a few kilobytes; this document has " + xml.length + " bytes (at most "
                    + MAX_BYTES + " are read)", -1, -1, null);
        }
        return SecureXml.parse(xml);
    }

    /**
     * @param doc the receipt
     * @param what what it is, for messages
     * @throws XmlException when the document holds no {@code ds:Signature} or more than one
     */
    public static void requireOneSignature(Document doc, String what) {
        int signatures = doc.getElementsByTagNameNS(DS, "Signature").getLength();
        if (signatures != 1) {
            throw new XmlException(what + " carries one signature; this one has " + signatures, -1, -1, null);
        }
    }

    /**
     * @param verifier the verifier
     * @param xml the receipt
     * @param fileName its name in the verification report
     * @param what what it is, for messages
     * @return the verification of its one signature
     * @throws XmlException when the verifier finds no signature or more than one
     */
    public static VerificationReport verifyOne(SignatureVerifier verifier, byte[] xml, String fileName, String what) {
        List<VerificationReport> reports = verifier.verify(Content.of(xml, fileName)).signatures();
        if (reports.size() != 1) {
            throw new XmlException(what + " carries one signature; the verifier found " + reports.size(), -1, -1, null);
        }
        return reports.get(0);
    }
}
