package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code okienko sign} and {@code okienko verify} against the test PKI, as a user would run them. */
@ExtendWith(TestPkiExtension.class)
class SignAndVerifyCommandTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static Path key;
    private static Path password;
    private static Path root;

    @BeforeAll
    static void setUp(TestPki testPki) throws Exception {
        pki = testPki;
        key = pki.person().writePkcs12(dir.resolve("jan.p12"), "tajne".toCharArray());
        password = Files.writeString(dir.resolve("password.txt"), "tajne\n");
        root = Files.writeString(dir.resolve("root.pem"), TestPki.toPem(pki.rootCertificate()));
    }

    /** Writes an XML letter as {@code name.xml}, signs it XAdES-B enveloped with the CLI, returns the signed file. */
    private static Path signedLetter(String name, String title) throws Exception {
        Path xml = Files.write(dir.resolve(name + ".xml"), TestDocuments.xmlLetter(title));
        Path signed = dir.resolve(name + "-signed.xml");
        Cli.Run sign = run("sign", "--format", "xades", "--key", key.toString(), "--password-file", password.toString(), "--out",
                signed.toString(), xml.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        return signed;
    }

    @Test
    void signAsiceOfTwoFiles_thenVerify_listsEachFileAndItsSignature_thenAFileAdded_exitOne() throws Exception {
        Path a = Files.writeString(dir.resolve("pismo.txt"), "Pismo.");
        Path b = Files.write(dir.resolve("zalacznik.pdf"), TestDocuments.pdf("Załącznik"));
        Path container = dir.resolve("pismo.asice");

        Cli.Run sign = run("sign", "--format", "cades", "--asice", "--key", key.toString(), "--password-file", password.toString(),
                "--out", container.toString(), a.toString(), b.toString());
        Cli.Run verify = run("verify", container.toString(), "--trust", root.toString());
        Cli.Run json = run("verify", container.toString(), "--trust", root.toString(), "--json");

        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("signed pismo.txt, zalacznik.pdf as ASiC-E with CADES-B");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("container   ASiC-E, mimetype application/vnd.etsi.asic-e+zip, 2 file(s)")
                .containsPattern("file        pismo.txt: signed by \\S+").contains("VALID  advanced signature  CAdES-BASELINE-B");
        JsonNode files = new ObjectMapper().readTree(json.out()).get("container").get("files");
        assertThat(files).hasSize(2);

        Cli.Run cades = run("sign", "--format", "cades", "--packaging", "detached", "--key", key.toString(), "--password-file",
                password.toString(), "--out", dir.resolve("pismo.p7s").toString(), a.toString());
        Cli.Run detached = run("verify", dir.resolve("pismo.p7s").toString(), "--detached", a.toString(), "--trust", root.toString());
        assertThat(cades.exitCode()).as(cades.err()).isZero();
        assertThat(detached.exitCode()).as(detached.out()).isZero();
        assertThat(detached.out()).contains("CAdES-BASELINE-B");

        Cli.Run missing = run("sign", "--format", "xades", "--asice", "--key", key.toString(), "--password-file", password.toString(),
                "--out", dir.resolve("x.asice").toString(), a.toString(), dir.resolve("nie-ma.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("okienko sign: no such file: ").doesNotContain("Exception");
    }

    @Test
    void signPadesLt_thenVerify_validExitZero() throws Exception {
        Path pdf = Files.write(dir.resolve("decyzja.pdf"), TestDocuments.pdf("Decyzja"));
        Path signed = dir.resolve("decyzja-signed.pdf");

        Cli.Run sign = run("sign", "--format", "pades", "--level", "LT", "--key", key.toString(), "--password-file",
                password.toString(), "--tsa", pki.tsaUri().toString(), "--trust", root.toString(), "--out",
                signed.toString(), pdf.toString());
        Cli.Run verify = run("verify", signed.toString(), "--trust", root.toString());

        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("VALID  advanced signature  PAdES-BASELINE-LT", "Jan Kowalski, PESEL *******").doesNotContain("error");
        // DSS's "Unable to build a certificate chain up to a trusted list!" is explained, not printed as it is
        assertThat(verify.out()).doesNotContain("Unable to build a certificate chain up to a trusted list")
                .contains("not shown to be qualified: the certificate chain leads to no service on a trusted list");
    }

    @Test
    void verify_untrusted_indeterminateExitTwo() throws Exception {
        Path signed = signedLetter("pismo", "Pismo");

        Cli.Run verify = run("verify", signed.toString());

        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.out()).contains("INDETERMINATE (NO_CERTIFICATE_CHAIN_FOUND)");
    }

    @Test
    void verify_tampered_invalidExitOne() throws Exception {
        Path signed = signedLetter("wniosek", "Wniosek");
        Files.writeString(signed, Files.readString(signed).replace("zaświadczenia", "decyzji"));

        Cli.Run verify = run("verify", signed.toString(), "--trust", root.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("INVALID (HASH_FAILURE)");
    }

    @Test
    void verify_detachedJson_reportsFieldsWithMaskedPesel() throws Exception {
        Path xml = Files.write(dir.resolve("zalacznik.xml"), TestDocuments.xmlLetter("Załącznik"));
        Path sig = dir.resolve("zalacznik.xades");
        Cli.Run sign = run("sign", "--format", "xades", "--packaging", "detached", "--level", "T", "--key", key.toString(),
                "--password-file", password.toString(), "--tsa", pki.tsaUri().toString(), "--out", sig.toString(),
                xml.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();

        Cli.Run verify = run("verify", sig.toString(), "--detached", xml.toString(), "--trust", root.toString(), "--json");

        JsonNode json = new ObjectMapper().readTree(verify.out());
        JsonNode s = json.get("signatures").get(0);
        assertThat(s.get("verdict").asText()).isEqualTo("VALID");
        assertThat(s.get("format").asText()).isEqualTo("XAdES-BASELINE-T");
        assertThat(s.get("signer").get("name").asText()).isEqualTo("Jan Kowalski");
        assertThat(s.get("signer").get("pesel").asText()).startsWith("*******");
        assertThat(s.get("provenSigningTime").isNull()).isFalse();
        assertThat(verify.exitCode()).isZero();
    }

    @Test
    void verify_trustedProfileSignature_printsKindAndPersonMaskedUnlessRevealed() throws Exception {
        dev.okienko.core.Pesel anna = dev.okienko.testkit.pki.TestData.pesel(java.time.LocalDate.of(1992, 4, 17),
                dev.okienko.core.Pesel.Sex.FEMALE, 321);
        Path signed = Files.write(dir.resolve("pz.xml"), dev.okienko.testkit.pki.TestTrustedProfile.sign(
                TestDocuments.xmlLetter("PZ"), pki.trustedProfileSeal(), dev.okienko.testkit.pki.TestTrustedProfile.podpisZp(
                        "Anna", "Zając", anna, "anna.zajac", dev.okienko.testkit.pki.TestTrustedProfile.AccountIdPosition.IN_PERSON_DATA)));
        Path seal = Files.writeString(dir.resolve("seal.pem"), TestPki.toPem(pki.trustedProfileSeal().certificate()));

        Cli.Run text = run("verify", signed.toString(), "--trust", root.toString(), "--trusted-profile-seal", seal.toString());
        Cli.Run json = run("verify", signed.toString(), "--trust", root.toString(), "--trusted-profile-seal", seal.toString(),
                "--json", "--reveal-pesel");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("trusted profile (podpis zaufany)", "Anna Zając", anna.masked(),
                "ePUAP account anna.zajac", "from the PodpisZP identity block").doesNotContain(anna.value());
        JsonNode signer = new ObjectMapper().readTree(json.out()).get("signatures").get(0).get("signer");
        assertThat(signer.get("pesel").asText()).isEqualTo(anna.value());
        assertThat(signer.get("source").asText()).isEqualTo("PODPIS_ZP");
        assertThat(new ObjectMapper().readTree(json.out()).get("signatures").get(0).get("kind").asText())
                .isEqualTo("TRUSTED_PROFILE");
    }

    @Test
    void verify_htmlOption_writesReportPage() throws Exception {
        Path signed = signedLetter("html", "HTML");
        Path html = dir.resolve("report.html");

        run("verify", signed.toString(), "--trust", root.toString(), "--html", html.toString());

        assertThat(Files.readString(html, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>").contains("Jan Kowalski");
    }

    @Test
    void sign_levelTWithoutTsa_saysUseTsaOption() throws Exception {
        Path xml = Files.write(dir.resolve("t.xml"), TestDocuments.xmlLetter("T"));

        Cli.Run sign = run("sign", "--format", "xades", "--level", "T", "--key", key.toString(), "--password-file",
                password.toString(), "--out", dir.resolve("t-signed.xml").toString(), xml.toString());

        assertThat(sign.exitCode()).isEqualTo(1);
        assertThat(sign.err()).contains("--tsa URL");
    }

    @Test
    void sign_wrongPassword_saysSo() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "nie-to");
        Path xml = Files.write(dir.resolve("w.xml"), TestDocuments.xmlLetter("W"));

        Cli.Run sign = run("sign", "--format", "xades", "--key", key.toString(), "--password-file", wrong.toString(),
                "--out", dir.resolve("w-signed.xml").toString(), xml.toString());

        assertThat(sign.exitCode()).isEqualTo(1);
        assertThat(sign.err()).contains("password").doesNotContain("nie-to");
    }

    @Test
    void verify_notASignedFile_exitThree() throws Exception {
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {0, 1, 2, 3});

        Cli.Run verify = run("verify", junk.toString());

        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.err()).contains("junk.bin");
    }
}
