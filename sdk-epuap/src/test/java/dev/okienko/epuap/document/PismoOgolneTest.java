package dev.okienko.epuap.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.Regon;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.core.XmlSecurityException;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.Verdict;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Pismo ogólne: written, read back equal, signed, refused when hostile or broken, and rendered for a person. */
@ExtendWith(TestPkiExtension.class)
class PismoOgolneTest {
    private static final Pesel PESEL = TestData.pesel(LocalDate.of(1984, 5, 14), Pesel.Sex.FEMALE, 123);
    private static final byte[] SCAN = "%PDF-1.4 skan wniosku".getBytes(StandardCharsets.US_ASCII);

    static PismoOgolne letter(PismoOgolne.Form form) {
        return PismoOgolne.builder(form)
                .sender(new Party.Person("Zofia", "Wójcik-Łęcka", PESEL,
                        new PostalAddress("15-950", null, "Białystok", "Lipowa", "12", "3"), "zofia@example.pl"))
                .recipient(new Party.Institution("Urząd Gminy Testowo", "Referat Gospodarki Komunalnej", Nip.parse("1234563218"),
                        Regon.parse("123456785"), new PostalAddress("16-001", "Kleosin", "Testowo", null, "5", null), null))
                .place("Białystok").created(LocalDate.of(2026, 11, 25))
                .title("Wniosek o wydanie zaświadczenia <o niezaleganiu> & opłatach")
                .kind("inne pismo", "prośba")
                .paragraph("Zwracam się z prośbą o wydanie zaświadczenia.\n\nZ poważaniem")
                .paragraph("Druga część: znaki \"cudzysłów\" i 'apostrof'.")
                .attachment(Attachment.inline("skan.pdf", "application/pdf", SCAN, "Skan wniosku"))
                .attachment(Attachment.byReference("plan.zip", "application/zip", URI.create("https://epuap.example/repo/FR-1"),
                        "SHA-256: 00ff"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(PismoOgolne.Form.class)
    void written_thenRead_equal(PismoOgolne.Form form) {
        PismoOgolne letter = letter(form);

        PismoOgolne read = PismoOgolne.read(letter.toXml());

        assertThat(read).isEqualTo(letter);
        assertThat(read.form()).isEqualTo(form);
        assertThat(read.attachments().get(0).content()).contains(SCAN);
    }

    @ParameterizedTest
    @EnumSource(PismoOgolne.Form.class)
    void written_crdStructure(PismoOgolne.Form form) {
        Document doc = SecureXml.parse(letter(form).toXml());
        Element root = doc.getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo(form.namespace());
        assertThat(root.getLocalName()).isEqualTo("Dokument");
        assertThat(childNames(root)).containsExactly("OpisDokumentu", "DaneDokumentu", "TrescDokumentu");
        Element data = PismoReader.child(root, form.namespace(), "DaneDokumentu");
        assertThat(childNames(data)).containsExactly("Naglowek", "Data", "Adresaci", "Nadawcy");
        Element date = PismoReader.child(data, PismoOgolne.META, "Data");
        assertThat(date.getAttribute("typDaty")).isEqualTo("stworzony");
        assertThat(date.getTextContent()).isEqualTo("2026-11-25");
        Element person = (Element) doc.getElementsByTagNameNS(PismoOgolne.OSO, "Osoba").item(0);
        assertThat(((Element) person.getParentNode()).getNamespaceURI()).isEqualTo(PismoOgolne.META);
        assertThat(((Element) person.getParentNode().getParentNode()).getLocalName()).isEqualTo("Nadawcy");
        assertThat(doc.getElementsByTagNameNS(PismoOgolne.OSO, "PESEL").item(0).getTextContent()).isEqualTo(PESEL.value());
        Element content = PismoReader.child(root, form.namespace(), "TrescDokumentu");
        assertThat(childNames(content)).containsExactly("MiejscowoscDokumentu", "Tytul", "RodzajWnioskuRozszerzony",
                "Informacje", "Zalaczniki");
        Element inline = (Element) doc.getElementsByTagNameNS(PismoOgolne.STR, "Zalacznik").item(0);
        assertThat(inline.getAttribute("kodowanie")).isEqualTo("base64");
        assertThat(inline.getAttribute("format")).isEqualTo("application/pdf");
        assertThat(inline.getAttribute("nazwaPliku")).isEqualTo("skan.pdf");
        Element byUri = (Element) doc.getElementsByTagNameNS(PismoOgolne.STR, "Zalacznik").item(1);
        assertThat(byUri.getAttribute("kodowanie")).isEqualTo("URI");
    }

    @Test
    void signedLetter_readIgnoringTheSignature_andTheSignatureIsValid(TestPki pki) {
        PismoOgolne letter = letter(PismoOgolne.Form.V2017);
        byte[] signed = Signer.builder().build().sign(Content.of(letter.toXml(), "pismo.xml"),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(pki.person().toSystemCredentials())).toBytes();

        assertThat(PismoOgolne.read(signed)).isEqualTo(letter);
        assertThat(SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build()
                .verify(Content.of(signed, "pismo.xml")).signatures())
                .singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.VALID));
        assertThat(DocumentHtml.render(signed)).contains("Dokument zawiera 1 podpis");
    }

    @Test
    void read_withExternalEntity_refusedAsHostile() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<wnio:Dokument xmlns:wnio=\"" + PismoOgolne.Form.V2013.namespace() + "\">&x;</wnio:Dokument>")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PismoOgolne.read(xxe)).isInstanceOf(XmlSecurityException.class);
        assertThatThrownBy(() -> DocumentHtml.render(xxe)).isInstanceOf(XmlSecurityException.class);
    }

    @Test
    void read_anotherDocument_namesWhatItIs() {
        assertThatThrownBy(() -> PismoOgolne.read("<Dokument xmlns=\"urn:inny\"/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlException.class).hasMessageContaining("not a Pismo ogólne: the root is {urn:inny}Dokument");
    }

    @Test
    void read_invalidPesel_namesTheField() {
        String xml = new String(letter(PismoOgolne.Form.V2013).toXml(), StandardCharsets.UTF_8)
                .replace(PESEL.value(), PESEL.value().substring(0, 10) + ((PESEL.value().charAt(10) - '0' + 1) % 10));

        assertThatThrownBy(() -> PismoOgolne.read(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlException.class).hasMessageContaining("str:Nadawcy").hasMessageContaining("PESEL")
                .hasMessageNotContaining(PESEL.value().substring(0, 10));
    }

    @Test
    void read_truncatedAttachment_namesTheAttachment() {
        String xml = new String(letter(PismoOgolne.Form.V2013).toXml(), StandardCharsets.UTF_8);
        String base64 = java.util.Base64.getEncoder().encodeToString(SCAN);
        String truncated = xml.replace(base64, base64.substring(0, base64.length() - 3));

        assertThatThrownBy(() -> PismoOgolne.read(truncated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlException.class).hasMessageContaining("attachment skan.pdf").hasMessageContaining("base64");
    }

    @Test
    void read_unknownAttachmentEncoding_refused() {
        String xml = new String(letter(PismoOgolne.Form.V2013).toXml(), StandardCharsets.UTF_8)
                .replace("kodowanie=\"base64\"", "kodowanie=\"uuencode\"");

        assertThatThrownBy(() -> PismoOgolne.read(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlException.class).hasMessageContaining("unknown kodowanie \"uuencode\"");
    }

    @Test
    void builder_withoutRecipient_refused() {
        assertThatThrownBy(() -> PismoOgolne.builder(PismoOgolne.Form.V2013).title("x")
                .sender(Party.person("Jan", "Kowalski", null, null)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recipient");
    }

    // ------------------------------------------------------------------------------------------- HTML

    @Test
    void render_builtIn_showsTheLetterWithEverythingEscaped() {
        String html = DocumentHtml.render(letter(PismoOgolne.Form.V2013).toXml());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("Zofia Wójcik-Łęcka", "Urząd Gminy Testowo", "Referat Gospodarki Komunalnej",
                        "Lipowa 12 / 3", "15-950 Białystok", "Białystok, 25 listopada 2026 r.", "<h2>prośba</h2>",
                        "Wniosek o wydanie zaświadczenia &lt;o niezaleganiu&gt; &amp; opłatach",
                        "znaki &quot;cudzysłów&quot; i &#39;apostrof&#39;", "skan.pdf – Skan wniosku",
                        "plan.zip (https://epuap.example/repo/FR-1)", "Dokument nie zawiera podpisu.")
                .doesNotContain("<o niezaleganiu>");
        SecureXml.parse(html.substring(html.indexOf('\n') + 1).replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>")
                .replaceAll("<br>", "<br/>").getBytes(StandardCharsets.UTF_8)); // well-formed: no markup leaked in
    }

    @Test
    void render_anyOtherDocument_asAnEscapedOutline() {
        String html = DocumentHtml.render(("<upo:Dokument xmlns:upo=\"urn:x\"><upo:UPP><upo:Adresat>&lt;script&gt;alert(1)"
                + "&lt;/script&gt;</upo:Adresat></upo:UPP></upo:Dokument>").getBytes(StandardCharsets.UTF_8));

        assertThat(html).contains("<dt>UPP</dt>", "<dt>Adresat</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>")
                .doesNotContain("<script>");
    }

    @Test
    void render_withTheFormsStylesheet(@TempDir Path dir) throws Exception {
        Path xsl = Files.writeString(dir.resolve("styl.xsl"), """
                <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                    xmlns:wnio="http://crd.gov.pl/wzor/2013/12/12/1410/">
                  <xsl:output method="html" encoding="utf-8"/>
                  <xsl:template match="/">
                    <html><body><h3><xsl:value-of select="wnio:Dokument/wnio:TrescDokumentu/wnio:Tytul"/></h3></body></html>
                  </xsl:template>
                </xsl:stylesheet>
                """);

        String html = DocumentHtml.render(letter(PismoOgolne.Form.V2013).toXml(), xsl);

        assertThat(html).contains("<h3>Wniosek o wydanie zaświadczenia &lt;o niezaleganiu&gt; &amp; opłatach</h3>");
    }

    @Test
    void render_stylesheetReachingOut_refusedAndNothingFetched(@TempDir Path dir) throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        attacker.start();
        try {
            String url = "http://127.0.0.1:" + attacker.getAddress().getPort() + "/steal";
            for (String reach : new String[] {"document('" + url + "')", "document('file:///etc/passwd')"}) {
                Path xsl = Files.writeString(dir.resolve("evil.xsl"), "<xsl:stylesheet version=\"1.0\""
                        + " xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\"><x><xsl:copy-of select=\""
                        + reach + "\"/></x></xsl:template></xsl:stylesheet>");

                assertThatThrownBy(() -> DocumentHtml.render(letter(PismoOgolne.Form.V2013).toXml(), xsl))
                        .as(reach).isInstanceOf(XmlException.class);
            }
            Path importing = Files.writeString(dir.resolve("import.xsl"), "<xsl:stylesheet version=\"1.0\""
                    + " xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:import href=\"" + url + "\"/></xsl:stylesheet>");
            assertThatThrownBy(() -> DocumentHtml.render(letter(PismoOgolne.Form.V2013).toXml(), importing))
                    .isInstanceOf(XmlException.class);
        } finally {
            attacker.stop(0);
        }
        assertThat(hits).hasValue(0);
    }

    private static java.util.List<String> childNames(Element e) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                names.add(c.getLocalName());
            }
        }
        return names;
    }
}
