package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.letter;
import static dev.okienko.signature.SignerTest.pdf;
import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.SecureXml;
import dev.okienko.testkit.pki.TestDocuments;
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
import org.w3c.dom.Node;

/** Verdicts on good, tampered, wrapped, untrusted, revoked and expired signatures from the test PKI. */
@ExtendWith(TestPkiExtension.class)
class SignatureVerifierTest {
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private static TestPki pki;
    private static Signer signer;
    private static SignatureVerifier verifier;
    private static SigningKey jan;

    @BeforeAll
    static void setUp(TestPki testPki) {
        Fixture f = Fixture.of(testPki);
        pki = testPki;
        signer = f.signer();
        verifier = f.verifier();
        jan = f.jan();
    }

    private static Content envelopedXades(SignatureLevel level) {
        return signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(level), jan);
    }

    @Test
    void verify_tamperedXmlContent_invalidHashFailure() {
        String signed = new String(envelopedXades(SignatureLevel.B).toBytes(), StandardCharsets.UTF_8);
        String tampered = signed.replace("wydanie zaświadczenia", "wydanie decyzji");
        assertThat(tampered).isNotEqualTo(signed);

        VerificationReport r = single(verifier.verify(Content.of(tampered.getBytes(StandardCharsets.UTF_8), "t.xml")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.subIndication()).isEqualTo("HASH_FAILURE");
        assertThat(r.errors()).isNotEmpty();
    }

    @Test
    void verify_timestamped_provenTimeIsTheTimestampsNotTheValidationTime() {
        VerificationReport r = single(verifier.verify(envelopedXades(SignatureLevel.T)));

        assertThat(r.provenSigningTime()).isNotNull();
        assertThat(r.provenSigningTime()).isBetween(r.claimedSigningTime(), r.claimedSigningTime().plusSeconds(30));
    }

    @Test
    void verify_detachedWithOtherContent_invalid() {
        Content sig = signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.DETACHED), jan);
        Content other = Content.of(TestDocuments.xmlLetter("Inny wniosek"), "wniosek.xml");

        VerificationReport r = single(verifier.verify(sig, other));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.subIndication()).isEqualTo("HASH_FAILURE");
    }

    @Test
    void verify_signatureMovedOntoAnotherDocument_invalid() throws Exception {
        // signature wrapping: lift a valid enveloped signature and plant it in a different document
        Document original = SecureXml.parse(envelopedXades(SignatureLevel.B).toBytes());
        Node signature = original.getElementsByTagNameNS(DS, "Signature").item(0);
        Document forged = SecureXml.parse(TestDocuments.xmlLetter("Pełnomocnictwo do wszystkiego"));
        Element root = forged.getDocumentElement();
        root.appendChild(forged.importNode(signature, true));

        VerificationReport r = single(verifier.verify(Content.of(serialise(forged), "forged.xml")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void verify_signedContentWrappedAwayAndReplaced_notValid() throws Exception {
        // XSW: keep the original signed element hidden inside the signature's ds:Object, replace the visible content
        Document doc = SecureXml.parse(envelopedXades(SignatureLevel.B).toBytes());
        Element root = doc.getDocumentElement();
        Element signature = (Element) doc.getElementsByTagNameNS(DS, "Signature").item(0);
        Node title = root.getElementsByTagNameNS("urn:okienko:test:pismo", "Tytul").item(0);
        Element object = doc.createElementNS(DS, "ds:Object");
        object.appendChild(title.cloneNode(true));
        signature.appendChild(object);
        title.setTextContent("Zrzeczenie się majątku");

        VerificationReport r = single(verifier.verify(Content.of(serialise(doc), "xsw.xml")));

        assertThat(r.verdict()).isNotEqualTo(Verdict.VALID);
    }

    @Test
    void verify_unknownRoot_indeterminateNoChain() {
        SignatureVerifier trustsNothing = SignatureVerifier.builder().trust(TrustConfiguration.none()).build();

        VerificationReport r = single(trustsNothing.verify(envelopedXades(SignatureLevel.B)));

        assertThat(r.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(r.subIndication()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
    }

    @Test
    void verify_otherRootTrusted_indeterminate() {
        SignatureVerifier trustsSeal = SignatureVerifier.builder()
                .trust(TrustConfiguration.anchors(pki.tsa().certificate())).build();

        assertThat(single(trustsSeal.verify(envelopedXades(SignatureLevel.B))).verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void verify_revokedSigner_notValidAndSaysRevoked() {
        SigningKey revoked = SigningKey.of(pki.revokedPerson().privateKey(), pki.revokedPerson().chain());
        Content signed = signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), revoked);

        VerificationReport r = single(verifier.verify(signed));

        assertThat(r.verdict()).isNotEqualTo(Verdict.VALID);
        assertThat(r.subIndication()).contains("REVOKED");
    }

    @Test
    void verify_expiredSigner_notValid() {
        // Signer refuses a certificate expired at signing time, so sign on a clock set to a day before it expired
        java.time.Instant inValidity = pki.expiredPerson().certificate().getNotAfter().toInstant().minusSeconds(86_400);
        Signer past = Signer.builder().clock(java.time.Clock.fixed(inValidity, java.time.ZoneOffset.UTC)).build();
        SigningKey expired = SigningKey.of(pki.expiredPerson().privateKey(), pki.expiredPerson().chain());
        Content signed = past.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), expired);

        VerificationReport r = single(verifier.verify(signed));

        assertThat(r.verdict()).isNotEqualTo(Verdict.VALID);
    }

    @Test
    void verify_pdfChangedAfterSigning_failsNotJustWarns() {
        Content signed = signer.sign(pdf(), SignatureOptions.pades(), jan);
        byte[] changed = TestDocuments.changeTextIncrementally(signed.toBytes(), "Decyzja nr 999/2026");

        VerificationReport r = single(verifier.verify(Content.of(changed, "changed.pdf")));

        assertThat(r.covered()).anySatisfy(c -> assertThat(c).containsIgnoringCase("partial"));
        assertThat(r.verdict()).as("%s %s", r.errors(), r.warnings()).isNotEqualTo(Verdict.VALID);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).containsIgnoringCase("visual difference"));
    }

    @Test
    void verify_ltOffline_validFromEmbeddedData() {
        Content lt = envelopedXades(SignatureLevel.LT);
        int ocspBefore = pki.requestCount("ocsp");
        SignatureVerifier offline = SignatureVerifier.builder()
                .trust(TrustConfiguration.anchors(pki.rootCertificate())).offline().build();

        VerificationReport r = single(offline.verify(lt));

        assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID);
        assertThat(pki.requestCount("ocsp")).isEqualTo(ocspBefore);
    }

    @Test
    void verify_bOffline_notValidWithoutRevocationData() {
        SignatureVerifier offline = SignatureVerifier.builder()
                .trust(TrustConfiguration.anchors(pki.rootCertificate())).offline().build();

        VerificationReport r = single(offline.verify(envelopedXades(SignatureLevel.B)));

        assertThat(r.verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void verify_reportsForExperts_xmlAndHtml() {
        VerificationResult result = verifier.verify(envelopedXades(SignatureLevel.T));

        assertThat(result.allValid()).isTrue();
        assertThat(result.simpleReportXml()).contains("SimpleReport").contains("TOTAL_PASSED");
        assertThat(result.detailedReportXml()).contains("DetailedReport");
        assertThat(result.diagnosticDataXml()).contains("DiagnosticData");
        assertThat(result.etsiValidationReportXml()).contains("ValidationReport");
        assertThat(result.html()).contains("<html").contains("TOTAL_PASSED");
        assertThat(result.signatures().get(0).summary()).contains("VALID", "XAdES-BASELINE-T", "Jan Kowalski", "*******");
    }

    @Test
    void verify_oneVerifierManyThreads_sameAnswers() throws Exception {
        Content xades = envelopedXades(SignatureLevel.LT);
        Content pades = signer.sign(pdf(), SignatureOptions.pades().level(SignatureLevel.T), jan);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Verdict>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Content doc = i % 2 == 0 ? xades : pades;
                answers.add(pool.submit(() -> single(verifier.verify(doc)).verdict()));
            }
            for (java.util.concurrent.Future<Verdict> a : answers) {
                assertThat(a.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Verdict.VALID);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verify_sameSignerTwice_asksTheOcspResponderOnce() {
        Content signed = envelopedXades(SignatureLevel.B);
        SignatureVerifier fresh = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build();

        int before = pki.requestCount("ocsp");
        assertThat(single(fresh.verify(signed)).verdict()).isEqualTo(Verdict.VALID);
        int afterFirst = pki.requestCount("ocsp");
        assertThat(single(fresh.verify(signed)).verdict()).isEqualTo(Verdict.VALID);

        assertThat(afterFirst).isGreaterThan(before);
        assertThat(pki.requestCount("ocsp")).isEqualTo(afterFirst);
    }

    @Test
    void verify_xmlWithoutSignature_noReports() {
        VerificationResult result = verifier.verify(letter());

        assertThat(result.signatures()).isEmpty();
        assertThat(result.allValid()).isFalse();
    }

    @Test
    void verify_hostileXml_typedErrorBeforeDss() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";

        assertThatThrownBy(() -> verifier.verify(Content.of(xxe.getBytes(StandardCharsets.UTF_8), "xxe.xml")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void verify_neitherXmlNorPdf_typedError() {
        assertThatThrownBy(() -> verifier.verify(Content.of(new byte[] {1, 2, 3, 4}, "junk.bin")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("junk.bin");
    }

    private static byte[] serialise(Document doc) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecureXml.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
