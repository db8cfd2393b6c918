package dev.okienko.testkit.epuap.internal;

import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import java.io.ByteArrayInputStream;
import java.security.Key;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How the embedded ePUAP checks a UPD signed by its recipient: one enveloped XML signature (XAdES is one)
 * whose references all verify and one of which covers the whole document, with the signer's certificate in
 * its KeyInfo. Uses the JDK's XML signature API, so it is independent of the SDK's verifier.
 */
public final class RecipientSignature {
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    /**
     * A UPD whose signature verified.
     *
     * @param signer the signer's certificate
     * @param document the signed UPD, parsed
     */
    public record Verified(X509Certificate signer, Document document) {
    }

    private RecipientSignature() {
    }

    /**
     * @param xml the signed UPD
     * @return the signer's certificate and the parsed document
     * @throws SoapEndpoint.Fault when it is not signed, or the signature does not verify
     */
    public static Verified verify(byte[] xml) {
        Document doc;
        try {
            doc = SecureXml.parse(xml);
        } catch (XmlException e) {
            throw refused("it is not well-formed XML: " + e.getMessage());
        }
        NodeList signatures = doc.getElementsByTagNameNS(DS, "Signature");
        if (signatures.getLength() != 1) {
            throw refused("it carries " + signatures.getLength() + " signatures, not one");
        }
        markIds(doc.getDocumentElement());
        X509Certificate[] signer = new X509Certificate[1];
        DOMValidateContext context = new DOMValidateContext(new KeySelector() {
            @Override
            public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext ctx)
                    throws KeySelectorException {
                if (keyInfo != null) {
                    for (Object o : keyInfo.getContent()) {
                        if (o instanceof X509Data data) {
                            for (Object c : data.getContent()) {
                                if (c instanceof X509Certificate cert) {
                                    signer[0] = cert;
                                    Key key = cert.getPublicKey();
                                    return () -> key;
                                }
                            }
                        }
                    }
                }
                throw new KeySelectorException("no X509Certificate in KeyInfo");
            }
        }, signatures.item(0));
        try {
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            if (!signature.validate(context)) {
                throw refused("the signature does not verify");
            }
            boolean wholeDocument = false;
            for (Object r : signature.getSignedInfo().getReferences()) {
                wholeDocument |= "".equals(((Reference) r).getURI());
            }
            if (!wholeDocument) {
                throw refused("the signature does not cover the whole document (no reference URI=\"\")");
            }
        } catch (MarshalException | XMLSignatureException e) {
            throw refused("the signature cannot be checked: " + e.getMessage());
        }
        return new Verified(copy(signer[0]), doc);
    }

    private static X509Certificate copy(X509Certificate cert) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert.getEncoded()));
        } catch (CertificateException e) {
            throw refused("its certificate cannot be read: " + e.getMessage());
        }
    }

    private static void markIds(Element e) {
        NamedNodeMap attributes = e.getAttributes();
        for (String name : List.of("Id", "ID", "id")) {
            if (attributes.getNamedItem(name) != null) {
                e.setIdAttribute(name, true);
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                markIds(child);
            }
        }
    }

    private static SoapEndpoint.Fault refused(String why) {
        return new SoapEndpoint.Fault("soapenv:Server", "Niepoprawny podpis UPD (the signed UPD is refused: " + why + ")", null);
    }
}
