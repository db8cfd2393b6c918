package dev.okienko.epuap.internal.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.SecureXml;
import dev.okienko.epuap.WsSecurityException;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** WS-Security signing and the strict verification, against wrapped, tampered and foreign messages. */
@ExtendWith(TestPkiExtension.class)
class WsSecurityTest {
    private static TestIdentity server;
    private static TestIdentity other;

    @BeforeAll
    static void setUp(TestPki pki) {
        server = pki.epuapServer();
        other = pki.seal();
    }

    private static Document envelope() {
        return SecureXml.parse(("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Header/><soapenv:Body>"
                + "<ns:OdpowiedzPullOczekujace xmlns:ns=\"http://wsdl.epuap.gov.pl/obiekty/\"><oczekujace>3</oczekujace>"
                + "</ns:OdpowiedzPullOczekujace></soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8));
    }

    private static Document signed(TestIdentity by) {
        Document doc = envelope();
        WsSecurity.sign(doc, by.privateKey(), by.certificate(), false);
        return overTheWire(doc);
    }

    /** Serialise and parse again, as a message that crossed the network. */
    private static Document overTheWire(Document doc) {
        return SecureXml.parse(bytes(doc));
    }

    private static byte[] bytes(Document doc) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SecureXml.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element body(Document doc) {
        return (Element) doc.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
    }

    @Test
    void signThenVerify_afterTheWire_accepted() {
        Document doc = signed(server);

        WsSecurity.verify(doc, server.certificate());

        String xml = new String(bytes(doc), StandardCharsets.UTF_8);
        assertThat(xml).contains("wsse:BinarySecurityToken", "xml-exc-c14n#", "rsa-sha256", "wsse:SecurityTokenReference")
                .doesNotContain("wsu:Timestamp");
    }

    @Test
    void sign_envelopeBuiltInCodeWithUndeclaredPrefixes_verifiesAfterTheWire() {
        Element op = SoapCall.newRequest("http://signing.ws.comarch.gov", "getSignedDocument");
        SoapCall.addChild(op, "id", "https://pz.example/sign/1");
        Document doc = op.getOwnerDocument();

        WsSecurity.sign(doc, server.privateKey(), server.certificate(), false);

        WsSecurity.verify(overTheWire(doc), server.certificate());
    }

    @Test
    void sign_withTimestamp_addsTimestampAndStillVerifies() {
        Document doc = envelope();
        WsSecurity.sign(doc, server.privateKey(), server.certificate(), true);

        Document received = overTheWire(doc);

        WsSecurity.verify(received, server.certificate());
        assertThat(received.getElementsByTagNameNS(WsSecurity.WSU, "Timestamp").getLength()).isEqualTo(1);
        assertThat(received.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Reference").getLength())
                .as("the Body and the Timestamp, as the published policy signs them").isEqualTo(2);
    }

    @Test
    void verify_aTimestampChangedAfterSigning_refused() {
        Document doc = envelope();
        WsSecurity.sign(doc, server.privateKey(), server.certificate(), true);
        Document received = overTheWire(doc);
        received.getElementsByTagNameNS(WsSecurity.WSU, "Expires").item(0).setTextContent("2099-01-01T00:00:00Z");

        assertThatThrownBy(() -> WsSecurity.verify(received, server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("does not verify");
    }

    @Test
    void verify_aReferenceToAnythingButTheBodyAndTheTimestamp_refused() {
        Document doc = envelope();
        WsSecurity.sign(doc, server.privateKey(), server.certificate(), true);
        Document received = overTheWire(doc);
        // the Timestamp moved out of the Security header, its Id kept: the reference now points elsewhere
        Element ts = (Element) received.getElementsByTagNameNS(WsSecurity.WSU, "Timestamp").item(0);
        Element header = (Element) received.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
        ts.getParentNode().removeChild(ts);
        header.appendChild(ts);

        assertThatThrownBy(() -> WsSecurity.verify(received, server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("not the envelope's Body (nor the Security header's Timestamp");
    }

    @Test
    void verify_bodyChanged_refused() {
        Document doc = signed(server);
        doc.getElementsByTagName("oczekujace").item(0).setTextContent("0");

        assertThatThrownBy(() -> WsSecurity.verify(doc, server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("does not verify");
    }

    @Test
    void verify_signedByAnotherCertificate_refusedNamingIt() {
        Document doc = signed(other);

        assertThatThrownBy(() -> WsSecurity.verify(doc, server.certificate()))
                .isInstanceOf(WsSecurityException.class)
                .hasMessageContaining("signed by another certificate (CN=" + cn(other) + ", issued by CN=")
                .hasMessageContaining("than the expected CN=" + cn(server))
                .hasMessageNotContaining("PNOPL").hasMessageNotContaining("2.5.4.5");
    }

    @Test
    void verify_otherKeyButTokenSwappedForExpectedCertificate_refused() throws Exception {
        Document doc = signed(other);
        Element token = (Element) doc.getElementsByTagNameNS(WsSecurity.WSSE, "BinarySecurityToken").item(0);
        token.setTextContent(java.util.Base64.getEncoder().encodeToString(server.certificate().getEncoded()));

        assertThatThrownBy(() -> WsSecurity.verify(doc, server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("does not verify");
    }

    @Test
    void verify_signedBodyMovedToHeaderAndReplacedWithSameId_refused() {
        Document doc = signed(server);
        Element original = body(doc);
        Element header = (Element) doc.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
        Element wrapper = doc.createElementNS("urn:attacker", "a:Wrapper");
        header.appendChild(wrapper);
        Element forged = (Element) original.cloneNode(true);
        forged.getElementsByTagName("oczekujace").item(0).setTextContent("999");
        doc.getDocumentElement().replaceChild(forged, original);
        wrapper.appendChild(original);

        assertThatThrownBy(() -> WsSecurity.verify(overTheWire(doc), server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("occurs more than once");
    }

    @Test
    void verify_signedBodyMovedAndNewBodyWithOwnId_refused() {
        Document doc = signed(server);
        Element original = body(doc);
        Element header = (Element) doc.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
        Element forged = (Element) original.cloneNode(true);
        forged.setAttributeNS(WsSecurity.WSU, "wsu:Id", "Body-forged");
        forged.getElementsByTagName("oczekujace").item(0).setTextContent("999");
        doc.getDocumentElement().replaceChild(forged, original);
        Element wrapper = doc.createElementNS("urn:attacker", "a:Wrapper");
        wrapper.appendChild(original);
        header.appendChild(wrapper);

        assertThatThrownBy(() -> WsSecurity.verify(overTheWire(doc), server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("not the envelope's Body");
    }

    @Test
    void verify_unsigned_refused() {
        assertThatThrownBy(() -> WsSecurity.verify(envelope(), server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("not signed");
    }

    @Test
    void verify_secondSignatureAdded_refused() {
        Document doc = signed(server);
        Element security = (Element) doc.getElementsByTagNameNS(WsSecurity.WSSE, "Security").item(0);
        security.appendChild(security.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0)
                .cloneNode(true));

        assertThatThrownBy(() -> WsSecurity.verify(doc, server.certificate()))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("exactly one ds:Signature");
    }

    private static String cn(dev.okienko.testkit.pki.TestIdentity id) {
        String dn = id.certificate().getSubjectX500Principal().getName();
        return dn.substring(dn.indexOf("CN=") + 3).split(",")[0];
    }
}
