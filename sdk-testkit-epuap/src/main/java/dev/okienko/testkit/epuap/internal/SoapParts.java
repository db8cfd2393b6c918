package dev.okienko.testkit.epuap.internal;

import dev.okienko.testkit.pki.internal.XmlText;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.epuap.internal.soap.SoapCall;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Pieces of ePUAP's SOAP messages that every service of the simulator reads or writes. */
final class SoapParts {
    private SoapParts() {
    }

    static SoapEndpoint.Fault wyjatek(String message) {
        return new SoapEndpoint.Fault("soapenv:Server", message, "<ob:Wyjatek xmlns:ob=\"" + Namespaces.OBJECTS
                + "\"><kod>-1</kod><komunikat>" + XmlText.escape(message) + "</komunikat></ob:Wyjatek>");
    }

    static void status(Element answer, String code, String message) {
        Element status = SoapCall.addChild(answer, "status", "");
        SoapCall.addChild(status, "kod", code);
        SoapCall.addChild(status, "komunikat", message);
    }

    static String headerValue(Element header, String name) {
        Element e = first(header, Namespaces.OBJECTS, name);
        if (e == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "missing header ob:" + name, null);
        }
        return e.getTextContent().strip();
    }

    static @Nullable Element first(Element parent, String ns, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** @return the request envelope's {@code soapenv:Header} */
    static Element header(Document request) {
        return (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
    }

    /** @return the request envelope's {@code soapenv:Body} */
    static Element body(Document request) {
        return (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
    }
}
