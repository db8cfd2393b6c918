package dev.okienko.epuap.internal.soap;

import dev.okienko.epuap.WsSecurityException;
import dev.okienko.signature.internal.SubjectIdentifiers;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * WS-Security for ePUAP-style SOAP 1.1 messages, as DOMAIN.md describes them: an X.509
 * BinarySecurityToken, a {@code ds:Signature} over the Body (referenced by {@code wsu:Id}) with exclusive
 * C14N, RSA-SHA256 and SHA-256 digests, the key named by a SecurityTokenReference, and optionally a Timestamp.
 *
 * <p>Verification is strict about what was signed: exactly one signature, exactly one reference, and that
 * reference must resolve to the envelope's own Body (the direct child of the Envelope) through an Id that
 * occurs once in the message. Every signature-wrapping variant that moves the signed Body elsewhere and puts
 * another in its place fails one of those checks.
 */
public final class WsSecurity {
    /** The SOAP 1.1 envelope namespace. */
    public static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    /** The SHA-256 digest method's URI. */
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    /** The WS-Security extension namespace. */
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** The WS-Security utility namespace ({@code wsu:Id}, Timestamp). */
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final String X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    private static final String BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

    static {
        org.apache.xml.security.Init.init();
    }

    private WsSecurity() {
    }

    /**
     * Signs the envelope's Body in place.
     *
     * @param envelope a SOAP 1.1 envelope with a Body
     * @param key the system's private key
     * @param certificate the system's certificate, sent as the BinarySecurityToken
     * @param timestamp whether to add a {@code wsu:Timestamp} (the published policy names one; working
     *     clients send none)
     */
    public static void sign(Document envelope, PrivateKey key, X509Certificate certificate, boolean timestamp) {
        sign(envelope, key, certificate, timestamp, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, SHA256, null);
    }

    /**
     * Signs the envelope's Body in place with the system's credentials: a key on a PKCS#11 token signs through the
     * token's provider.
     *
     * @param envelope a SOAP 1.1 envelope with a Body
     * @param credentials the system's key and certificate
     * @param timestamp whether to add a {@code wsu:Timestamp}
     */
    public static void sign(Document envelope, dev.okienko.core.SystemCredentials credentials, boolean timestamp) {
        sign(envelope, credentials.privateKey(), credentials.certificate(), timestamp, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                SHA256, credentials.keyProvider().orElse(null));
    }

    /**
     * Signs the envelope's Body in place with the algorithms given: for tests of what a receiver refuses (ePUAP takes
     * RSA-SHA256 with SHA-256 digests only).
     *
     * @param envelope a SOAP 1.1 envelope with a Body
     * @param key the system's private key
     * @param certificate the system's certificate, sent as the BinarySecurityToken
     * @param timestamp whether to add a {@code wsu:Timestamp}
     * @param signatureAlgorithm the {@code SignatureMethod}
     * @param digestAlgorithm the Body reference's {@code DigestMethod}
     */
    public static void sign(Document envelope, PrivateKey key, X509Certificate certificate, boolean timestamp,
                            String signatureAlgorithm, String digestAlgorithm) {
        sign(envelope, key, certificate, timestamp, signatureAlgorithm, digestAlgorithm, null);
    }

    private static void sign(Document envelope, PrivateKey key, X509Certificate certificate, boolean timestamp,
                             String signatureAlgorithm, String digestAlgorithm, java.security.@Nullable Provider provider) {
        try {
            // namespace fixup: a DOM built in code may use prefixes it never declared; canonicalisation sees only
            // declared namespaces, so declare them before signing, or the receiver digests something else
            envelope.getDomConfig().setParameter("namespaces", true);
            envelope.normalizeDocument();
            Element root = envelope.getDocumentElement();
            Element body = onlyChild(root, SOAP, "Body");
            if (body == null) {
                throw new WsSecurityException("the envelope has no Body to sign", null);
            }
            Element header = onlyChild(root, SOAP, "Header");
            if (header == null) {
                header = envelope.createElementNS(SOAP, root.getPrefix() == null ? "Header" : root.getPrefix() + ":Header");
                root.insertBefore(header, body);
            }
            Element security = envelope.createElementNS(WSSE, "wsse:Security");
            security.setAttributeNS(XMLNS, "xmlns:wsse", WSSE);
            security.setAttributeNS(XMLNS, "xmlns:wsu", WSU);
            security.setAttributeNS(SOAP, root.getPrefix() == null ? "mustUnderstand" : root.getPrefix() + ":mustUnderstand", "1");
            header.appendChild(security);

            String tokenId = "X509-" + UUID.randomUUID();
            Element token = envelope.createElementNS(WSSE, "wsse:BinarySecurityToken");
            token.setAttribute("EncodingType", BASE64);
            token.setAttribute("ValueType", X509V3);
            token.setAttributeNS(WSU, "wsu:Id", tokenId);
            token.setTextContent(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            security.appendChild(token);

            String timestampId = null;
            if (timestamp) {
                Element ts = envelope.createElementNS(WSU, "wsu:Timestamp");
                timestampId = "TS-" + UUID.randomUUID();
                ts.setAttributeNS(WSU, "wsu:Id", timestampId);
                ts.setIdAttributeNS(WSU, "Id", true);
                java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                Element created = envelope.createElementNS(WSU, "wsu:Created");
                created.setTextContent(now.toString());
                Element expires = envelope.createElementNS(WSU, "wsu:Expires");
                expires.setTextContent(now.plusSeconds(300).toString());
                ts.appendChild(created);
                ts.appendChild(expires);
                security.appendChild(ts);
            }

            String bodyId = body.hasAttributeNS(WSU, "Id") ? body.getAttributeNS(WSU, "Id") : "Body-" + UUID.randomUUID();
            // declare wsu on the Body itself: canonicalisation sees only declared namespaces, and the signed form
            // must be the one the serialised message will have
            body.setAttributeNS(XMLNS, "xmlns:wsu", WSU);
            body.setAttributeNS(WSU, "wsu:Id", bodyId);
            body.setIdAttributeNS(WSU, "Id", true);

            XMLSignature signature = new XMLSignature(envelope, "", signatureAlgorithm, Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS,
                    provider);
            security.appendChild(signature.getElement());
            Transforms transforms = new Transforms(envelope);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("#" + bodyId, transforms, digestAlgorithm);
            if (timestampId != null) {
                // the published policy signs the Timestamp too, so that an old message cannot be replayed as new
                Transforms tsTransforms = new Transforms(envelope);
                tsTransforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
                signature.addDocument("#" + timestampId, tsTransforms, digestAlgorithm);
            }
            Element str = envelope.createElementNS(WSSE, "wsse:SecurityTokenReference");
            Element reference = envelope.createElementNS(WSSE, "wsse:Reference");
            reference.setAttribute("URI", "#" + tokenId);
            reference.setAttribute("ValueType", X509V3);
            str.appendChild(reference);
            signature.getKeyInfo().addUnknownElement(str);
            signature.sign(key);
        } catch (XMLSecurityException | CertificateEncodingException e) {
            throw new WsSecurityException("cannot sign the SOAP message: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies that the envelope's own Body was signed by {@code expected}. Returns normally only then.
     *
     * @param envelope a received SOAP 1.1 envelope
     * @param expected the certificate the answer must be signed with (e.g. the ePUAP server's)
     * @throws WsSecurityException naming what is wrong
     */
    public static void verify(Document envelope, X509Certificate expected) {
        Element root = envelope.getDocumentElement();
        if (!SOAP.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw new WsSecurityException("not a SOAP 1.1 envelope", null);
        }
        Element body = onlyChild(root, SOAP, "Body");
        Element header = onlyChild(root, SOAP, "Header");
        if (body == null || header == null) {
            throw new WsSecurityException("the envelope needs exactly one Header and one Body", null);
        }
        Element security = onlyChild(header, WSSE, "Security");
        if (security == null) {
            throw new WsSecurityException("the message has no (or more than one) wsse:Security header: it is not signed", null);
        }
        List<Element> signatures = descendants(root, Constants.SignatureSpecNS, "Signature");
        if (signatures.size() != 1 || signatures.get(0).getParentNode() != security) {
            throw new WsSecurityException("expected exactly one ds:Signature, in the wsse:Security header; found "
                    + signatures.size(), null);
        }
        String bodyId = body.getAttributeNS(WSU, "Id");
        if (bodyId.isEmpty()) {
            throw new WsSecurityException("the Body has no wsu:Id, so no signature can cover it", null);
        }
        if (countIds(root, bodyId) != 1) {
            throw new WsSecurityException("the Body's Id \"" + bodyId + "\" occurs more than once: signature wrapping", null);
        }
        body.setIdAttributeNS(WSU, "Id", true);
        // the Timestamp the published policy names, when there is one: a direct child of the Security header
        Element timestamp = onlyChild(security, WSU, "Timestamp");
        String timestampId = timestamp == null ? "" : timestamp.getAttributeNS(WSU, "Id");
        if (timestamp != null && !timestampId.isEmpty()) {
            if (countIds(root, timestampId) != 1) {
                throw new WsSecurityException("the Timestamp's Id \"" + timestampId + "\" occurs more than once: signature wrapping", null);
            }
            timestamp.setIdAttributeNS(WSU, "Id", true);
        }
        try {
            XMLSignature signature = new XMLSignature(signatures.get(0), "", true);
            int references = signature.getSignedInfo().getLength();
            boolean bodySigned = false;
            for (int i = 0; i < references; i++) {
                Reference ref = signature.getSignedInfo().item(i);
                if (("#" + bodyId).equals(ref.getURI()) && !bodySigned) {
                    bodySigned = true;
                } else if (timestampId.isEmpty() || !("#" + timestampId).equals(ref.getURI()) || references != 2) {
                    throw new WsSecurityException("the signature covers \"" + ref.getURI() + "\", not the envelope's Body (nor the "
                            + "Security header's Timestamp, the one other part it may cover): signature wrapping", null);
                }
            }
            if (!bodySigned) {
                throw new WsSecurityException("the signature does not cover the envelope's Body: signature wrapping", null);
            }
            X509Certificate sent = tokenCertificate(security);
            if (sent != null && !Arrays.equals(sent.getEncoded(), expected.getEncoded())) {
                throw new WsSecurityException("the message is signed by another certificate (" + describe(sent)
                        + ") than the expected " + describe(expected), null);
            }
            if (!signature.checkSignatureValue(expected.getPublicKey())) {
                throw new WsSecurityException("the signature over the Body does not verify with the expected certificate "
                        + "(the message was changed, or signed by another key)", null);
            }
        } catch (XMLSecurityException | CertificateEncodingException e) {
            throw new WsSecurityException("the message's signature cannot be checked: " + e.getMessage(), e);
        }
    }

    /**
     * @param envelope a received envelope
     * @return the certificate in its BinarySecurityToken, when it has one (not yet verified: see {@link #verify})
     */
    public static @Nullable X509Certificate senderCertificate(Document envelope) {
        Element header = onlyChild(envelope.getDocumentElement(), SOAP, "Header");
        Element security = header == null ? null : onlyChild(header, WSSE, "Security");
        return security == null ? null : tokenCertificate(security);
    }

    private static @Nullable X509Certificate tokenCertificate(Element security) {
        Element token = onlyChild(security, WSSE, "BinarySecurityToken");
        if (token == null) {
            return null;
        }
        try {
            byte[] der = SoapCall.strictBase64(token.getTextContent());
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (IllegalArgumentException | java.security.cert.CertificateException e) {
            throw new WsSecurityException("the BinarySecurityToken is not a certificate", e);
        }
    }

    private static int countIds(Element root, String id) {
        int n = 0;
        for (Element e : descendants(root, "*", "*")) {
            if (id.equals(e.getAttributeNS(WSU, "Id")) || id.equals(e.getAttribute("Id")) || id.equals(e.getAttribute("ID"))
                    || id.equals(e.getAttribute("id"))) {
                n++;
            }
        }
        return n;
    }

    private static List<Element> descendants(Element root, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        if (("*".equals(ns) || ns.equals(root.getNamespaceURI())) && ("*".equals(localName) || localName.equals(root.getLocalName()))) {
            out.add(root);
        }
        NodeList list = root.getElementsByTagNameNS(ns, localName);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** @return the only child element with that name, or null when there is none or more than one */
    static @Nullable Element onlyChild(Element parent, String ns, String localName) {
        Element found = null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                if (found != null) {
                    return null;
                }
                found = e;
            }
        }
        return found;
    }

    /**
     * Names a certificate for an error message by its common name, issuer's common name and serial number only:
     * subject DNs of natural persons carry the PESEL (SERIALNUMBER=PNOPL-...), which must not reach logs.
     */
    static String describe(X509Certificate certificate) {
        return "CN=" + SubjectIdentifiers.commonName(certificate.getSubjectX500Principal()).orElse("?") + ", issued by CN="
                + SubjectIdentifiers.commonName(certificate.getIssuerX500Principal()).orElse("?") + ", serial "
                + certificate.getSerialNumber().toString(16);
    }
}
