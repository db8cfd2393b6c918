package dev.okienko.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Signs with keys from the test PKI, time-stamps and fetches revocation data over loopback, verifies. */
@ExtendWith(TestPkiExtension.class)
class SignerTest {
    private static Signer signer;
    private static SignatureVerifier verifier;
    private static SigningKey jan;
    private static TestPki pki;

    @BeforeAll
    static void setUp(TestPki testPki) {
        Fixture f = Fixture.of(testPki);
        pki = testPki;
        signer = f.signer();
        verifier = f.verifier();
        jan = f.jan();
    }

    static Content letter() {
        return Content.of(TestDocuments.xmlLetter("Wniosek o zaświadczenie"), "wniosek.xml");
    }

    static Content pdf() {
        return Content.of(TestDocuments.pdf("Decyzja nr 1/2026"), "decyzja.pdf");
    }

    static Stream<Arguments> xadesPackagingsAndLevels() {
        return Stream.of(SignaturePackaging.values())
                .flatMap(p -> Stream.of(SignatureLevel.values()).map(l -> Arguments.of(p, l)));
    }

    @ParameterizedTest(name = "XAdES {0} {1}")
    @MethodSource("xadesPackagingsAndLevels")
    void sign_xades_verifiesValidAtRequestedLevel(SignaturePackaging packaging, SignatureLevel level) {
        Content signed = signer.sign(letter(), SignatureOptions.xades(packaging).level(level), jan);

        VerificationResult result = packaging == SignaturePackaging.DETACHED
                ? verifier.verify(signed, letter())
                : verifier.verify(signed);

        assertThat(result.signatures()).hasSize(1);
        VerificationReport r = result.signatures().get(0);
        assertThat(r.verdict()).as(r.toString() + " " + r.errors()).isEqualTo(Verdict.VALID);
        assertThat(r.format()).isEqualTo(SignatureFormat.XADES);
        assertThat(r.level()).isEqualTo(level);
        assertThat(r.formatName()).isEqualTo("XAdES-BASELINE-" + level);
        assertThat(r.signerName()).isEqualTo("Jan Kowalski");
        assertThat(r.pesel()).isNotNull();
        assertThat(r.pesel().birthDate()).hasToString("1985-03-12");
        assertThat(r.signerCertificate()).isEqualTo(pki.person().certificate());
        assertThat(r.claimedSigningTime()).isNotNull();
        assertThat(r.provenSigningTime() != null).isEqualTo(level != SignatureLevel.B);
        assertThat(r.qualified()).isFalse();
    }

    @ParameterizedTest(name = "PAdES {0}")
    @EnumSource(SignatureLevel.class)
    void sign_pades_verifiesValidAtRequestedLevel(SignatureLevel level) {
        Content signed = signer.sign(pdf(), SignatureOptions.pades().level(level).reason("Decyzja").location("Warszawa"), jan);

        VerificationReport r = single(verifier.verify(signed));

        assertThat(r.verdict()).as(r.toString() + " " + r.errors()).isEqualTo(Verdict.VALID);
        assertThat(r.formatName()).isEqualTo("PAdES-BASELINE-" + level);
        assertThat(new String(signed.toBytes(), StandardCharsets.ISO_8859_1)).contains("/Reason (Decyzja)");
    }

    @Test
    void sign_seal_carriesNipNotPesel() {
        Content signed = signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED),
                SigningKey.of(pki.seal().toSystemCredentials()));

        VerificationReport r = single(verifier.verify(signed));

        assertThat(r.nip()).isNotNull();
        assertThat(r.pesel()).isNull();
        assertThat(r.signerName()).isEqualTo("Urząd Gminy Testowo");
    }

    @Test
    void prepareAndFinish_externalSignatureValue_verifies() throws Exception {
        SignatureOptions options = SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.T);

        PendingSignature pending = signer.prepare(letter(), options, pki.person().chain());
        SigningState state = roundTrip(pending.state());
        Signature hsm = Signature.getInstance(pending.signatureAlgorithm());
        hsm.initSign(pki.person().privateKey());
        hsm.update(pending.dataToSign());
        Content signed = signer.finish(letter(), state, hsm.sign());

        VerificationReport r = single(verifier.verify(signed));
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.claimedSigningTime()).isEqualTo(state.signingTime());
        assertThat(pending.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    }

    @Test
    void finish_signatureValueFromAnotherKey_refused() throws Exception {
        PendingSignature pending = signer.prepare(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED),
                pki.person().chain());
        Signature other = Signature.getInstance(pending.signatureAlgorithm());
        other.initSign(pki.seal().privateKey());
        other.update(pending.dataToSign());
        byte[] wrong = other.sign();

        assertThatThrownBy(() -> signer.finish(letter(), pending.state(), wrong))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("wniosek.xml");
    }

    @Test
    void extend_bToLt_addsTimestampAndRevocationData() {
        Content b = signer.sign(pdf(), SignatureOptions.pades(), jan);

        Content lt = signer.extend(b, SignatureLevel.LT, null);

        VerificationReport r = single(SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate()))
                .offline().build().verify(lt));
        assertThat(r.formatName()).isEqualTo("PAdES-BASELINE-LT");
        assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID);
    }

    @Test
    void extend_detachedXadesToLta_needsAndUsesTheContent() {
        Content sig = signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.DETACHED), jan);

        Content lta = signer.extend(sig, SignatureLevel.LTA, letter());

        assertThat(single(verifier.verify(lta, letter())).formatName()).isEqualTo("XAdES-BASELINE-LTA");
    }

    @Test
    void sign_levelTWithoutTsa_saysWhatIsMissing() {
        Signer noTsa = Signer.builder().build();

        assertThatThrownBy(() -> noTsa.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED)
                .level(SignatureLevel.T), jan))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("time-stamping authority");
    }

    @Test
    void sign_expiredCertificate_refused() {
        SigningKey expired = SigningKey.of(pki.expiredPerson().privateKey(), pki.expiredPerson().chain());

        assertThatThrownBy(() -> signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), expired))
                .isInstanceOf(SigningException.class);
    }

    @Test
    void sign_revokedCertificateAtLt_refused() {
        SigningKey revoked = SigningKey.of(pki.revokedPerson().privateKey(), pki.revokedPerson().chain());

        assertThatThrownBy(() -> signer.sign(letter(),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.LT), revoked))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("revoked");
    }

    @Test
    void sign_unreachableTsa_retryableError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Signer broken = Signer.builder().tsa(java.net.URI.create("http://127.0.0.1:" + closedPort + "/tsa")).build();

        assertThatThrownBy(() -> broken.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED)
                .level(SignatureLevel.T), jan))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    static VerificationReport single(VerificationResult result) {
        assertThat(result.signatures()).hasSize(1);
        return result.signatures().get(0);
    }

    private static SigningState roundTrip(SigningState state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        assertThat(bytes.size()).as("serialised state size").isLessThan(8192);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SigningState) in.readObject();
        }
    }
}
