package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.TrustedProfileSigningClient;
import dev.okienko.epuap.WsSecurityException;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureKind;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.SignerIdentity;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationReport;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.net.URI;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The trusted-profile signing round trip: okienko's client against the embedded service, over loopback. */
@ExtendWith(TestPkiExtension.class)
class TrustedProfileSigningSimulatorTest {
    private static final URI OK = URI.create("https://ezd.example/podpisano");
    private static final URI FAIL = URI.create("https://ezd.example/niepodpisano");

    private TestPki pki;
    private TrustedProfileSigningSimulator pz;
    private SystemCredentials system;
    private TrustedProfileSigningClient client;

    @BeforeEach
    void start(TestPki testPki) {
        pki = testPki;
        pz = TrustedProfileSigningSimulator.start(pki);
        system = pki.seal().toSystemCredentials();
        pz.registerSystem(system.certificate());
        client = TrustedProfileSigningClient.builder().environment(pz.environment()).credentials(system)
                .serviceCertificate(pz.serviceCertificate()).build();
    }

    @AfterEach
    void stop() {
        pz.close();
    }

    /** The person's browser: opens the signing address and is redirected. */
    private static String browse(URI url) throws Exception {
        OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
        try (Response r = browser.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
            assertThat(r.code()).isEqualTo(302);
            return r.header("Location");
        }
    }

    @Test
    void roundTrip_documentSignedWithTrustedProfile_verifiesAsTrustedProfileOfThePerson() throws Exception {
        byte[] letter = TestDocuments.xmlLetter("Wniosek przez profil zaufany");

        URI signHere = client.addDocumentToSigning(letter, OK, FAIL, "Wniosek o zaświadczenie");
        assertThat(client.getSignedDocument(signHere)).isEmpty();
        assertThat(browse(signHere)).isEqualTo(OK.toString());
        byte[] signed = client.getSignedDocument(signHere).orElseThrow();

        VerificationReport r = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate()))
                .trustedProfileSeals(List.of(pki.trustedProfileSeal().certificate())).build()
                .verify(Content.of(signed, "signed.xml")).signatures().get(0);
        assertThat(r.kind()).isEqualTo(SignatureKind.TRUSTED_PROFILE);
        assertThat(r.signer().fullName()).isEqualTo("Anna Zając");
        assertThat(r.signer().source()).isEqualTo(SignerIdentity.Source.PODPIS_ZP);
        assertThat(client.verifySignedDocument(signed)).contains("<Rodzaj>TRUSTED_PROFILE</Rodzaj>", "<Imie>Anna</Imie>");
    }

    @Test
    void personCancels_redirectedToFailureAndNothingSigned() throws Exception {
        URI signHere = client.addDocumentToSigning(TestDocuments.xmlLetter("X"), OK, FAIL, "");

        assertThat(browse(URI.create(signHere + "?cancel"))).isEqualTo(FAIL.toString());
        assertThat(client.getSignedDocument(signHere)).isEmpty();
    }

    @Test
    void unregisteredSystem_soapFaultAsServiceException() {
        TrustedProfileSigningClient stranger = TrustedProfileSigningClient.builder().environment(pz.environment())
                .credentials(pki.person().toSystemCredentials()).build();

        assertThatThrownBy(() -> stranger.addDocumentToSigning(TestDocuments.xmlLetter("X"), OK, FAIL, ""))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.errorCodes()).containsExactly("soapenv:Client");
                    assertThat(e.getMessage()).contains("unknown system certificate");
                });
    }

    @Test
    void answerSignedByAnotherThanTheConfiguredServiceCertificate_refused() {
        TrustedProfileSigningClient suspicious = TrustedProfileSigningClient.builder().environment(pz.environment())
                .credentials(system).serviceCertificate(pki.tsa().certificate()).build();

        assertThatThrownBy(() -> suspicious.addDocumentToSigning(TestDocuments.xmlLetter("X"), OK, FAIL, ""))
                .isInstanceOf(WsSecurityException.class).hasMessageContaining("signed by another certificate (CN=localhost");
    }

    @Test
    void builder_withoutCredentials_saysSo() {
        assertThatThrownBy(() -> TrustedProfileSigningClient.builder().environment(pz.environment()).build())
                .hasMessageContaining("credentials");
    }
}
