package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.EpuapAddress;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;

/** As ePUAP, the simulator takes RSA-SHA256 signatures with SHA-256 digests only: SHA-1 is withdrawn. */
@ExtendWith(TestPkiExtension.class)
class SignatureAlgorithmsTest {
    private static final EpuapAddress BOX = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
    private static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";

    private EpuapSimulator epuap;
    private TestPki pki;

    @BeforeEach
    void start(TestPki pki) {
        this.pki = pki;
        epuap = EpuapSimulator.start(pki).createInbox(BOX);
        epuap.registerSystem(pki.seal().certificate(), "UrzadGminyTestowo");
    }

    @AfterEach
    void stop() {
        epuap.close();
    }

    @ParameterizedTest(name = "{0} over {1}: accepted {2}")
    @CsvSource({
        XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256 + ", " + WsSecurity.SHA256 + ", true",
        XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1 + ", " + WsSecurity.SHA256 + ", false",
        XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256 + ", " + SHA1 + ", false",
        XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1 + ", " + SHA1 + ", false"})
    void aPullQuery_isAnsweredOnlyWhenSignedWithSha256(String signatureMethod, String digestMethod, boolean accepted) throws Exception {
        Element query = SoapCall.newRequest(Namespaces.OBJECTS, "ZapytaniePullOczekujace");
        SoapCall.addChild(query, "podmiot", "UrzadGminyTestowo");
        SoapCall.addChild(query, "nazwaSkrytki", BOX.boxName());
        SoapCall.addChild(query, "adresSkrytki", BOX.value());
        WsSecurity.sign(query.getOwnerDocument(), pki.seal().privateKey(), pki.seal().certificate(), false, signatureMethod, digestMethod);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(epuap.endpoint(EpuapSimulator.Service.PULL))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SoapCall.serialise(query.getOwnerDocument()))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        if (accepted) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("OdpowiedzPullOczekujace");
        } else {
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("Niedozwolony algorytm podpisu", "SHA-1 is withdrawn");
        }
    }

    @org.junit.jupiter.api.Test
    void aRequestSigningItsTimestampToo_asThePublishedPolicySays_isAccepted() {
        dev.okienko.epuap.EpuapClient client = dev.okienko.epuap.EpuapClient.builder().environment(epuap.environment())
                .credentials(pki.seal().toSystemCredentials()).serverCertificate(pki.epuapServer().certificate()).timestamp(true).build();

        assertThat(client.inbox("UrzadGminyTestowo", BOX).pending()).isZero();

        org.w3c.dom.Document request = epuap.lastRequest(EpuapSimulator.Service.PULL);
        assertThat(request.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Reference").getLength()).isEqualTo(2);
    }
}
