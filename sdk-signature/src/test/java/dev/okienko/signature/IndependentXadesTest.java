package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * XAdES made without DSS or okienko's signer: the test kit's own producer on the JDK's XML signature API.
 * okienko must read them as it reads its own.
 */
@ExtendWith(TestPkiExtension.class)
class IndependentXadesTest {
    private static TestPki pki;
    private static SignatureVerifier verifier;

    @BeforeAll
    static void setUp(TestPki testPki) {
        pki = testPki;
        verifier = Fixture.of(testPki).verifier();
    }

    @Test
    void verify_xadesBMadeByJdkXmlDsig_validWithSignerIdentity() {
        Instant signingTime = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        byte[] signed = TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("Wniosek"), pki.person(), signingTime, List.of());

        VerificationReport r = single(verifier.verify(Content.of(signed, "independent.xml")));

        assertThat(r.verdict()).as(r.errors() + " " + r.warnings()).isEqualTo(Verdict.VALID);
        assertThat(r.formatName()).isEqualTo("XAdES-BASELINE-B");
        assertThat(r.signerName()).isEqualTo("Jan Kowalski");
        assertThat(r.pesel()).isNotNull();
        assertThat(r.claimedSigningTime()).isEqualTo(signingTime);
    }

    @Test
    void verify_independentXadesWithXmlClaimedRole_stillValid() {
        String role = "<ppZP:PodpisZP xmlns:ppZP=\"http://crd.gov.pl/xml/schematy/ppzp/\"><ppZP:DaneZP/></ppZP:PodpisZP>";
        byte[] signed = TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("Wniosek"), pki.trustedProfileSeal(),
                Instant.now(), List.of(role));

        VerificationReport r = single(verifier.verify(Content.of(signed, "pz.xml")));

        assertThat(new String(signed, StandardCharsets.UTF_8)).contains("xades:ClaimedRole><ppZP:PodpisZP");
        assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID);
    }

    @Test
    void verify_independentXadesTampered_invalid() {
        String signed = new String(TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("Wniosek"), pki.person()),
                StandardCharsets.UTF_8);

        VerificationReport r = single(verifier.verify(Content.of(signed.replace("zaświadczenia", "decyzji")
                .getBytes(StandardCharsets.UTF_8), "tampered.xml")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.subIndication()).isEqualTo("HASH_FAILURE");
    }
}
