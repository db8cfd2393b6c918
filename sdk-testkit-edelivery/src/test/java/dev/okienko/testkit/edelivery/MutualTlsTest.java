package dev.okienko.testkit.edelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.HttpClients;
import dev.okienko.core.Nip;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mutual TLS against the embedded e-Doręczenia over HTTPS: the system's certificate as the TLS client
 * certificate, tokens bound to it, and each way of getting it wrong refused.
 */
@ExtendWith(TestPkiExtension.class)
class MutualTlsTest {
    private static final Ade NASZ = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade URZAD = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Nip NIP_URZEDU = TestData.nip(526025027);

    private TestPki pki;
    private EDeliverySimulator edelivery;
    private SystemCredentials our;

    @BeforeEach
    void start(TestPki pki) {
        this.pki = pki;
        our = pki.seal().toSystemCredentials();
        SystemCredentials their = pki.issueSeal("Urząd Skarbowy Testowo", NIP_URZEDU).toSystemCredentials();
        edelivery = EDeliverySimulator.startMutualTls(pki, SimulatorClock.systemUtc()).taskDelay(Duration.ofMillis(50))
                .registerSystem(NASZ, "EZD", our.certificate()).registerSystem(URZAD, "EZD", their.certificate())
                .addAddress(BaeEntry.publicBody(URZAD, "Urząd Skarbowy Testowo", NIP_URZEDU, "Radom"));
    }

    @AfterEach
    void stop() {
        edelivery.close();
    }

    private OkHttpClient tls(SystemCredentials clientCertificate) {
        return HttpClients.builder().clientCertificate(clientCertificate).trustAnchors(List.of(pki.rootCertificate())).build();
    }

    private SignedJwtTokenProvider tokens(OkHttpClient http) {
        return SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(our).system(NASZ, "EZD")
                .httpClient(http).build();
    }

    @Test
    void systemCertificateOverTls_lookupAndSendWork() {
        OkHttpClient http = tls(our);
        SignedJwtTokenProvider tokens = tokens(http);
        AddressBook bae = AddressBook.builder().environment(edelivery.environment()).tokens(tokens).sender(NASZ).httpClient(http)
                .build();
        Mailbox mailbox = Mailbox.builder().environment(edelivery.environment()).tokens(tokens).address(NASZ).httpClient(http)
                .pollInterval(Duration.ofMillis(30)).build();

        assertThat(edelivery.tokenEndpoint().getScheme()).isEqualTo("https");
        assertThat(bae.search(AddressQuery.byOfficialId(OfficialId.of(NIP_URZEDU))).next().ade()).isEqualTo(URZAD);
        SendReport report = mailbox.await(mailbox.send(Letter.builder().to(URZAD).subject("Przez mTLS").text("Treść").build()),
                Duration.ofSeconds(10));
        assertThat(report.allAccepted()).isTrue();
        assertThat(edelivery.receivedCount(URZAD)).isEqualTo(1);
    }

    @Test
    void noClientCertificate_theConnectionIsRefused() {
        OkHttpClient anonymous = HttpClients.builder().trustAnchors(List.of(pki.rootCertificate())).build();

        assertThatThrownBy(() -> tokens(anonymous).token()).isInstanceOf(ClientException.class)
                .hasMessageContaining("could not be reached");
        assertThat(edelivery.tokensIssued()).isZero();
    }

    @Test
    void serverNotTrusted_refusedBeforeAnythingIsSent() {
        OkHttpClient defaultTrust = HttpClients.builder().clientCertificate(our).build();

        assertThatThrownBy(() -> tokens(defaultTrust).token()).isInstanceOf(ClientException.class)
                .hasMessageContaining("could not be reached").hasMessageContaining("PKIX")
                .hasMessageContaining("trust anchors").matches(e -> !((ClientException) e).isRetryable(), "not retryable");
        assertThat(edelivery.tokensIssued()).isZero();
    }

    @Test
    void anotherCertificateOfTheSamePki_tokenRefused() {
        OkHttpClient someoneElse = tls(pki.person().toSystemCredentials());

        assertThatThrownBy(() -> tokens(someoneElse).token()).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.getMessage()).contains("TLS client certificate is not the one registered");
        });
        assertThat(edelivery.tokensIssued()).isZero();
    }

    @Test
    void tokenIsBoundToItsCertificate_anotherConnectionCannotUseIt() throws Exception {
        String token = tokens(tls(our)).token().value();
        OkHttpClient someoneElse = tls(pki.person().toSystemCredentials());
        Request stolen = new Request.Builder().url(edelivery.mailboxUrl() + NASZ.value() + "/messages?format=metadata")
                .header("Authorization", "Bearer " + token).build();

        try (Response response = someoneElse.newCall(stolen).execute()) {
            assertThat(response.code()).isEqualTo(401);
        }
        try (Response response = tls(our).newCall(stolen).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
    }
}
