package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.letter;
import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.Pesel;
import dev.okienko.core.SecureXml;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import dev.okienko.testkit.pki.TestTrustedProfile;
import dev.okienko.testkit.pki.TestTrustedProfile.AccountIdPosition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Kinds and signer identities: trusted-profile signatures in both forms (made by the test kit's own XAdES
 * producer, not okienko's), forged seals, identity blocks outside the signed properties, personal
 * signatures with and without their anchor.
 */
@ExtendWith(TestPkiExtension.class)
class SignatureKindTest {
    private static final Pesel ANNA = TestData.pesel(LocalDate.of(1992, 4, 17), Pesel.Sex.FEMALE, 321);

    private static TestPki pki;
    private static Fixture f;
    private static SignatureVerifier withSeal;

    @BeforeAll
    static void setUp(TestPki testPki) {
        pki = testPki;
        f = Fixture.of(testPki);
        withSeal = SignatureVerifier.builder().trust(f.trust())
                .trustedProfileSeals(List.of(pki.trustedProfileSeal().certificate())).build();
    }

    private static byte[] document() {
        return TestDocuments.xmlLetter("Wniosek przez profil zaufany");
    }

    @Test
    void podpisZp_accountIdInPersonData_trustedProfileWithIdentityFromBlock() {
        byte[] signed = TestTrustedProfile.sign(document(), pki.trustedProfileSeal(),
                TestTrustedProfile.podpisZp("Anna", "Zając", ANNA, "anna.zajac", AccountIdPosition.IN_PERSON_DATA));

        VerificationReport r = single(withSeal.verify(Content.of(signed, "pz.xml")));

        assertThat(r.kind()).as(r.warnings().toString()).isEqualTo(SignatureKind.TRUSTED_PROFILE);
        assertThat(r.signer().firstName()).isEqualTo("Anna");
        assertThat(r.signer().surname()).isEqualTo("Zając");
        assertThat(r.signer().pesel()).isEqualTo(ANNA);
        assertThat(r.signer().epuapAccountId()).isEqualTo("anna.zajac");
        assertThat(r.signer().source()).isEqualTo(SignerIdentity.Source.PODPIS_ZP);
        assertThat(r.signer().toString()).doesNotContain(ANNA.value());
        assertThat(r.summary()).contains("trusted profile", "Anna Zając", ANNA.masked()).doesNotContain("NIP");
    }

    @Test
    void podpisZp_accountIdInSignatureData_readToo() {
        byte[] signed = TestTrustedProfile.sign(document(), pki.trustedProfileSeal(),
                TestTrustedProfile.podpisZp("Anna", "Zając", ANNA, "konto-2", AccountIdPosition.IN_SIGNATURE_DATA));

        VerificationReport r = single(withSeal.verify(Content.of(signed, "pz2.xml")));

        assertThat(r.kind()).isEqualTo(SignatureKind.TRUSTED_PROFILE);
        assertThat(r.signer().epuapAccountId()).isEqualTo("konto-2");
    }

    @Test
    void epSignature_trustedProfileWithIdentityFromBlock() {
        byte[] signed = TestTrustedProfile.sign(document(), pki.trustedProfileSeal(),
                TestTrustedProfile.epSignature("Anna", "Zając", ANNA, LocalDate.of(1992, 4, 17)));

        VerificationReport r = single(withSeal.verify(Content.of(signed, "ep.xml")));

        assertThat(r.kind()).isEqualTo(SignatureKind.TRUSTED_PROFILE);
        assertThat(r.signer().source()).isEqualTo(SignerIdentity.Source.EP_SIGNATURE);
        assertThat(r.signer().pesel()).isEqualTo(ANNA);
        assertThat(r.signer().fullName()).isEqualTo("Anna Zając");
    }

    @Test
    void podpisZp_sealedByAnotherKey_loudlyNotTrustedProfile() {
        byte[] forged = TestTrustedProfile.sign(document(), pki.seal(),
                TestTrustedProfile.podpisZp("Anna", "Zając", ANNA, "anna", AccountIdPosition.IN_PERSON_DATA));

        VerificationReport r = single(withSeal.verify(Content.of(forged, "forged.xml")));

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.kind()).isEqualTo(SignatureKind.ADVANCED);
        assertThat(r.signer().source()).isEqualTo(SignerIdentity.Source.CERTIFICATE);
        assertThat(r.signer().pesel()).isNull();
        assertThat(r.warnings().get(0)).startsWith("NOT a trusted profile signature").contains("Urząd Gminy Testowo");
        assertThat(r.summary()).endsWith("NOT a trusted profile signature");
    }

    @Test
    void podpisZp_sealNotConfigured_notTrustedProfile() {
        byte[] signed = TestTrustedProfile.sign(document(), pki.trustedProfileSeal(),
                TestTrustedProfile.podpisZp("Anna", "Zając", ANNA, "anna", AccountIdPosition.IN_PERSON_DATA));

        VerificationReport r = single(f.verifier().verify(Content.of(signed, "pz.xml")));

        assertThat(r.kind()).isEqualTo(SignatureKind.ADVANCED);
        assertThat(r.warnings().get(0)).startsWith("NOT a trusted profile signature");
    }

    @Test
    void identityBlockOutsideSignedProperties_ignoredAndReported() throws Exception {
        // a genuine seal with no identity, then a PodpisZP slipped into an unsigned ds:Object afterwards
        byte[] sealed = TestTrustedProfile.sign(document(), pki.trustedProfileSeal(),
                "<Inne xmlns=\"urn:okienko:test\"/>");
        Document doc = SecureXml.parse(sealed);
        Element signature = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        Element object = doc.createElementNS("http://www.w3.org/2000/09/xmldsig#", "ds:Object");
        object.appendChild(doc.importNode(SecureXml.parse(TestTrustedProfile.podpisZp("Mallory", "Nowak", ANNA, "m",
                AccountIdPosition.IN_PERSON_DATA).getBytes(StandardCharsets.UTF_8)).getDocumentElement(), true));
        signature.appendChild(object);

        VerificationReport r = single(withSeal.verify(Content.of(serialise(doc), "wrapped.xml")));

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.kind()).isNotEqualTo(SignatureKind.TRUSTED_PROFILE);
        assertThat(r.signer().fullName()).doesNotContain("Mallory");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("outside the signed properties"));
    }

    @Test
    void trustedProfile_tamperedContent_kindNone() {
        String signed = new String(TestTrustedProfile.sign(document(), pki.trustedProfileSeal(),
                TestTrustedProfile.podpisZp("Anna", "Zając", ANNA, "anna", AccountIdPosition.IN_PERSON_DATA)),
                StandardCharsets.UTF_8);

        VerificationReport r = single(withSeal.verify(Content.of(signed.replace("zaświadczenia", "decyzji")
                .getBytes(StandardCharsets.UTF_8), "t.xml")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.kind()).isEqualTo(SignatureKind.NONE);
        assertThat(r.signer().source()).isEqualTo(SignerIdentity.Source.CERTIFICATE);
    }

    @Test
    void personal_anchorConfigured_personal() {
        Content signed = f.signer().sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), f.jan());
        SignatureVerifier eId = SignatureVerifier.builder().personalAnchors(List.of(pki.rootCertificate())).build();

        VerificationReport r = single(eId.verify(signed));

        assertThat(r.kind()).isEqualTo(SignatureKind.PERSONAL);
        assertThat(r.signer().firstName()).isEqualTo("Jan");
        assertThat(r.signer().surname()).isEqualTo("Kowalski");
        assertThat(r.signer().source()).isEqualTo(SignerIdentity.Source.CERTIFICATE);
    }

    @Test
    void personal_anchorNotConfigured_notValidSoNoKind() {
        Content signed = f.signer().sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), f.jan());

        VerificationReport r = single(SignatureVerifier.builder().build().verify(signed));

        assertThat(r.kind()).isEqualTo(SignatureKind.NONE);
    }

    @Test
    void qualified_caListedOnTrustedList_qualified(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache) {
        java.net.URI tl = pki.publish("pl-qualified.xml", dev.okienko.testkit.pki.TestTrustedList.builder("PL")
                .service("okienko Test Qualified CA", pki.qualifiedCaCertificate())
                .buildSigned(pki.trustedListSigner()), "application/xml");
        TrustConfiguration trust = TrustConfiguration.builder()
                .trustedList(tl, List.of(pki.trustedListSigner().certificate())).cacheDirectory(cache).build();
        Content signed = f.signer().sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.T),
                SigningKey.of(pki.qualifiedPerson().toSystemCredentials()));

        VerificationReport onList = single(SignatureVerifier.builder().trust(trust).build().verify(signed));
        VerificationReport anchorsOnly = single(f.verifier().verify(signed));

        assertThat(trust.trustedListStatus().get(0).error()).isNull();
        assertThat(onList.qualified()).as(onList.qualification() + " " + onList.warnings()).isTrue();
        assertThat(onList.kind()).isEqualTo(SignatureKind.QUALIFIED);
        assertThat(onList.summary()).contains("qualified", "Ewa Kwalifikowana");
        assertThat(anchorsOnly.verdict()).isEqualTo(Verdict.VALID);
        assertThat(anchorsOnly.kind()).isEqualTo(SignatureKind.ADVANCED);
    }

    @Test
    void ordinaryTrustedSignature_advanced() {
        Content signed = f.signer().sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), f.jan());

        assertThat(single(f.verifier().verify(signed)).kind()).isEqualTo(SignatureKind.ADVANCED);
    }

    private static byte[] serialise(Document doc) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecureXml.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
