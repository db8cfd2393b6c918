package dev.okienko.testkit.pki;

import dev.okienko.core.SecureXml;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A minimal XAdES-BASELINE-B producer of the test kit's own, built on the JDK's XML signature API and not
 * on DSS or okienko's signer: enveloped signatures with signing time, SigningCertificate and, optionally,
 * claimed roles carrying any XML (as trusted-profile signatures carry the person's identity). It signs test
 * trusted lists, and gives verifiers signatures that okienko did not make.
 */
public final class TestXadesSigner {
    /** The XAdES 1.3.2 namespace. */
    public static final String XADES = "http://uri.etsi.org/01903/v1.3.2#";
    private static final String DS = XMLSignature.XMLNS;

    private TestXadesSigner() {
    }

    /**
     * @param xml the document to sign (the signature goes in as the root's last child)
     * @param signer the key and chain
     * @return the signed document
     */
    public static byte[] signEnveloped(byte[] xml, TestIdentity signer) {
        return signEnveloped(xml, signer, Instant.now(), List.of());
    }

    /**
     * @param xml the document to sign
     * @param signer the key and chain
     * @param signingTime the claimed signing time
     * @param claimedRoles XML fragments, each the content of one {@code xades:ClaimedRole} (well-formed XML
     *     with its own namespace declarations), e.g. a {@code ppZP:PodpisZP} block
     * @return the signed document
     */
    public static byte[] signEnveloped(byte[] xml, TestIdentity signer, Instant signingTime, List<String> claimedRoles) {
        Objects.requireNonNull(signer, "signer");
        try {
            Document doc = SecureXml.parse(xml);
            String id = UUID.randomUUID().toString();
            String signatureId = "id-" + id;
            String propertiesId = "xades-" + signatureId;
            String referenceId = "r-" + signatureId;

            Element qualifying = doc.createElementNS(XADES, "xades:QualifyingProperties");
            qualifying.setAttribute("Target", "#" + signatureId);
            Element signedProperties = child(qualifying, XADES, "xades:SignedProperties");
            signedProperties.setAttribute("Id", propertiesId);
            signedProperties.setIdAttribute("Id", true);
            Element sigProps = child(signedProperties, XADES, "xades:SignedSignatureProperties");
            child(sigProps, XADES, "xades:SigningTime").setTextContent(signingTime.truncatedTo(ChronoUnit.SECONDS).toString());
            X509Certificate cert = signer.certificate();
            // the XAdES 1.3.2 forms (SigningCertificate, SignerRole): what the trusted profile and trusted lists use,
            // and what the 1.3.2 schema (against which DSS checks trusted lists) defines
            Element certElement = child(child(sigProps, XADES, "xades:SigningCertificate"), XADES, "xades:Cert");
            Element certDigest = child(certElement, XADES, "xades:CertDigest");
            child(certDigest, DS, "ds:DigestMethod").setAttribute("Algorithm", DigestMethod.SHA256);
            child(certDigest, DS, "ds:DigestValue").setTextContent(
                    Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
            Element issuerSerial = child(certElement, XADES, "xades:IssuerSerial");
            child(issuerSerial, DS, "ds:X509IssuerName").setTextContent(cert.getIssuerX500Principal().getName());
            child(issuerSerial, DS, "ds:X509SerialNumber").setTextContent(cert.getSerialNumber().toString());
            if (!claimedRoles.isEmpty()) {
                Element roles = child(child(sigProps, XADES, "xades:SignerRole"), XADES, "xades:ClaimedRoles");
                for (String role : claimedRoles) {
                    Element claimed = child(roles, XADES, "xades:ClaimedRole");
                    Node content = doc.importNode(SecureXml.parse(role.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .getDocumentElement(), true);
                    claimed.appendChild(content);
                }
            }
            Element dataProps = child(signedProperties, XADES, "xades:SignedDataObjectProperties");
            Element format = child(dataProps, XADES, "xades:DataObjectFormat");
            format.setAttribute("ObjectReference", "#" + referenceId);
            child(format, XADES, "xades:MimeType").setTextContent("text/xml");

            XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
            DigestMethod sha256 = f.newDigestMethod(DigestMethod.SHA256, null);
            Transform exclusive = f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null);
            Reference content = f.newReference("", sha256,
                    List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null), exclusive), null, referenceId);
            Reference properties = f.newReference("#" + propertiesId, sha256, List.of(exclusive),
                    "http://uri.etsi.org/01903#SignedProperties", null);
            SignedInfo signedInfo = f.newSignedInfo(
                    f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    f.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(content, properties));
            KeyInfoFactory kif = f.getKeyInfoFactory();
            X509Data x509 = kif.newX509Data(new ArrayList<>(signer.chain()));
            KeyInfo keyInfo = kif.newKeyInfo(List.of(x509));
            XMLObject object = f.newXMLObject(List.of(new DOMStructure(qualifying)), null, null, null);
            XMLSignature signature = f.newXMLSignature(signedInfo, keyInfo, List.of(object), signatureId, null);
            DOMSignContext context = new DOMSignContext(signer.privateKey(), doc.getDocumentElement());
            context.setDefaultNamespacePrefix("ds");
            signature.sign(context);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SecureXml.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (GeneralSecurityException | javax.xml.crypto.MarshalException | javax.xml.crypto.dsig.XMLSignatureException
                 | TransformerException e) {
            throw new IllegalStateException("the test kit could not sign: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String namespace, String qualifiedName) {
        Element e = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
        parent.appendChild(e);
        return e;
    }
}
