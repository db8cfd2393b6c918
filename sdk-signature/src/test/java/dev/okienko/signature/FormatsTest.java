package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.letter;
import static dev.okienko.signature.SignerTest.pdf;
import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.HttpClients;
import dev.okienko.signature.internal.OkHttpDataLoader;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import eu.europa.esig.dss.enumerations.SigDMechanism;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESTimestampParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The formats besides XAdES and PAdES, made by okienko (or DSS) with the test PKI and verified by okienko: CAdES
 * enveloping and detached, ASiC-E containers of XAdES and of CAdES (each file and which signature covers it), RFC 3161
 * time stamps (tokens and responses, detached) and PDF document time stamps, and JAdES; and what each refusal says.
 */
@ExtendWith(TestPkiExtension.class)
class FormatsTest {
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

    private static Content text(String name, String text) {
        return Content.of(text.getBytes(StandardCharsets.UTF_8), name);
    }

    @Test
    void cadesEnveloping_verifiesAsCades_andNamesWhatItCovers() {
        Content signed = signer.sign(text("wniosek.txt", "Wniosek o wydanie zaświadczenia."),
                SignatureOptions.cades(SignaturePackaging.ENVELOPING).level(SignatureLevel.T), jan);

        assertThat(signed.name()).isEqualTo("wniosek.txt.p7m");
        VerificationReport r = single(verifier.verify(signed));
        assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID);
        assertThat(r.format()).isEqualTo(SignatureFormat.CADES);
        assertThat(r.formatName()).isEqualTo("CAdES-BASELINE-T");
        assertThat(r.provenSigningTime()).isNotNull();
        assertThat(r.signerName()).isEqualTo("Jan Kowalski");
        assertThat(r.covered()).containsExactly("the content inside the signature (FULL)");
    }

    @Test
    void cadesDetached_verifiesWithItsContent_andFailsWithAnother() {
        Content content = text("decyzja.txt", "Decyzja nr 1/2026.");
        Content signature = signer.sign(content, SignatureOptions.cades(SignaturePackaging.DETACHED), jan);

        assertThat(signature.name()).isEqualTo("decyzja.txt.p7s");
        assertThat(single(verifier.verify(signature, content)).verdict()).isEqualTo(Verdict.VALID);
        VerificationReport other = single(verifier.verify(signature, text("decyzja.txt", "Decyzja nr 2/2026.")));
        assertThat(other.verdict()).isNotEqualTo(Verdict.VALID);
        assertThat(other.kind()).isEqualTo(SignatureKind.NONE);
    }

    @Test
    void cadesSavedAsPemOrBase64_isVerifiedAsTheSame_andDamagedCmsIsNamed() {
        Content content = text("decyzja.txt", "Decyzja nr 1/2026.");
        byte[] der = signer.sign(content, SignatureOptions.cades(SignaturePackaging.DETACHED), jan).toBytes();
        String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);

        for (String text : List.of("-----BEGIN PKCS7-----\n" + base64 + "\n-----END PKCS7-----\n",
                "-----BEGIN CMS-----\r\n" + base64.replace("\n", "\r\n") + "\r\n-----END CMS-----", base64 + "\n")) {
            VerificationReport r = single(verifier.verify(Content.of(text.getBytes(StandardCharsets.US_ASCII), "decyzja.p7s"), content));
            assertThat(r.verdict()).as(text.substring(0, 20)).isEqualTo(Verdict.VALID);
        }
        byte[] damaged = der.clone();
        damaged[0] = 0x43;
        assertThatThrownBy(() -> verifier.verify(Content.of(damaged, "zepsuty.p7s"), content))
                .isInstanceOf(VerificationException.class).hasMessageContaining("zepsuty.p7s is a damaged CMS signature");
        assertThatThrownBy(() -> verifier.verify(Content.of("-----BEGIN PKCS7-----\nnie base64!\n-----END PKCS7-----\n"
                .getBytes(StandardCharsets.US_ASCII), "tekst.p7s"))).isInstanceOf(VerificationException.class)
                .hasMessageContaining("tekst.p7s is none of the formats");
    }

    @Test
    void cadesEnveloped_isRefusedWhenAsked() {
        assertThatThrownBy(() -> SignatureOptions.cades(SignaturePackaging.ENVELOPED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never enveloped");
    }

    @Test
    void asiceWithXades_coversEachFile_andSaysWhichSignatureCoversIt() {
        Content container = signer.sign(List.of(letter(), text("zalacznik.txt", "Załącznik.")),
                SignatureOptions.asice(SignatureFormat.XADES).level(SignatureLevel.T), jan);

        VerificationResult result = verifier.verify(container);
        VerificationReport r = single(result);
        assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID);
        assertThat(r.format()).isEqualTo(SignatureFormat.XADES);
        ContainerReport c = result.container().orElseThrow();
        assertThat(c.type()).isEqualTo("ASiC-E");
        assertThat(c.mimetype()).isEqualTo("application/vnd.etsi.asic-e+zip");
        assertThat(c.files()).extracting(ContainerReport.File::name).containsExactlyInAnyOrder(letter().name(), "zalacznik.txt");
        assertThat(c.files()).allSatisfy(f -> assertThat(f.signatureIds()).containsExactly(r.signatureId()));
        assertThat(result.allValid()).isTrue();
    }

    @Test
    void asiceWithCades_coversEachFile() {
        Content container = signer.sign(List.of(text("a.txt", "A"), text("b.txt", "B")),
                SignatureOptions.asice(SignatureFormat.CADES), jan);

        VerificationResult result = verifier.verify(container);
        VerificationReport r = single(result);
        assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID);
        assertThat(r.format()).isEqualTo(SignatureFormat.CADES);
        assertThat(result.container().orElseThrow().files()).extracting(ContainerReport.File::name)
                .containsExactlyInAnyOrder("a.txt", "b.txt");
        assertThat(result.container().orElseThrow().unsigned()).isEmpty();
    }

    @Test
    void asice_fileAddedAfterSigning_isNamedUnsigned_andTheResultIsNotAllValid() throws IOException {
        Content container = signer.sign(List.of(text("a.txt", "A")), SignatureOptions.asice(SignatureFormat.XADES), jan);
        Content added = rewrite(container, "smuggled.txt", "unsigned".getBytes(StandardCharsets.UTF_8), null);

        VerificationResult result = verifier.verify(added);

        assertThat(result.container().orElseThrow().unsigned()).extracting(ContainerReport.File::name)
                .containsExactly("smuggled.txt");
        assertThat(result.allValid()).isFalse();
    }

    @Test
    void asice_signedFileReplaced_invalidHashFailure() throws IOException {
        for (SignatureFormat format : List.of(SignatureFormat.XADES, SignatureFormat.CADES)) {
            Content container = signer.sign(List.of(text("a.txt", "A"), text("b.txt", "B")), SignatureOptions.asice(format), jan);
            Content changed = rewrite(container, null, null, "b.txt");

            VerificationReport r = single(verifier.verify(changed));

            assertThat(r.verdict()).as(format.name()).isEqualTo(Verdict.INVALID);
            assertThat(r.subIndication()).as(format.name()).isEqualTo("HASH_FAILURE");
        }
    }

    @Test
    void asice_extendedToLt_verifiesOfflineFromWhatItCarries() {
        Content container = signer.sign(List.of(text("a.txt", "A")), SignatureOptions.asice(SignatureFormat.XADES), jan);
        Content lt = signer.extend(container, SignatureLevel.LT, null);

        VerificationReport r = single(SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate()))
                .offline().build().verify(lt));

        assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID);
        assertThat(r.level()).isEqualTo(SignatureLevel.LT);
    }

    @Test
    void signingSeveralFiles_outsideAContainer_orTwoOfOneName_isRefused() {
        assertThatThrownBy(() -> signer.sign(List.of(text("a.txt", "A"), text("b.txt", "B")),
                SignatureOptions.cades(SignaturePackaging.DETACHED), jan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only an ASiC-E container");
        assertThatThrownBy(() -> signer.sign(List.of(text("a.txt", "A"), text("a.txt", "B")),
                SignatureOptions.asice(SignatureFormat.XADES), jan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two files are named a.txt");
    }

    @Test
    void rfc3161Token_verifiesOverItsData_asTokenAndAsResponse() {
        byte[] data = "Protokół z 1 grudnia 2026.".getBytes(StandardCharsets.UTF_8);
        byte[] token = token(data);
        Content content = Content.of(data, "protokol.txt");

        VerificationResult asToken = verifier.verify(Content.of(token, "protokol.tst"), content);
        assertThat(asToken.signatures()).isEmpty();
        assertThat(asToken.timestamps()).singleElement().satisfies(t -> {
            assertThat(t.verdict()).as(t.errors().toString()).isEqualTo(Verdict.VALID);
            assertThat(t.productionTime()).isNotNull();
            assertThat(t.covered()).anySatisfy(c -> assertThat(c).contains("protokol.txt"));
        });
        assertThat(asToken.allValid()).isTrue();

        VerificationResult asResponse = verifier.verify(Content.of(response(0, token), "protokol.tsr"), content);
        assertThat(asResponse.timestamps()).singleElement().extracting(TimestampReport::verdict).isEqualTo(Verdict.VALID);

        VerificationResult otherData = verifier.verify(Content.of(token, "protokol.tst"),
                Content.of("Protokół zmieniony.".getBytes(StandardCharsets.UTF_8), "protokol.txt"));
        assertThat(otherData.timestamps()).singleElement().extracting(TimestampReport::verdict).isNotEqualTo(Verdict.VALID);
        assertThat(otherData.allValid()).isFalse();
    }

    @Test
    void rfc3161Response_refused_orMalformed_saysWhy() {
        assertThatThrownBy(() -> verifier.verify(Content.of(response(2, new byte[0]), "odmowa.tsr")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("odmowa.tsr is an RFC 3161 time-stamp response")
                .hasMessageContaining("status 2 (rejection)");
        byte[] cut = response(0, token("x".getBytes(StandardCharsets.UTF_8)));
        byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - 40);
        assertThatThrownBy(() -> verifier.verify(Content.of(truncated, "cut.tsr")))
                .isInstanceOf(VerificationException.class).hasMessageContaining("cut.tsr");
    }

    @Test
    void pdfWithOnlyADocumentTimestamp_reportsTheTimestamp() {
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        PAdESService service = new PAdESService(cv);
        service.setTspSource(tsa());
        DSSDocument stamped = service.timestamp(new InMemoryDocument(pdf().toBytes(), "akt.pdf"), new PAdESTimestampParameters());
        Content file = Content.of(DSSUtils.toByteArray(stamped), "akt.pdf");

        VerificationResult result = verifier.verify(file);

        assertThat(result.signatures()).isEmpty();
        assertThat(result.timestamps()).singleElement().satisfies(t -> {
            assertThat(t.verdict()).as(t.errors().toString()).isEqualTo(Verdict.VALID);
            assertThat(t.summary()).startsWith("VALID, time stamp of ");
        });
        assertThat(result.allValid()).isTrue();
    }

    @Test
    void jades_madeByDss_verifiesAsJades() {
        for (JWSSerializationType serialization : List.of(JWSSerializationType.COMPACT_SERIALIZATION,
                JWSSerializationType.JSON_SERIALIZATION)) {
            JAdESService service = new JAdESService(new CommonCertificateVerifier());
            JAdESSignatureParameters params = new JAdESSignatureParameters();
            params.setSignatureLevel(eu.europa.esig.dss.enumerations.SignatureLevel.JAdES_BASELINE_B);
            params.setSignaturePackaging(eu.europa.esig.dss.enumerations.SignaturePackaging.ENVELOPING);
            params.setJwsSerializationType(serialization);
            params.setSigDMechanism(SigDMechanism.NO_SIG_D);
            List<CertificateToken> chain = jan.chain().stream().map(CertificateToken::new).toList();
            params.setSigningCertificate(chain.get(0));
            params.setCertificateChain(chain);
            params.setEncryptionAlgorithm(EncryptionAlgorithm.forKey(chain.get(0).getPublicKey()));
            params.setDigestAlgorithm(DigestAlgorithm.SHA256);
            DSSDocument payload = new InMemoryDocument("{\"wniosek\":\"zaświadczenie\"}".getBytes(StandardCharsets.UTF_8), "w.json");
            ToBeSigned tbs = service.getDataToSign(payload, params);
            byte[] value = jan.sign(tbs.getBytes(), params.getSignatureAlgorithm().getJCEId());
            DSSDocument signed = service.signDocument(payload, params, new SignatureValue(params.getSignatureAlgorithm(), value));

            VerificationReport r = single(verifier.verify(Content.of(DSSUtils.toByteArray(signed), "w.jws")));

            assertThat(r.verdict()).as(serialization + ": " + r.errors()).isEqualTo(Verdict.VALID);
            assertThat(r.format()).isEqualTo(SignatureFormat.JADES);
        }
    }

    @Test
    void refusals_nameWhatWasRecognised() throws IOException {
        assertThatThrownBy(() -> verifier.verify(text("dane.json", "{\"a\": 1}")))
                .isInstanceOf(VerificationException.class).hasMessageContaining("dane.json is JSON but no JAdES signature");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> verifier.verify(Content.of(zip.toByteArray(), "archiwum.zip")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("archiwum.zip is a ZIP archive but no signature container: it has no META-INF folder");
        byte[] damaged = zip.toByteArray();
        damaged[2] = 0x7F; // the local file header's signature broken; the central directory still at the end
        assertThatThrownBy(() -> verifier.verify(Content.of(damaged, "zepsuty.asice")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("zepsuty.asice is a damaged ZIP archive");
        assertThatThrownBy(() -> verifier.verify(text("notatka.txt", "Zwykły tekst, %PDF- w środku.")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("notatka.txt is none of the formats okienko verifies");
    }

    /** A copy of a ZIP with one entry added, or one entry's bytes changed (stored entries keep the mimetype first). */
    private static Content rewrite(Content zip, String addName, byte[] addBytes, String changeName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toBytes()));
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(changeName)) {
                    bytes = "changed after signing".getBytes(StandardCharsets.UTF_8);
                }
                ZipEntry copy = new ZipEntry(e.getName());
                if (e.getName().equals("mimetype")) {
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(bytes.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(bytes);
                    copy.setCrc(crc.getValue());
                }
                z.putNextEntry(copy);
                z.write(bytes);
            }
            if (addName != null) {
                z.putNextEntry(new ZipEntry(addName));
                z.write(addBytes);
            }
        }
        return Content.of(out.toByteArray(), zip.name());
    }

    private static OnlineTSPSource tsa() {
        OkHttpDataLoader loader = new OkHttpDataLoader(HttpClients.defaultClient(), null);
        loader.setContentType("application/timestamp-query");
        return new OnlineTSPSource(pki.tsaUri().toString(), loader);
    }

    /** An RFC 3161 token over the data, from the test PKI's TSA. */
    private static byte[] token(byte[] data) {
        return tsa().getTimeStampResponse(DigestAlgorithm.SHA256, DSSUtils.digest(DigestAlgorithm.SHA256, data)).getBytes();
    }

    /** A TimeStampResp around a token: SEQUENCE { SEQUENCE { INTEGER status }, token }. */
    private static byte[] response(int status, byte[] token) {
        byte[] statusInfo = {0x30, 0x03, 0x02, 0x01, (byte) status};
        List<byte[]> parts = new ArrayList<>(List.of(statusInfo, token));
        int length = statusInfo.length + token.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        } else {
            throw new IllegalArgumentException("too long for this test");
        }
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
