package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.letter;
import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import dev.okienko.testkit.pki.TestTrustedList;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust from trusted lists: a test TL (ETSI TS 119 612) listing the test issuing CA, signed as XAdES-B by
 * the test scheme operator (with the test kit's own signer, and once with okienko's), served over loopback,
 * loaded by DSS's TL job through okienko's HTTP stack. The root is trusted by nothing but the list here.
 */
@ExtendWith(TestPkiExtension.class)
class TrustedListTest {
    private static TestPki pki;
    private static Fixture f;
    private static Content signedByJan;
    private static List<X509Certificate> schemeOperator;

    @TempDir
    Path cache;

    @BeforeAll
    static void setUp(TestPki testPki) {
        pki = testPki;
        f = Fixture.of(testPki);
        signedByJan = f.signer().sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED), f.jan());
        schemeOperator = List.of(pki.trustedListSigner().certificate());
    }

    private static byte[] signedList(TestTrustedList.Builder list) {
        return list.buildSigned(pki.trustedListSigner());
    }

    private static URI publish(String name, byte[] tl) {
        return pki.publish(name, tl, "application/xml");
    }

    private static TestTrustedList.Builder listingIssuingCa() {
        return TestTrustedList.builder("PL").service("okienko Test Issuing CA", pki.issuingCaCertificate());
    }

    private Verdict verdictWith(TrustConfiguration trust) {
        return single(SignatureVerifier.builder().trust(trust).build().verify(signedByJan)).verdict();
    }

    @Test
    void trustedList_listingTheIssuingCa_makesSignatureValid() {
        URI url = publish("pl-valid.xml", signedList(listingIssuingCa()));

        TrustConfiguration trust = TrustConfiguration.builder().trustedList(url, schemeOperator).cacheDirectory(cache).build();

        assertThat(trust.trustedListStatus()).singleElement().satisfies(s -> {
            assertThat(s.loaded()).isTrue();
            assertThat(s.signatureValid()).as(s.toString()).isTrue();
            assertThat(s.territory()).isEqualTo("PL");
            assertThat(s.trustServiceProviders()).isEqualTo(1);
        });
        assertThat(verdictWith(trust)).isEqualTo(Verdict.VALID);
        assertThat(verdictWith(TrustConfiguration.none())).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void trustedList_signedWithOkienkosSigner_alsoTrusted() {
        byte[] tl = f.signer().sign(Content.of(listingIssuingCa().build(), "tl.xml"),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED),
                SigningKey.of(pki.trustedListSigner().toSystemCredentials())).toBytes();
        URI url = publish("pl-okienko-signed.xml", tl);

        TrustConfiguration trust = TrustConfiguration.builder().trustedList(url, schemeOperator).cacheDirectory(cache).build();

        assertThat(trust.trustedListStatus().get(0).signatureValid()).isTrue();
        assertThat(verdictWith(trust)).isEqualTo(Verdict.VALID);
    }

    @Test
    void trustedList_changedAfterSigning_notTrusted() {
        String signed = new String(signedList(listingIssuingCa()), StandardCharsets.UTF_8);
        URI url = publish("pl-tampered.xml", signed.replace("okienko test trust service provider", "someone else")
                .getBytes(StandardCharsets.UTF_8));

        TrustConfiguration trust = TrustConfiguration.builder().trustedList(url, schemeOperator).cacheDirectory(cache).build();

        assertThat(trust.trustedListStatus().get(0).signatureValid()).isFalse();
        assertThat(verdictWith(trust)).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void trustedList_signedByAnotherThanPinned_notTrusted() {
        URI url = publish("pl-other-signer.xml", signedList(listingIssuingCa()));

        TrustConfiguration trust = TrustConfiguration.builder()
                .trustedList(url, List.of(pki.seal().certificate())).cacheDirectory(cache).build();

        assertThat(trust.trustedListStatus().get(0).signatureValid()).isFalse();
        assertThat(verdictWith(trust)).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void offline_emptyCacheTrustsNothing_filledCacheTrustsTheList() {
        URI url = publish("pl-offline.xml", signedList(listingIssuingCa()));
        TrustConfiguration offlineEmpty = TrustConfiguration.builder().trustedList(url, schemeOperator)
                .cacheDirectory(cache).offline().build();
        assertThat(verdictWith(offlineEmpty)).isEqualTo(Verdict.INDETERMINATE);

        TrustConfiguration.builder().trustedList(url, schemeOperator).cacheDirectory(cache).build();
        pki.withdraw("pl-offline.xml");
        TrustConfiguration offlineFilled = TrustConfiguration.builder().trustedList(url, schemeOperator)
                .cacheDirectory(cache).offline().build();

        assertThat(verdictWith(offlineFilled)).isEqualTo(Verdict.VALID);
    }

    @Test
    void refresh_listGoneFromServer_keepsLastGoodList() {
        URI url = publish("pl-refresh.xml", signedList(listingIssuingCa()));
        TrustConfiguration trust = TrustConfiguration.builder().trustedList(url, schemeOperator).cacheDirectory(cache).build();
        assertThat(verdictWith(trust)).isEqualTo(Verdict.VALID);

        pki.withdraw("pl-refresh.xml");
        trust.refresh();

        assertThat(verdictWith(trust)).isEqualTo(Verdict.VALID);
        assertThat(trust.trustedListStatus().get(0).loaded()).isTrue();
    }

    @Test
    void listOfLists_pointingToTheNationalList_trustsThroughIt() {
        URI tl = publish("pl-via-lotl.xml", signedList(listingIssuingCa()));
        URI lotl = publish("lotl.xml", signedList(TestTrustedList.listOfLists()
                .pointer("PL", tl, pki.trustedListSigner().certificate())));

        TrustConfiguration trust = TrustConfiguration.builder().listOfTrustedLists(lotl, schemeOperator, "PL")
                .cacheDirectory(cache).build();

        assertThat(trust.trustedListStatus()).hasSize(2).allSatisfy(s -> assertThat(s.signatureValid()).as(s.toString()).isTrue());
        assertThat(trust.trustedListStatus().get(1).territory()).isEqualTo("PL");
        assertThat(verdictWith(trust)).isEqualTo(Verdict.VALID);
    }

    @Test
    void listOfLists_otherTerritoryOnly_doesNotFollowThePolishList() {
        URI tl = publish("pl-not-followed.xml", signedList(listingIssuingCa()));
        URI lotl = publish("lotl-cz.xml", signedList(TestTrustedList.listOfLists()
                .pointer("PL", tl, pki.trustedListSigner().certificate())));

        TrustConfiguration trust = TrustConfiguration.builder().listOfTrustedLists(lotl, schemeOperator, "CZ")
                .cacheDirectory(cache).build();

        assertThat(trust.trustedListStatus()).hasSize(1);
        assertThat(verdictWith(trust)).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void refresh_newListWithdrawsTheCa_noLongerTrusted() {
        URI url = publish("pl-withdrawn.xml", signedList(listingIssuingCa()));
        TrustConfiguration trust = TrustConfiguration.builder().trustedList(url, schemeOperator).cacheDirectory(cache).build();
        assertThat(verdictWith(trust)).isEqualTo(Verdict.VALID);

        publish("pl-withdrawn.xml", signedList(TestTrustedList.builder("PL").sequence(2)
                .service("okienko Test Issuing CA", pki.issuingCaCertificate(), TestTrustedList.CA_QC,
                        TestTrustedList.WITHDRAWN)));
        trust.refresh();

        assertThat(trust.trustedListStatus().get(0).sequenceNumber()).isEqualTo(2);
        assertThat(verdictWith(trust)).isNotEqualTo(Verdict.VALID);
    }
}
