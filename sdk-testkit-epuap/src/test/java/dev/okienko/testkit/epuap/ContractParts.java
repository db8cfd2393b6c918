package dev.okienko.testkit.epuap;

import dev.okienko.core.SecureXml;
import dev.okienko.epuap.internal.soap.WsSecurity;
import java.util.ArrayList;
import java.util.List;
import javax.xml.validation.Schema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Takes SOAP messages apart into their WSDL parts, to validate each against the official schema. */
final class ContractParts {
    private ContractParts() {
    }

    /**
     * @param message a SOAP envelope
     * @param section {@code Header} or {@code Body}
     * @param ns the parts' namespace
     * @return the section's children in that namespace
     */
    static List<Element> parts(Document message, String section, String ns) {
        Element parent = (Element) message.getElementsByTagNameNS(WsSecurity.SOAP, section).item(0);
        return children(parent, ns);
    }

    static List<Element> children(Element parent, String ns) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Validates each part on its own, as a document.
     *
     * @param schema the official schema
     * @param parts the parts
     * @return how many were validated
     */
    static int validate(Schema schema, List<Element> parts) {
        for (Element part : parts) {
            SecureXml.validate(schema, standalone(part));
        }
        return parts.size();
    }

    static Document standalone(Element part) {
        Document doc = SecureXml.newDocumentBuilder().newDocument();
        doc.appendChild(doc.importNode(part, true));
        return doc;
    }
}
