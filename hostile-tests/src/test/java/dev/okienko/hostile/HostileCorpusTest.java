package dev.okienko.hostile;

import static dev.okienko.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.Pesel;
import dev.okienko.core.XmlException;
import dev.okienko.core.XmlSecurityException;
import dev.okienko.edelivery.Evidence;
import dev.okienko.epuap.EmergencyExport;
import dev.okienko.epuap.UnsafeArchiveException;
import dev.okienko.epuap.Upd;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.document.Attachment;
import dev.okienko.epuap.document.DocumentHtml;
import dev.okienko.epuap.document.Party;
import dev.okienko.epuap.document.PismoOgolne;
import dev.okienko.examples.OkienkoCommand;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureKind;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.Verdict;
import dev.okienko.signature.VerificationException;
import dev.okienko.signature.VerificationReport;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestTrustedProfile;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * okienko's hostile-input corpus: each case is made here, at test time, and run against the public API or the
 * command line in this module's 256 MB heap, with the safe outcome it must have: a typed exception that names
 * the defect, an INVALID verdict, "not genuine", or output that cannot forge a line. Between the cases, a
 * loopback listener counts any request that okienko makes where a document pointed it (it must make none).
 * The summary line at the end counts the cases that were refused safely; the controls below show that the
 * checks are not vacuous (genuine receipts are genuine, untouched PDFs VALID).
 */
class HostileCorpusTest {
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger SAFE = new AtomicInteger();
    private static final List<String> UNSAFE = Collections.synchronizedList(new ArrayList<>());

    private static TestPki pki;
    private static Signer signer;
    private static SignatureVerifier verifier;
    private static SigningKey jan;
    private static ServerSocket listener;
    private static final AtomicInteger OUTBOUND = new AtomicInteger();
    private static String trap;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        pki = TestPki.start();
        TrustConfiguration trust = TrustConfiguration.anchors(pki.rootCertificate());
        signer = Signer.builder().tsa(pki.tsaUri()).trust(trust).build();
        verifier = SignatureVerifier.builder().trust(trust).trustedProfileSeals(List.of(pki.trustedProfileSeal().certificate()))
                .build();
        jan = SigningKey.of(pki.person().toSystemCredentials());
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        trap = "http://127.0.0.1:" + listener.getLocalPort() + "/trap";
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    OUTBOUND.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "outbound-trap");
        accept.setDaemon(true);
        accept.start();
    }

    @AfterAll
    static void summary() throws IOException {
        listener.close();
        pki.close();
        System.out.printf("%d/%d hostile cases refused safely (heap %d MB, %d outbound requests)%n", SAFE.get(), CASES.get(),
                Runtime.getRuntime().maxMemory() >> 20, OUTBOUND.get());
        UNSAFE.forEach(u -> System.out.println("  NOT SAFE: " + u));
    }

    private static DynamicTest hostile(String name, Executable refusedSafely) {
        return DynamicTest.dynamicTest(name, () -> {
            CASES.incrementAndGet();
            int outboundBefore = OUTBOUND.get();
            try {
                refusedSafely.execute();
                assertThat(OUTBOUND.get()).as("requests to where the input pointed").isEqualTo(outboundBefore);
            } catch (Throwable t) {
                UNSAFE.add(name + ": " + t.getMessage());
                throw t;
            }
            SAFE.incrementAndGet();
        });
    }

    private static Throwable verifyFails(byte[] input, String name) {
        return catchThrowable(() -> verifier.verify(Content.of(input, name)));
    }

    private static VerificationReport single(byte[] input, String name) {
        List<VerificationReport> reports = verifier.verify(Content.of(input, name)).signatures();
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private static byte[] signedXml() {
        return signer.sign(Content.of(TestDocuments.xmlLetter("Wniosek"), "wniosek.xml"),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED), jan).toBytes();
    }

    private static byte[] signedPdf() {
        return signer.sign(Content.of(TestDocuments.pdf("Decyzja nr 12/2026: przyznano"), "decyzja.pdf"),
                SignatureOptions.pades(), jan).toBytes();
    }

    /** A signature by the ePUAP key over a {@code ds:Object} of its own, grafted into a receipt it does not cover. */
    private static byte[] forged(byte[] receipt, TestIdentity key) {
        byte[] enveloping = signer.sign(Content.of(utf8("<cokolwiek>inna tresc</cokolwiek>"), "inne.xml"),
                SignatureOptions.xades(SignaturePackaging.ENVELOPING), SigningKey.of(key.toSystemCredentials())).toBytes();
        return Hostile.graft(enveloping, receipt);
    }

    // ------------------------------------------------------------------ the corpus

    @TestFactory
    Stream<DynamicTest> xmlIntoTheVerifier() {
        return Stream.of(
                hostile("XXE: an external entity pointing at a listener", () -> assertThat(verifyFails(utf8(
                        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + trap + "\">]><r>&x;</r>"), "xxe.xml"))
                        .isInstanceOf(VerificationException.class).hasCauseInstanceOf(XmlSecurityException.class)),
                hostile("XXE: a parameter entity loading a remote DTD", () -> assertThat(verifyFails(utf8(
                        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"" + trap + "\"> %p;]><r/>"), "pe.xml"))
                        .isInstanceOf(VerificationException.class).hasCauseInstanceOf(XmlSecurityException.class)),
                hostile("entity expansion (billion laughs)", () -> assertThat(verifyFails(utf8("<?xml version=\"1.0\"?>"
                        + "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><l>&d;</l>"),
                        "laughs.xml")).isInstanceOf(VerificationException.class)),
                hostile("XInclude pointing at a listener is not followed", () -> assertThat(verifier.verify(Content.of(utf8(
                        "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + trap + "\"/></r>"), "xi.xml"))
                        .signatures()).isEmpty()),
                hostile("100,000 nested elements in a signed document: refused before DSS, no stack overflow", () -> {
                    byte[] deep = Hostile.withManyElements(signedXml(), 0);
                    String s = new String(deep, StandardCharsets.UTF_8);
                    int at = s.indexOf("<ds:Signature");
                    byte[] input = utf8(s.substring(0, at) + new String(Hostile.deep(100_000), StandardCharsets.UTF_8)
                            + s.substring(at));
                    assertThat(verifyFails(input, "deep.xml")).isInstanceOf(VerificationException.class)
                            .hasMessageContaining("maxXmlDepth");
                }),
                hostile("1,000,000 empty elements in a signed document: refused at once", () -> {
                    long start = System.nanoTime();
                    assertThat(verifyFails(Hostile.withManyElements(signedXml(), 1_000_000), "wide.xml"))
                            .isInstanceOf(VerificationException.class).hasMessageContaining("maxXmlElements");
                    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(30_000);
                }),
                hostile("a %PDF- comment before the XML root does not skip the XML checks (XXE)", () -> assertThat(verifyFails(
                        utf8("<?xml version=\"1.0\"?><!--%PDF-1.7--><!DOCTYPE r [<!ENTITY x SYSTEM \"" + trap + "\">]><r>&x;</r>"),
                        "pdf-comment.xml")).isInstanceOf(VerificationException.class)
                        .hasCauseInstanceOf(XmlSecurityException.class)),
                hostile("a %PDF- comment does not hide a false trusted-profile block", () -> {
                    Pesel pesel = TestData.pesel(LocalDate.of(1980, 1, 1), Pesel.Sex.FEMALE, 7);
                    byte[] signed = TestTrustedProfile.sign(TestDocuments.xmlLetter("Wniosek"), pki.person(),
                            TestTrustedProfile.podpisZp("Anna", "Zając", pesel, "anna.zajac", TestTrustedProfile.AccountIdPosition.IN_PERSON_DATA));
                    String s = new String(signed, StandardCharsets.UTF_8);
                    int afterProlog = s.startsWith("<?xml") ? s.indexOf("?>") + 2 : 0;
                    byte[] input = utf8(s.substring(0, afterProlog) + "<!--%PDF-1.4-->" + s.substring(afterProlog));
                    VerificationReport r = single(input, "zp.xml");
                    assertThat(r.kind()).isNotEqualTo(SignatureKind.TRUSTED_PROFILE);
                    assertThat(r.warnings().get(0)).startsWith("NOT a trusted profile signature");
                }),
                hostile("an empty file is called empty", () -> assertThat(verifyFails(new byte[0], "empty.xml"))
                        .isInstanceOf(VerificationException.class).hasMessage("empty.xml is empty")),
                hostile("malformed XML: a typed error, and no parser lines on standard error", () -> {
                    String err = stderrOf(() -> assertThat(verifyFails(utf8("<a><b></a>"), "broken.xml"))
                            .isInstanceOf(VerificationException.class).hasMessageContaining("broken.xml"));
                    assertThat(err).doesNotContain("[Fatal Error]");
                }),
                hostile("a ZIP header on something else: named a ZIP, and unreadable", () -> assertThat(verifyFails(
                        utf8("PK\u0003\u0004 not a document"), "x.bin")).isInstanceOf(VerificationException.class)
                        .hasMessageContaining("x.bin is a ZIP archive")),
                hostile("an ASiC container whose signature nests 100,000 elements: refused before DSS parses it", () -> {
                    Path f = Hostile.zipOf(dir.resolve("deep.asice"), List.of(
                            Map.entry("mimetype", (Object) utf8("application/vnd.etsi.asic-e+zip")),
                            Map.entry("pismo.txt", (Object) utf8("Pismo")),
                            Map.entry("META-INF/signatures001.xml", (Object) Hostile.deep(100_000))));
                    assertThat(catchThrowable(() -> verifier.verify(Content.of(f)))).isInstanceOf(VerificationException.class)
                            .hasMessageContaining("maxXmlDepth");
                }),
                hostile("an ASiC container that inflates 200 MB of zeros (zip bomb): refused, nothing inflated into memory", () -> {
                    Path f = Hostile.zipOf(dir.resolve("bomb.asice"), List.of(
                            Map.entry("mimetype", (Object) utf8("application/vnd.etsi.asic-e+zip")),
                            Map.entry("zeros.bin", (Object) 200_000_000L),
                            Map.entry("META-INF/signatures001.xml", (Object) signedXml())));
                    assertThat(catchThrowable(() -> verifier.verify(Content.of(f)))).isInstanceOf(VerificationException.class)
                            .hasMessageContaining("bomb.asice");
                }),
                hostile("an ASiC container of 5,000 entries: refused", () -> {
                    List<Map.Entry<String, Object>> entries = new java.util.ArrayList<>();
                    entries.add(Map.entry("mimetype", utf8("application/vnd.etsi.asic-e+zip")));
                    for (int i = 0; i < 5_000; i++) {
                        entries.add(Map.entry("f" + i + ".txt", utf8("x")));
                    }
                    Path f = Hostile.zipOf(dir.resolve("many.asice"), entries);
                    assertThat(catchThrowable(() -> verifier.verify(Content.of(f)))).isInstanceOf(VerificationException.class)
                            .hasMessageContaining("many.asice");
                }),
                hostile("none of the formats: says which it is not", () -> assertThat(verifyFails(utf8("just text, no signature"), "x.txt"))
                        .isInstanceOf(VerificationException.class).hasMessageContaining("not a PDF").hasMessageContaining("not XML")
                        .hasMessageContaining("not a CMS signature")));
    }

    @TestFactory
    Stream<DynamicTest> pdfs() {
        return Stream.of(
                hostile("PDF: a FreeText annotation drawn over the signed text is INVALID, with page and kind", () -> {
                    VerificationReport r = single(Hostile.overlay(signedPdf(), Hostile.Overlay.FREE_TEXT), "freetext.pdf");
                    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
                    assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("page 1").contains("FreeText"));
                }),
                hostile("PDF: a Stamp annotation with its own appearance over the signed text is INVALID", () -> {
                    VerificationReport r = single(Hostile.overlay(signedPdf(), Hostile.Overlay.STAMP_WITH_APPEARANCE), "stamp.pdf");
                    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
                    assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("page 1").contains("Stamp"));
                }),
                hostile("PDF: a new filled form field over the signed text is INVALID", () -> {
                    VerificationReport r = single(Hostile.overlay(signedPdf(), Hostile.Overlay.NEW_FILLED_FIELD), "field.pdf");
                    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
                    assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("page 1").contains("form field \"kwota\""));
                }),
                hostile("PDF: an empty signature field with an appearance over the signed text is INVALID", () -> {
                    VerificationReport r = single(Hostile.overlay(signedPdf(), Hostile.Overlay.EMPTY_SIGNATURE_FIELD), "sigbox.pdf");
                    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
                    assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("page 1").contains("empty signature field"));
                }),
                hostile("PDF: text replaced in an incremental update is INVALID", () -> assertThat(single(
                        TestDocuments.changeTextIncrementally(signedPdf(), "Decyzja nr 12/2026: odmowa"), "changed.pdf").verdict())
                        .isEqualTo(Verdict.INVALID)),
                hostile("PDF: cut short, it is called damaged, not unsigned", () -> {
                    byte[] pdf = signedPdf();
                    assertThat(verifyFails(Arrays.copyOf(pdf, pdf.length * 6 / 10), "cut.pdf"))
                            .isInstanceOf(VerificationException.class).hasMessageContaining("damaged");
                }),
                hostile("PDF: random bytes as the signature are never VALID and never 'no signature'", () -> {
                    Throwable t = catchThrowable(() -> {
                        List<VerificationReport> reports = verifier.verify(Content.of(Hostile.randomSignatureBytes(signedPdf()),
                                "random.pdf")).signatures();
                        assertThat(reports).isNotEmpty().allSatisfy(r -> assertThat(r.verdict()).isNotEqualTo(Verdict.VALID));
                    });
                    if (t != null) {
                        assertThat(t).isInstanceOf(VerificationException.class).hasMessageContaining("damaged");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> receipts() {
        X509Certificate epuap = pki.epuapServer().certificate();
        return Stream.of(
                hostile("a UPP with an ePUAP-key signature over a ds:Object, grafted in, is not genuine", () -> {
                    Upp upp = Upp.read(forged(Hostile.receipt("UPP", "UPP-FORGED", "DOC-FORGED"), pki.epuapServer()), verifier);
                    assertThat(upp.signature().verdict()).isEqualTo(Verdict.VALID); // the signature itself holds ...
                    assertThat(upp.signature().coversWholeDocument()).isFalse();    // ... over something else
                    assertThat(upp.isGenuine(epuap)).isFalse();
                }),
                hostile("a UPD with a grafted signature is not genuine", () -> assertThat(Upd.read(
                        forged(Hostile.receipt("UPD", "UPD-FORGED", "DOC-FORGED"), pki.epuapServer()), verifier)
                        .isGenuine(epuap)).isFalse()),
                hostile("an evidence with a grafted signature is not genuine", () -> assertThat(Evidence.read(
                        forged(Hostile.evidence("EV-FORGED", "MSG-1"), pki.epuapServer()), verifier)
                        .isGenuine(epuap)).isFalse()),
                hostile("a genuine UPP with a field changed after signing is not genuine", () -> {
                    String signed = new String(TestXadesSigner.signEnveloped(Hostile.receipt("UPP", "UPP-1", "DOC-1"),
                            pki.epuapServer()), StandardCharsets.UTF_8);
                    Upp upp = Upp.read(utf8(signed.replace("DOC-1", "DOC-9")), verifier);
                    assertThat(upp.documentId()).isEqualTo("DOC-9");
                    assertThat(upp.isGenuine(epuap)).isFalse();
                }),
                hostile("a UPP of 2 MiB is refused before parsing", () -> assertThat(catchThrowable(() -> Upp.read(
                        Hostile.withManyElements(Hostile.receipt("UPP", "U", "D"), 500_000), verifier)))
                        .isInstanceOf(XmlException.class).hasMessageContaining("bytes")));
    }

    @TestFactory
    Stream<DynamicTest> archives() {
        return Stream.of(
                hostile("ZIP: a central directory that lies about sizes (100 MiB of zeros claimed as 1 KiB)", () -> {
                    Path zip = Hostile.zipOf(dir.resolve("liar.zip"), List.of(
                            Map.entry(EmergencyExport.DESCRIPTOR, utf8(Hostile.descriptor(List.of("a.xml")))),
                            Map.entry("a.xml", (Object) (100L << 20))));
                    Hostile.lieAboutSizes(zip, 1024);
                    assertThat(catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("liar"))))
                            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("zip bomb");
                }),
                hostile("ZIP: 700 small bombs of 1 MiB each", () -> {
                    List<Map.Entry<String, Object>> entries = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < 700; i++) {
                        names.add("b" + i + ".xml");
                        entries.add(Map.entry("b" + i + ".xml", (Object) (1L << 20)));
                    }
                    entries.add(0, Map.entry(EmergencyExport.DESCRIPTOR, utf8(Hostile.descriptor(names))));
                    Path zip = Hostile.zipOf(dir.resolve("many.zip"), entries);
                    assertThat(catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("many"))))
                            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("zip bomb");
                }),
                hostile("ZIP: a descriptor naming one entry 700 times", () -> {
                    byte[] random = new byte[1 << 20];
                    new java.util.Random(3).nextBytes(random);
                    Path zip = Hostile.zip(dir.resolve("repeat.zip"), map(EmergencyExport.DESCRIPTOR,
                            utf8(Hostile.descriptor(Collections.nCopies(700, "a.bin"))), "a.bin", random));
                    assertThat(catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("repeat"))))
                            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("more than once");
                }),
                hostile("ZIP: two entries with the same name", () -> {
                    Path zip = Hostile.zip(dir.resolve("twice.zip"), map(EmergencyExport.DESCRIPTOR,
                            utf8(Hostile.descriptor(List.of("a.xml"))), "a.xml", utf8("<a/>"), "b.xml", utf8("<evil/>")));
                    Hostile.renameInHeaders(zip, "b.xml", "a.xml");
                    assertThat(catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("twice"))))
                            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("two entries named a.xml");
                }),
                hostile("ZIP: two entries whose names differ only in case", () -> {
                    Path zip = Hostile.zip(dir.resolve("case.zip"), map(EmergencyExport.DESCRIPTOR,
                            utf8(Hostile.descriptor(List.of("a.xml"))), "a.xml", utf8("<a/>"), "A.xml", utf8("<evil/>")));
                    assertThat(catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("case"))))
                            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("two entries named");
                }),
                hostile("ZIP: zip-slip with a NUL byte; the message shows no raw NUL", () -> {
                    Path zip = Hostile.zip(dir.resolve("nul.zip"), map(EmergencyExport.DESCRIPTOR,
                            utf8(Hostile.descriptor(List.of("a.xml"))), "a.xml", utf8("<a/>"), "x.xml\u0000/../../etc/passwd", utf8("x")));
                    Throwable t = catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("nul")));
                    assertThat(t).isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("zip-slip");
                    assertThat(t.getMessage()).doesNotContain("\u0000").contains("\\u0000");
                }),
                hostile("ZIP: zip-slip with ../", () -> {
                    Path zip = Hostile.zip(dir.resolve("slip.zip"), map(EmergencyExport.DESCRIPTOR,
                            utf8(Hostile.descriptor(List.of("../../x.xml"))), "../../x.xml", utf8("<a/>")));
                    assertThat(catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("slip"))))
                            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("zip-slip");
                    assertThat(dir.resolve("x.xml")).doesNotExist();
                }),
                hostile("ZIP: a descriptor with XXE", () -> {
                    Path zip = Hostile.zip(dir.resolve("xxe.zip"), map(EmergencyExport.DESCRIPTOR, utf8(
                            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"" + trap + "\">]><Dokumenty>&x;</Dokumenty>")));
                    assertThat(catchThrowable(() -> EmergencyExport.extract(zip, dir.resolve("xxe"))))
                            .isInstanceOf(XmlSecurityException.class);
                }));
    }

    @TestFactory
    Stream<DynamicTest> documents() throws IOException {
        Path recursive = Files.writeString(dir.resolve("recursive.xsl"), "<xsl:stylesheet version=\"1.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\"><xsl:call-template name=\"r\"/>"
                + "</xsl:template><xsl:template name=\"r\"><xsl:call-template name=\"r\"/></xsl:template></xsl:stylesheet>");
        Path include = Files.writeString(dir.resolve("include.xsl"), "<xsl:stylesheet version=\"1.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:include href=\"" + trap + "\"/>"
                + "<xsl:template match=\"/\">x</xsl:template></xsl:stylesheet>");
        Path document = Files.writeString(dir.resolve("document.xsl"), "<xsl:stylesheet version=\"1.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\">"
                + "<xsl:value-of select=\"document('file:///etc/passwd')\"/></xsl:template></xsl:stylesheet>");
        Path runaway = Files.writeString(dir.resolve("runaway.xsl"), "<xsl:stylesheet version=\"1.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\"><xsl:call-template name=\"t\">"
                + "<xsl:with-param name=\"n\" select=\"60\"/></xsl:call-template></xsl:template><xsl:template name=\"t\">"
                + "<xsl:param name=\"n\"/><xsl:if test=\"$n &gt; 0\">x<xsl:call-template name=\"t\"><xsl:with-param name=\"n\" "
                + "select=\"$n - 1\"/></xsl:call-template><xsl:call-template name=\"t\"><xsl:with-param name=\"n\" "
                + "select=\"$n - 1\"/></xsl:call-template></xsl:if></xsl:template></xsl:stylesheet>");
        Path sparse = Files.writeString(dir.resolve("sparse.xsl"), "<xsl:stylesheet version=\"1.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\"><xsl:call-template name=\"t\">"
                + "<xsl:with-param name=\"n\" select=\"60\"/></xsl:call-template></xsl:template><xsl:template name=\"t\">"
                + "<xsl:param name=\"n\"/><xsl:if test=\"$n = 18\">x</xsl:if><xsl:if test=\"$n &gt; 0\">"
                + "<xsl:call-template name=\"t\"><xsl:with-param name=\"n\" select=\"$n - 1\"/></xsl:call-template>"
                + "<xsl:call-template name=\"t\"><xsl:with-param name=\"n\" select=\"$n - 1\"/></xsl:call-template>"
                + "</xsl:if></xsl:template></xsl:stylesheet>");
        byte[] xml = utf8("<a/>");
        return Stream.of(
                hostile("Pismo ogólne: an inline attachment with broken base64 names the attachment", () -> {
                    String letter = new String(PismoOgolne.builder(PismoOgolne.Form.V2017)
                            .sender(new Party.Person("Jan", "Kowalski", null, null, null))
                            .recipient(new Party.Institution("Urząd", null, null, null, null, null)).title("Wniosek")
                            .attachment(Attachment.inline("skan.pdf", "application/pdf", utf8("%PDF-1.4 skan"), null))
                            .build().toXml(), StandardCharsets.UTF_8);
                    String b64 = java.util.Base64.getEncoder().encodeToString(utf8("%PDF-1.4 skan"));
                    byte[] broken = utf8(letter.replace(b64, "!!@@##" + b64.substring(6)));
                    assertThat(catchThrowable(() -> PismoOgolne.read(broken))).isInstanceOf(XmlException.class)
                            .hasMessageContaining("attachment skan.pdf").hasMessageContaining("base64");
                }),
                hostile("XSLT: endless recursion ends in XmlException, not StackOverflowError", () -> assertThat(
                        catchThrowable(() -> DocumentHtml.render(xml, recursive))).isInstanceOf(XmlException.class)
                        .hasMessageContaining("recursed")),
                hostile("XSLT: xsl:include is refused in words", () -> assertThat(catchThrowable(() -> DocumentHtml.render(xml, include)))
                        .isInstanceOf(XmlSecurityException.class).hasMessageContaining("xsl:include")
                        .hasMessageNotContaining("Invalid URI").hasMessageNotContaining("com.sun")),
                hostile("XSLT: document() is refused once, in words, without JDK class names", () -> {
                    Throwable t = catchThrowable(() -> DocumentHtml.render(xml, document));
                    assertThat(t).isInstanceOf(XmlSecurityException.class).hasMessageNotContaining("com.sun")
                            .hasMessageContaining("/etc/passwd");
                    assertThat(t.getMessage().split("/etc/passwd", -1)).hasSize(2);
                }),
                hostile("XSLT: a stylesheet flooding its output (2^60 characters) is stopped at the size bound", () -> assertThat(
                        catchThrowable(() -> DocumentHtml.render(xml, runaway))).isInstanceOf(XmlException.class)
                        .hasMessageContaining("characters and was stopped")),
                hostile("XSLT: a runaway stylesheet writing now and then (2^60 steps) is stopped at the time bound", () -> {
                    long start = System.nanoTime();
                    assertThat(catchThrowable(() -> DocumentHtml.render(xml, sparse))).isInstanceOf(XmlException.class)
                            .hasMessageContaining("ran for more than");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DocumentHtml.STYLESHEET_TIME_LIMIT.multipliedBy(2));
                }));
    }

    @TestFactory
    Stream<DynamicTest> commandLine() throws IOException {
        Path root = Files.writeString(dir.resolve("root.pem"), TestPki.toPem(pki.rootCertificate()));
        return Stream.of(
                hostile("CLI: a signer's name with line breaks, a fake verdict line and escape sequences prints one line", () -> {
                    Pesel pesel = TestData.pesel(LocalDate.of(1970, 3, 3), Pesel.Sex.MALE, 5);
                    TestIdentity evil = pki.issuePerson("Jan\n\n  VALID  qualified signature  XAdES-BASELINE-LTA\n  signed by   Prezes\u001b[32m",
                            "Kowalski\u202e\u001b[2J", pesel);
                    Path file = Files.write(dir.resolve("evil.xml"), signer.sign(Content.of(TestDocuments.xmlLetter("x"), "x.xml"),
                            SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(evil.toSystemCredentials())).toBytes());
                    Cli run = Cli.run("verify", file.toString(), "--trust", root.toString());
                    assertThat(run.out).doesNotContain("\u001b").doesNotContain("\u202e");
                    assertThat(run.out.lines().filter(l -> l.contains("signed by"))).hasSize(1);
                    run.out.lines().filter(l -> l.contains("signed by")).forEach(l -> System.out.println("okienko verify printed:" + l));
                    assertThat(run.out.lines().filter(l -> l.strip().startsWith("VALID"))).hasSize(1);
                    assertThat(run.out).contains("\\n  VALID  qualified signature").contains("\\u001B[32m");
                    Cli json = Cli.run("verify", file.toString(), "--trust", root.toString(), "--json");
                    JsonNode signerNode = new ObjectMapper().readTree(json.out).get("signatures").get(0).get("signer");
                    assertThat(signerNode.get("name").asText()).contains("\n  VALID  qualified signature").contains("\u001b[32m");
                }),
                hostile("CLI: a directory as the file", () -> assertThat(Cli.run("verify", dir.toString()).err)
                        .contains("is a directory")),
                hostile("CLI: /dev/zero as the file", () -> assertThat(Cli.run("verify", "/dev/zero").err)
                        .contains("not a regular file")),
                hostile("CLI: an empty file", () -> assertThat(Cli.run("verify",
                        Files.write(dir.resolve("empty.pdf"), new byte[0]).toString()).err).contains("is empty")),
                hostile("CLI: malformed XML prints okienko's message only", () -> {
                    Path file = Files.write(dir.resolve("broken.xml"), utf8("<a>\n<b></a>"));
                    String[] err = new String[1];
                    String stderr = stderrOf(() -> err[0] = Cli.run("verify", file.toString()).err);
                    assertThat(stderr).doesNotContain("[Fatal Error]");
                    assertThat(err[0]).startsWith("okienko verify: broken.xml").doesNotContain("[Fatal Error]");
                }));
    }

    // ------------------------------------------------------------------ controls: the checks are not vacuous

    @Test
    void control_genuineReceiptsAreGenuine() {
        X509Certificate epuap = pki.epuapServer().certificate();
        byte[] upp = TestXadesSigner.signEnveloped(Hostile.receipt("UPP", "UPP-1", "DOC-1"), pki.epuapServer());
        byte[] upd = TestXadesSigner.signEnveloped(Hostile.receipt("UPD", "UPD-1", "DOC-1"), pki.epuapServer());
        byte[] evidence = TestXadesSigner.signEnveloped(Hostile.evidence("EV-1", "MSG-1"), pki.epuapServer());

        assertThat(Upp.read(upp, verifier).isGenuine(epuap)).isTrue();
        assertThat(Upd.read(upd, verifier).isGenuine(epuap)).isTrue();
        assertThat(Evidence.read(evidence, verifier).isGenuine(epuap)).isTrue();
        assertThat(Upp.read(upp, verifier).isGenuine(pki.person().certificate())).isFalse();
    }

    @Test
    void control_untouchedAndCountersignedPdfsStayValid_hiddenAdditionsPass() {
        byte[] pdf = signedPdf();
        assertThat(single(pdf, "decyzja.pdf").verdict()).isEqualTo(Verdict.VALID);
        assertThat(single(pdf, "decyzja.pdf").coversWholeDocument()).isTrue();

        byte[] twice = signer.sign(Content.of(pdf, "decyzja.pdf"), SignatureOptions.pades(),
                SigningKey.of(pki.seal().toSystemCredentials())).toBytes();
        List<VerificationReport> both = verifier.verify(Content.of(twice, "decyzja.pdf")).signatures();
        assertThat(both).hasSize(2).allSatisfy(r -> assertThat(r.verdict()).as("%s", r.errors()).isEqualTo(Verdict.VALID));
        assertThat(both).filteredOn(VerificationReport::coversWholeDocument).hasSize(1);

        VerificationReport hidden = single(Hostile.overlay(pdf, Hostile.Overlay.HIDDEN_ANNOTATION), "hidden.pdf");
        assertThat(hidden.errors()).noneSatisfy(e -> assertThat(e).contains("was added after signing"));
    }

    @Test
    void control_signedXmlIsValidAndWhole() {
        VerificationReport r = single(signedXml(), "wniosek.xml");

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.coversWholeDocument()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, byte[]> map(Object... nameAndContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            m.put((String) nameAndContent[i], (byte[]) nameAndContent[i + 1]);
        }
        return m;
    }

    private static String stderrOf(Executable action) throws Throwable {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.execute();
        } finally {
            System.setErr(before);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** One run of the {@code okienko} command line, its output and errors as text. */
    private record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = OkienkoCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Cli(exit, out.toString(), err.toString());
        }
    }
}
