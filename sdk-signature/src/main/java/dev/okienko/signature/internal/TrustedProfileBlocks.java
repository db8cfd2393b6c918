package dev.okienko.signature.internal;

import dev.okienko.core.Pesel;
import dev.okienko.core.SecureXml;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignerIdentity;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Finds the trusted-profile identity blocks ({@code ppZP:PodpisZP}, {@code EPSignature}) of each XML
 * signature, and where they are. Only a block that is a claimed role inside the very SignedProperties
 * element that the signature's SignedInfo references (by a reference of type SignedProperties, to an Id
 * that occurs once) counts as signed; a block anywhere else is reported as found outside, never trusted.
 * DSS flattens claimed roles to text, so this reads the DOM itself.
 */
public final class TrustedProfileBlocks {
    /** The XMLDSig namespace. */
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    /** The XAdES 1.3.2 namespace. */
    static final String XADES = "http://uri.etsi.org/01903/v1.3.2#";
    /** The namespace of the older trusted-profile block. */
    public static final String PPZP = "http://crd.gov.pl/xml/schematy/ppzp/";
    /** The namespace of the TpSigning5 trusted-profile block. */
    public static final String PODPIS_ZAUFANY = "http://crd.gov.pl/xml/schematy/podpis_zaufany/";
    private static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";

    /**
     * What one signature carries.
     *
     * @param signed the identity from a block inside the referenced SignedProperties, if any
     * @param outside how many identity blocks were found elsewhere in the signature or document
     */
    public record Found(@Nullable SignerIdentity signed, int outside) {
    }

    private TrustedProfileBlocks() {
    }

    /**
     * @param document a signed XML document
     * @return per signature Id attribute, what it carries; empty for documents that are not XML
     */
    public static Map<String, Found> read(Content document) {
        if (!mentionsIdentityNamespaces(document)) {
            // no identity block can be present: spare the second DOM parse of every ordinary document
            // (a block hidden behind character references would only be missed, never believed)
            return Map.of();
        }
        Document doc;
        try (InputStream in = document.openStream()) {
            doc = SecureXml.parse(in);
        } catch (Exception e) {
            return Map.of();
        }
        List<Element> allBlocks = blocks(doc.getDocumentElement());
        Map<String, Found> result = new HashMap<>();
        NodeList signatures = doc.getElementsByTagNameNS(DS, "Signature");
        for (int i = 0; i < signatures.getLength(); i++) {
            Element signature = (Element) signatures.item(i);
            Element signedProperties = referencedSignedProperties(signature);
            SignerIdentity identity = null;
            int inside = 0;
            if (signedProperties != null) {
                for (Element block : blocks(signedProperties)) {
                    if (isClaimedRoleContent(block, signedProperties)) {
                        inside++;
                        if (identity == null) {
                            identity = parse(block);
                        }
                    }
                }
            }
            result.put(signature.getAttribute("Id"), new Found(identity, allBlocks.size() - inside));
        }
        return result;
    }

    /** Streams the document once looking for either block's namespace URI; constant memory. */
    static boolean mentionsIdentityNamespaces(Content document) {
        return Bytes.containsAny(document, PPZP.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                PODPIS_ZAUFANY.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static @Nullable Element referencedSignedProperties(Element signature) {
        Element signedInfo = firstChild(signature, DS, "SignedInfo");
        if (signedInfo == null) {
            return null;
        }
        String target = null;
        for (Element ref : children(signedInfo, DS, "Reference")) {
            if (SIGNED_PROPERTIES_TYPE.equals(ref.getAttribute("Type")) && ref.getAttribute("URI").startsWith("#")) {
                if (target != null) {
                    return null; // two SignedProperties references: refuse to choose
                }
                target = ref.getAttribute("URI").substring(1);
            }
        }
        if (target == null) {
            return null;
        }
        Element found = null;
        for (Element e : descendants(signature.getOwnerDocument().getDocumentElement())) {
            if (target.equals(e.getAttribute("Id"))) {
                if (found != null) {
                    return null; // the Id occurs twice: a wrapping attempt, trust neither
                }
                found = e;
            }
        }
        boolean isSignedProperties = found != null && XADES.equals(found.getNamespaceURI())
                && "SignedProperties".equals(found.getLocalName()) && isDescendant(found, signature);
        return isSignedProperties ? found : null;
    }

    /** The block must sit at SignedProperties/SignedSignatureProperties/SignerRole(V2)/ClaimedRoles/ClaimedRole. */
    private static boolean isClaimedRoleContent(Element block, Element signedProperties) {
        Node role = block.getParentNode();
        Node roles = role == null ? null : role.getParentNode();
        Node signerRole = roles == null ? null : roles.getParentNode();
        Node ssp = signerRole == null ? null : signerRole.getParentNode();
        return is(role, "ClaimedRole") && is(roles, "ClaimedRoles")
                && (is(signerRole, "SignerRole") || is(signerRole, "SignerRoleV2"))
                && ssp != null && is(ssp, "SignedSignatureProperties") && ssp.getParentNode() == signedProperties;
    }

    private static boolean is(@Nullable Node n, String localName) {
        return n instanceof Element e && XADES.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    private static SignerIdentity parse(Element block) {
        if (PPZP.equals(block.getNamespaceURI())) {
            return new SignerIdentity(text(block, "Imie"), text(block, "Nazwisko"), pesel(text(block, "PESEL")),
                    text(block, "IdKontaUzytkownikaEpuap"), SignerIdentity.Source.PODPIS_ZP);
        }
        return new SignerIdentity(text(block, "FirstName"), text(block, "CurrentFamilyName"),
                pesel(text(block, "PersonalIdentifier")), null, SignerIdentity.Source.EP_SIGNATURE);
    }

    private static @Nullable Pesel pesel(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String digits = value.startsWith("PNOPL-") ? value.substring(6) : value;
        return Pesel.isValid(digits) ? Pesel.parse(digits) : null;
    }

    /** @return the text of the first descendant with that local name, whatever its namespace */
    private static @Nullable String text(Element within, String localName) {
        NodeList list = within.getElementsByTagNameNS("*", localName);
        if (list.getLength() == 0) {
            return null;
        }
        String t = list.item(0).getTextContent().strip();
        return t.isEmpty() ? null : t;
    }

    private static List<Element> blocks(Element root) {
        List<Element> out = new ArrayList<>();
        for (Element e : descendants(root)) {
            if ((PPZP.equals(e.getNamespaceURI()) && "PodpisZP".equals(e.getLocalName()))
                    || (PODPIS_ZAUFANY.equals(e.getNamespaceURI()) && "EPSignature".equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        out.add(root);
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    private static boolean isDescendant(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParentNode()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Element firstChild(Element parent, String ns, String localName) {
        List<Element> c = children(parent, ns, localName);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
