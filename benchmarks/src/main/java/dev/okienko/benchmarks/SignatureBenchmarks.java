package dev.okienko.benchmarks;

import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureLevel;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationResult;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.security.Signature;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each okienko operation next to the same operation written against DSS directly, as a careful DSS user
 * would (services built once, the same parameters). The difference is what okienko's wrapper costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 6, time = 3)
public class SignatureBenchmarks {
    private TestPki pki;
    private Signer signer;
    private SignatureVerifier offlineVerifier;
    private SigningKey key;
    private TestIdentity person;

    private Content xml10k;
    private Content xml1m;
    private Content pdf10m;
    private Content xadesLt;
    private Content xadesB1m;
    private Content padesLt10m;

    private XAdESService dssXades;
    private PAdESService dssPades;
    private CommonTrustedCertificateSource dssTrusted;

    /** Starts the test PKI and prepares the documents. */
    @Setup
    public void setUp() {
        pki = TestPki.start();
        person = pki.person();
        TrustConfiguration trust = TrustConfiguration.anchors(pki.rootCertificate());
        signer = Signer.builder().tsa(pki.tsaUri()).trust(trust).build();
        offlineVerifier = SignatureVerifier.builder().trust(trust).offline().build();
        key = SigningKey.of(person.toSystemCredentials());
        xml10k = Content.of(TestDocuments.xmlLetter("10 KB", 10 * 1024), "10k.xml");
        xml1m = Content.of(TestDocuments.xmlLetter("1 MB", 1024 * 1024), "1m.xml");
        pdf10m = Content.of(TestDocuments.pdf("10 MB", 10 * 1024 * 1024), "10m.pdf");
        xadesLt = signer.sign(xml10k, SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.LT), key);
        xadesB1m = signer.sign(xml1m, SignatureOptions.xades(SignaturePackaging.ENVELOPED), key);
        padesLt10m = signer.sign(pdf10m, SignatureOptions.pades().level(SignatureLevel.LT), key);

        dssTrusted = new CommonTrustedCertificateSource();
        dssTrusted.addCertificate(new CertificateToken(pki.rootCertificate()));
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        cv.setTrustedCertSources(dssTrusted);
        dssXades = new XAdESService(cv);
        dssPades = new PAdESService(cv);
    }

    /** Stops the PKI. */
    @TearDown
    public void tearDown() {
        pki.close();
    }

    // ------------------------------------------------------------------ XAdES-B enveloped, 10 KB

    /** @return the signed letter */
    @Benchmark
    public Content xadesB10k_okienko() {
        return signer.sign(xml10k, SignatureOptions.xades(SignaturePackaging.ENVELOPED), key);
    }

    /** @return the signed letter */
    @Benchmark
    public DSSDocument xadesB10k_dss() throws Exception {
        return dssXades(xml10k);
    }

    // ------------------------------------------------------------------ XAdES-B enveloped, 1 MB

    /** @return the signed letter */
    @Benchmark
    public Content xadesB1m_okienko() {
        return signer.sign(xml1m, SignatureOptions.xades(SignaturePackaging.ENVELOPED), key);
    }

    /** @return the signed letter */
    @Benchmark
    public DSSDocument xadesB1m_dss() throws Exception {
        return dssXades(xml1m);
    }

    // ------------------------------------------------------------------ PAdES-B, 10 MB

    /** @return the signed PDF */
    @Benchmark
    public Content padesB10m_okienko() {
        return signer.sign(pdf10m, SignatureOptions.pades(), key);
    }

    /** @return the signed PDF */
    @Benchmark
    public DSSDocument padesB10m_dss() throws Exception {
        PAdESSignatureParameters p = new PAdESSignatureParameters();
        p.setSignatureLevel(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B);
        fill(p);
        DSSDocument doc = new InMemoryDocument(pdf10m.toBytes(), pdf10m.name());
        ToBeSigned tbs = dssPades.getDataToSign(doc, p);
        return dssPades.signDocument(doc, p, sign(tbs, p));
    }

    // ------------------------------------------------------------------ verification of an XAdES-LT

    /** @return the verification result */
    @Benchmark
    public VerificationResult verifyXadesLt_okienko() {
        return offlineVerifier.verify(xadesLt);
    }

    /** @return DSS's reports */
    @Benchmark
    public Reports verifyXadesLt_dss() {
        return dssVerify(xadesLt);
    }

    // ------------------------------------------------------------------ verification of a 1 MB XAdES-B
    // (okienko reads the XML once more before DSS, to bound it and to see what the signature covers)

    /** @return the verification result */
    @Benchmark
    public VerificationResult verifyXadesB1m_okienko() {
        return offlineVerifier.verify(xadesB1m);
    }

    /** @return DSS's reports */
    @Benchmark
    public Reports verifyXadesB1m_dss() {
        return dssVerify(xadesB1m);
    }

    // ------------------------------------------------------------------ verification of a 10 MB PAdES-LT
    // (a revision follows the signature, so okienko compares the pages' annotations of both revisions)

    /** @return the verification result */
    @Benchmark
    public VerificationResult verifyPadesLt10m_okienko() {
        return offlineVerifier.verify(padesLt10m);
    }

    /** @return DSS's reports */
    @Benchmark
    public Reports verifyPadesLt10m_dss() {
        return dssVerify(padesLt10m);
    }

    private Reports dssVerify(Content signed) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(
                new InMemoryDocument(signed.toBytes(), signed.name()));
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        cv.setTrustedCertSources(dssTrusted);
        cv.setAIASource(null);
        validator.setCertificateVerifier(cv);
        return validator.validateDocument();
    }

    // ------------------------------------------------------------------ DSS helpers

    private DSSDocument dssXades(Content content) throws Exception {
        XAdESSignatureParameters p = new XAdESSignatureParameters();
        p.setSignatureLevel(eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_B);
        p.setSignaturePackaging(eu.europa.esig.dss.enumerations.SignaturePackaging.ENVELOPED);
        fill(p);
        DSSDocument doc = new InMemoryDocument(content.toBytes(), content.name());
        ToBeSigned tbs = dssXades.getDataToSign(doc, p);
        return dssXades.signDocument(doc, p, sign(tbs, p));
    }

    private void fill(eu.europa.esig.dss.signature.AbstractSignatureParameters<?> p) {
        List<CertificateToken> chain = person.chain().stream().map(CertificateToken::new).toList();
        p.setDigestAlgorithm(DigestAlgorithm.SHA256);
        p.setSigningCertificate(chain.get(0));
        p.setCertificateChain(chain);
        p.bLevel().setSigningDate(new Date());
    }

    private SignatureValue sign(ToBeSigned tbs, eu.europa.esig.dss.signature.AbstractSignatureParameters<?> p)
            throws Exception {
        Signature s = Signature.getInstance(p.getSignatureAlgorithm().getJCEId());
        s.initSign(person.privateKey());
        s.update(tbs.getBytes());
        return new SignatureValue(p.getSignatureAlgorithm(), s.sign());
    }
}
