package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.letter;
import static dev.okienko.signature.SignerTest.pdf;
import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions of interoperability with tools okienko does not control: what okienko signs verifies
 * in poppler's pdfsig (NSS) and in xmlsec1 (OpenSSL), and what pdfsig signs verifies in okienko.
 */
@ExtendWith(TestPkiExtension.class)
class InteroperabilityTest {
    private static final String PASSWORD = "interop-secret";

    private static TestPki pki;
    private static Signer signer;
    private static SignatureVerifier verifier;
    private static SigningKey jan;

    @TempDir
    static Path dir;
    private static Path nssDb;

    @BeforeAll
    static void setUp(TestPki testPki) throws Exception {
        Fixture f = Fixture.of(testPki);
        pki = testPki;
        signer = f.signer();
        verifier = f.verifier();
        jan = f.jan();
        Files.writeString(dir.resolve("root.pem"), TestPki.toPem(pki.rootCertificate()));
        Files.writeString(dir.resolve("issuing.pem"), TestPki.toPem(pki.issuingCaCertificate()));
    }

    /** An NSS database trusting the test root and holding Jan's key, as pdfsig needs for both directions. */
    private static synchronized Path nssDb() throws Exception {
        if (nssDb == null) {
            ExternalTool.require("certutil", "libnss3-tools");
            ExternalTool.require("pk12util", "libnss3-tools");
            Path db = Files.createDirectories(dir.resolve("nss"));
            check(ExternalTool.run(dir, "certutil", "-N", "-d", "sql:" + db, "--empty-password"));
            check(ExternalTool.run(dir, "certutil", "-A", "-d", "sql:" + db, "-n", "okienko-test-root", "-t", "CT,C,C",
                    "-i", dir.resolve("root.pem").toString()));
            pki.person().writePkcs12(dir.resolve("jan.p12"), PASSWORD.toCharArray());
            check(ExternalTool.run(dir, "pk12util", "-i", dir.resolve("jan.p12").toString(), "-d", "sql:" + db,
                    "-W", PASSWORD));
            nssDb = db;
        }
        return nssDb;
    }

    @Test
    void pdfsig_verifiesPadesMadeByOkienko() throws Exception {
        ExternalTool.require("pdfsig", "poppler-utils");
        Path signed = signer.sign(pdf(), SignatureOptions.pades().level(SignatureLevel.T), jan)
                .writeTo(dir.resolve("okienko-signed.pdf"));

        ExternalTool.Result r = ExternalTool.run(dir, "pdfsig", "-nssdir", "sql:" + nssDb(), signed.toString());

        assertThat(r.output())
                .contains("Signer Certificate Common Name: Jan Kowalski")
                .contains("Signature Validation: Signature is Valid.")
                .contains("Total document signed")
                .contains("Certificate Validation: Certificate is Trusted.");
    }

    @Test
    void pdfsig_seesChangeAfterOkienkoSignature() throws Exception {
        ExternalTool.require("pdfsig", "poppler-utils");
        byte[] signed = signer.sign(pdf(), SignatureOptions.pades(), jan).toBytes();
        Path changed = Files.write(dir.resolve("changed.pdf"), TestDocuments.changeTextIncrementally(signed, "Inna decyzja"));

        ExternalTool.Result r = ExternalTool.run(dir, "pdfsig", "-nssdir", "sql:" + nssDb(), changed.toString());

        assertThat(r.output()).contains("Not total document signed");
    }

    @Test
    void okienko_verifiesPdfSignedByPdfsig() throws Exception {
        ExternalTool.require("pdfsig", "poppler-utils");
        Path in = Files.write(dir.resolve("to-sign.pdf"), TestDocuments.pdf("Podpisane przez poppler"));
        Path out = dir.resolve("pdfsig-signed.pdf");
        // pdfsig 22.12 signs adbe.pkcs7.detached only ("-etsi is not supported yet with -add-signature"); the key's
        // nickname is the PKCS#12 friendly name the test kit writes

        ExternalTool.Result nicks = ExternalTool.run(dir, "pdfsig", "-nssdir", "sql:" + nssDb(), "-list-nicks", in.toString());
        ExternalTool.Result r = ExternalTool.run(dir, "pdfsig", "-nssdir", "sql:" + nssDb(), "-add-signature",
                "-nick", TestIdentity.ALIAS, "-reason", "interop", in.toString(), out.toString());
        assertThat(r.exitCode()).as("pdfsig said: %s; nicknames: %s", r.output(), nicks.output()).isZero();

        VerificationReport report = single(verifier.verify(Content.of(out)));
        assertThat(report.signerName()).isEqualTo("Jan Kowalski");
        assertThat(report.pesel()).isNotNull();
        assertThat(report.verdict()).as(report.summary() + " " + report.errors()).isEqualTo(Verdict.VALID);
    }

    @Test
    void xmlsec1_verifiesEnvelopedXadesMadeByOkienko() throws Exception {
        ExternalTool.require("xmlsec1", "xmlsec1");
        Path signed = signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.T), jan)
                .writeTo(dir.resolve("okienko-signed.xml"));

        ExternalTool.Result r = ExternalTool.run(dir, "xmlsec1", "--verify",
                "--trusted-pem", dir.resolve("root.pem").toString(),
                "--untrusted-pem", dir.resolve("issuing.pem").toString(),
                "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                signed.toString());

        assertThat(r.output()).contains("OK");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void xmlsec1_rejectsTamperedXadesMadeByOkienko() throws Exception {
        ExternalTool.require("xmlsec1", "xmlsec1");
        String signed = new String(signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), jan).toBytes(),
                StandardCharsets.UTF_8);
        Path tampered = Files.writeString(dir.resolve("tampered.xml"), signed.replace("zaświadczenia", "decyzji"));

        ExternalTool.Result r = ExternalTool.run(dir, "xmlsec1", "--verify",
                "--trusted-pem", dir.resolve("root.pem").toString(),
                "--untrusted-pem", dir.resolve("issuing.pem").toString(),
                "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                tampered.toString());

        assertThat(r.exitCode()).as(r.output()).isNotZero();
    }

    private static void check(ExternalTool.Result r) {
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
