package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.ClientException;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.HttpClients;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.core.XmlSecurityException;
import dev.okienko.epuap.AnswerLostException;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.WsSecurityException;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;

/**
 * The ePUAP client when ePUAP misbehaves: errors, timeouts, dropped connections, hostile and broken answers.
 * Every case ends in a typed error or a retry, nothing unverified is believed, nothing is confirmed that was
 * not handed over, and nothing is sent twice.
 */
@ExtendWith(TestPkiExtension.class)
class HostileAnswersTest {
    private static final EpuapAddress BOX = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final EpuapAddress REPLY = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");

    private TestPki pki;
    private EpuapSimulator epuap;
    private SystemCredentials system;
    private EpuapClient client;

    @BeforeEach
    void start(TestPki testPki) {
        pki = testPki;
        epuap = EpuapSimulator.start(pki).createInbox(BOX).createInbox(REPLY);
        system = pki.seal().toSystemCredentials();
        epuap.registerSystem(system.certificate());
        client = clientWith(HttpClients.builder().build());
    }

    private EpuapClient clientWith(okhttp3.OkHttpClient http) {
        return EpuapClient.builder().environment(epuap.environment()).credentials(system)
                .serverCertificate(pki.epuapServer().certificate()).httpClient(http).build();
    }

    @AfterEach
    void stop() {
        epuap.close();
    }

    private static EpuapSubmission letter() {
        return EpuapSubmission.of("UrzadGminyTestowo", BOX, REPLY, "pismo.xml", TestDocuments.xmlLetter("Pismo"));
    }

    private EpuapInbox inbox() {
        return client.inbox("PodlaskaWKOHP", BOX);
    }

    @Test
    void readOnlyPull_serverError_retriedAndAnswered() {
        client.send(letter());
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.status(503));

        assertThat(inbox().pending()).isEqualTo(1);
    }

    @Test
    void readOnlyPull_droppedConnection_retriedAndAnswered() {
        client.send(letter());
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.dropConnection());

        assertThat(inbox().pending()).isEqualTo(1);
    }

    @Test
    void send_serverError_retryableServiceExceptionAndNotSentAgain() {
        epuap.inject(EpuapSimulator.Service.SKRYTKA, Mishap.status(503));

        assertThatThrownBy(() -> client.send(letter()))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(epuap.inbox(BOX)).isEmpty();
    }

    @Test
    void send_timeoutAfterEpuapGotIt_answerLostNotRetryable_andNeverSentTwice() throws Exception {
        EpuapClient impatient = clientWith(HttpClients.builder().readTimeout(Duration.ofMillis(300)).build());
        epuap.inject(EpuapSimulator.Service.SKRYTKA, Mishap.delay(Duration.ofMillis(1200)));

        // the request went out: ePUAP may have it, so repeating it is not safe, and the error says so
        assertThatThrownBy(() -> impatient.send(letter()))
                .isInstanceOfSatisfying(AnswerLostException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("may have been accepted");

        Thread.sleep(1500); // ePUAP finishes the first (and only) delivery after the client gave up
        assertThat(epuap.inbox(BOX)).hasSize(1);
    }

    @Test
    void next_answerWithXxe_refusedAndNothingConfirmed() {
        client.send(letter());
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.rawAnswer(("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>&x;"
                + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> inbox().next()).isInstanceOf(XmlSecurityException.class);
        assertThat(epuap.inbox(BOX)).hasSize(1);
    }

    @Test
    void next_unsignedAnswer_refused() {
        client.send(letter());
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.rawAnswer(("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Header/><soapenv:Body><ob:OdpowiedzPullOczekujace xmlns:ob=\"http://wsdl.epuap.gov.pl/obiekty/\">"
                + "<status><kod>1</kod><komunikat>OK</komunikat></status><oczekujace>99</oczekujace>"
                + "</ob:OdpowiedzPullOczekujace></soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> inbox().pending()).isInstanceOf(WsSecurityException.class).hasMessageContaining("not signed");
    }

    @Test
    void next_truncatedBase64InSignedAnswer_typedErrorAndDocumentStays() {
        client.send(letter());
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.alterAnswer(doc -> {
            Element content = (Element) doc.getElementsByTagName("zawartosc").item(0);
            String b64 = content.getTextContent();
            content.setTextContent(b64.substring(0, b64.length() - 3) + "!");
        }));

        assertThatThrownBy(() -> inbox().next()).isInstanceOf(ClientException.class).hasMessageContaining("truncated");
        assertThat(inbox().pending()).isEqualTo(1);
    }

    private static byte[] random(int size) {
        byte[] content = new byte[size];
        new java.util.Random(size).nextBytes(content);
        return content;
    }

    @Test
    void next_hugeValidDocumentWithinTheLimit_arrivesWholeAndIsConfirmed() {
        byte[] huge = random(40 * 1024 * 1024); // 40 MiB, about 53.3 MiB as base64 in a signed answer
        epuap.deposit(BOX, "UrzadGminyTestowo", REPLY, "skan.pdf", "application/pdf", huge);

        EpuapInbox inbox = inbox();
        var doc = inbox.next().orElseThrow();
        assertThat(doc.fileName()).isEqualTo("skan.pdf");
        assertThat(doc.content()).isEqualTo(huge);
        inbox.confirm(doc);
        assertThat(epuap.inbox(BOX)).isEmpty();
    }

    @Test
    void next_hugeValidDocumentOverTheLimit_typedErrorNothingConfirmed_andAHigherLimitTakesIt() {
        byte[] huge = random(50 * 1024 * 1024); // about 66.7 MiB as base64: over the default 64 MiB
        epuap.deposit(BOX, "UrzadGminyTestowo", REPLY, "skan.pdf", "application/pdf", huge);

        assertThatThrownBy(() -> inbox().next()).isInstanceOf(ClientException.class)
                .hasMessageContaining("more than the " + (64 * 1024 * 1024)).hasMessageContaining("maxAnswerBytes");
        assertThat(epuap.inbox(BOX)).hasSize(1);

        EpuapClient generous = EpuapClient.builder().environment(epuap.environment()).credentials(system)
                .serverCertificate(pki.epuapServer().certificate()).maxAnswerBytes(96 * 1024 * 1024).build();
        EpuapInbox inbox = generous.inbox("PodlaskaWKOHP", BOX);
        var doc = inbox.next().orElseThrow();
        assertThat(doc.content()).isEqualTo(huge);
        inbox.confirm(doc);
        assertThat(epuap.inbox(BOX)).isEmpty();
    }

    @Test
    void maxAnswerBytes_outOfRange_refused() {
        assertThatThrownBy(() -> EpuapClient.builder().maxAnswerBytes(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAnswerBytes");
    }

    @Test
    void answerLargerThanTheLimit_refusedWithoutReadingItAll() {
        byte[] huge = new byte[64 * 1024 * 1024 + 16];
        Arrays.fill(huge, (byte) ' ');
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.rawAnswer(huge));

        assertThatThrownBy(() -> inbox().pending()).isInstanceOf(ClientException.class).hasMessageContaining("more than");
    }
}
