package dev.okienko.testkit.edelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.HttpClients;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AttachmentInfo;
import dev.okienko.edelivery.Evidence;
import dev.okienko.edelivery.EvidenceCode;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.MessageStatus;
import dev.okienko.edelivery.SendOutcomeUnknownException;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SendTask;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.Verdict;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailbox (UA API) against the embedded e-Doręczenia over loopback: send, follow the task, deliver,
 * open, evidences signed by the simulated provider and verified by okienko's verifier, presumed delivery,
 * and lost answers during sending without a second letter.
 */
@ExtendWith(TestPkiExtension.class)
class MailboxTest {
    private static final Ade NASZ = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade URZAD = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Ade NIKT = Ade.parse("AE:PL-55754-97181-CHDVR-19");

    @TempDir
    Path dir;

    private final SimulatorClock clock = SimulatorClock.systemUtc();
    private TestPki pki;
    private EDeliverySimulator edelivery;
    private Mailbox ours;
    private Mailbox theirs;
    private SignatureVerifier verifier;

    @BeforeEach
    void start(TestPki pki) {
        this.pki = pki;
        SystemCredentials our = pki.seal().toSystemCredentials();
        SystemCredentials their = pki.issueSeal("Urząd Skarbowy Testowo", TestData.nip(526025027)).toSystemCredentials();
        edelivery = EDeliverySimulator.start(pki, clock).taskDelay(Duration.ofMillis(100))
                .registerSystem(NASZ, "EZD", our.certificate())
                .registerSystem(URZAD, "EZD", their.certificate());
        ours = mailbox(NASZ, our, HttpClients.defaultClient());
        theirs = mailbox(URZAD, their, HttpClients.defaultClient());
        verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).clock(clock).build();
    }

    private Mailbox mailbox(Ade ade, SystemCredentials credentials, OkHttpClient http) {
        SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(edelivery.environment())
                .credentials(credentials).system(ade, "EZD").clock(clock).httpClient(http).build();
        return Mailbox.builder().environment(edelivery.environment()).tokens(tokens).address(ade).httpClient(http)
                .clock(clock).pollInterval(Duration.ofMillis(50)).reconcileWindow(Duration.ofSeconds(3)).build();
    }

    @AfterEach
    void stop() {
        edelivery.close();
    }

    @Test
    void aServiceAskingToWait_isWaitedFor_andTheTrafficLogShowsBothRequests() {
        edelivery.inject(dev.okienko.testkit.Mishap.status(503, Duration.ofSeconds(2)));

        assertThat(ours.messages(Mailbox.Folder.INBOX).hasNext()).isFalse();

        java.util.List<dev.okienko.testkit.Exchange> listings = edelivery.traffic().stream()
                .filter(e -> e.path().contains("/messages")).toList();
        assertThat(listings).extracting(dev.okienko.testkit.Exchange::status).containsExactly(503, 200);
        assertThat(java.time.Duration.between(listings.get(0).at(), listings.get(1).at()))
                .as("Retry-After: 2 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(edelivery.traffic()).anySatisfy(e -> assertThat(e.method()).isEqualTo("POST"))
                .as("the token request is logged too, without its body").allSatisfy(e -> assertThat(e.toString()).doesNotContain("eyJ"));
    }

    @Test
    void send_whenTheServiceIsBusy_waitsAsAsked_andSendsOnce() throws Exception {
        edelivery.inject(dev.okienko.testkit.Mishap.status(503, Duration.ofSeconds(2)));

        SendTask task = ours.send(letter("Decyzja po 503"));

        assertThat(ours.await(task, Duration.ofSeconds(10)).recipients()).hasSize(1);
        assertThat(edelivery.receivedCount(URZAD)).isEqualTo(1);
        java.util.List<dev.okienko.testkit.Exchange> ua = edelivery.traffic().stream().filter(e -> e.path().contains("/ua/")).toList();
        assertThat(ua.get(0).status()).isEqualTo(503);
        assertThat(java.time.Duration.between(ua.get(0).at(), ua.get(1).at())).as("nothing asked before Retry-After: 2")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void send_whenTheServiceStaysBusy_failsRetryably_andNothingWasSent() throws Exception {
        for (int i = 0; i < 6; i++) {
            edelivery.inject(dev.okienko.testkit.Mishap.status(429, Duration.ofSeconds(1)));
        }

        assertThatThrownBy(() -> ours.send(letter("Decyzja w godzinach szczytu")))
                .isInstanceOfSatisfying(dev.okienko.core.ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                });
        assertThat(edelivery.receivedCount(URZAD)).isZero();
    }

    private Letter letter(String subject) throws Exception {
        Path pdf = dir.resolve("decyzja.pdf");
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Files.write(pdf, content);
        return Letter.builder().to(URZAD).subject(subject).text("W załączeniu decyzja.")
                .attach(pdf, "application/pdf").caseId("GK.6733.12.2026").build();
    }

    @Test
    void send_followTask_deliver_open_andEvidencesVerify() throws Exception {
        SendTask task = ours.send(letter("Decyzja GK.6733.12.2026"));
        assertThat(task.recovered()).isFalse();

        SendReport report = ours.await(task, Duration.ofSeconds(10));
        assertThat(report.allAccepted()).isTrue();
        String messageId = report.messageIdFor(URZAD.value()).orElseThrow();

        // the recipient polls with metadata: nothing is opened, no E.1
        List<MailboxMessage> inbox = new ArrayList<>();
        theirs.messages(Mailbox.Folder.INBOX).forEachRemaining(inbox::add);
        assertThat(inbox).extracting(MailboxMessage::messageId).containsExactly(messageId);
        assertThat(inbox.get(0).opened()).isFalse();
        assertThat(inbox.get(0).messageStatus()).contains(MessageStatus.CZEKA_NA_DORECZENIE);
        assertThat(inbox.get(0).daysToReceive()).isEqualTo(14);
        assertThat(theirs.metadata(messageId).opened()).isFalse();
        assertThat(ours.evidences(messageId)).extracting(e -> e.code().orElseThrow())
                .containsExactly(EvidenceCode.A_1, EvidenceCode.D_1);

        // opening it delivers it
        MailboxMessage opened = theirs.open(messageId);
        assertThat(opened.text()).isEqualTo("W załączeniu decyzja.");
        assertThat(opened.caseId()).isEqualTo("GK.6733.12.2026");
        assertThat(opened.from()).isEqualTo(NASZ.value());
        AttachmentInfo pdf = opened.attachments().get(0);
        assertThat(pdf.filename()).isEqualTo("decyzja.pdf");
        // a local disk error is a local file error: typed, not retryable, not "could not be reached"
        Path missingFolder = dir.resolve("nie-ma").resolve("odebrana.pdf");
        assertThatThrownBy(() -> theirs.downloadAttachment(messageId, pdf, missingFolder))
                .isInstanceOfSatisfying(dev.okienko.core.LocalFileException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.file()).isEqualTo(missingFolder.getParent());
                })
                .hasMessageContaining("does not exist").hasMessageContaining("not a network failure")
                .hasMessageNotContaining("could not be reached");
        Path readOnly = Files.createDirectory(dir.resolve("tylko-do-odczytu"));
        readOnly.toFile().setWritable(false);
        try {
            if (!Files.isWritable(readOnly)) { // as root every folder is writable: then only the missing folder is tried
                assertThatThrownBy(() -> theirs.downloadAttachment(messageId, pdf, readOnly.resolve("odebrana.pdf")))
                        .isInstanceOf(dev.okienko.core.LocalFileException.class).hasMessageContaining("cannot write attachment");
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
        Path copy = theirs.downloadAttachment(messageId, pdf, dir.resolve("odebrana.pdf"));
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(dir.resolve("decyzja.pdf")));

        MailboxMessage sent = ours.metadata(messageId);
        assertThat(sent.messageStatus()).contains(MessageStatus.DORECZONA);
        assertThat(sent.receiptDate()).isNotNull();
        List<EvidenceInfo> evidences = ours.evidences(messageId);
        assertThat(evidences).extracting(EvidenceInfo::type).containsExactly("A.1", "D.1", "E.1");
        for (EvidenceInfo info : evidences) {
            Evidence evidence = ours.evidence(info, verifier);
            assertThat(evidence.isGenuine(edelivery.evidenceCertificate())).as(evidence.toString()).isTrue();
            assertThat(evidence.code()).isEqualTo(info.code());
            assertThat(evidence.messageId()).isEqualTo(messageId);
            assertThat(evidence.sender().address()).isEqualTo(NASZ.value());
            assertThat(evidence.recipient().address()).isEqualTo(URZAD.value());
            assertThat(evidence.issuer()).isEqualTo(EDeliverySimulator.EVIDENCE_ISSUER);
            assertThat(evidence.signature().verdict()).isEqualTo(Verdict.VALID);
        }
        Evidence e1 = ours.evidence(evidences.get(2), verifier);
        assertThat(e1.provesDelivery()).isTrue();
        assertThat(e1.code().orElseThrow().statusAfter()).contains(MessageStatus.DORECZONA);
        assertThat(ours.evidences(messageId).get(2).downloaded()).isTrue();
    }

    @Test
    void unopened_isPresumedDeliveredFourteenDaysAfterD1() throws Exception {
        SendReport report = ours.await(ours.send(letter("Wezwanie")), Duration.ofSeconds(10));
        String messageId = report.recipients().get(0).messageId();

        clock.advance(Duration.ofDays(13));
        assertThat(ours.metadata(messageId).messageStatus()).contains(MessageStatus.CZEKA_NA_DORECZENIE);
        assertThat(theirs.metadata(messageId).daysToReceive()).isLessThanOrEqualTo(1);
        clock.advance(Duration.ofDays(1).plusMinutes(1));

        MailboxMessage sent = ours.metadata(messageId);
        assertThat(sent.messageStatus()).contains(MessageStatus.UZNANA_ZA_DORECZONA);
        assertThat(sent.messageStatus().orElseThrow().isDelivered()).isTrue();
        List<EvidenceInfo> evidences = ours.evidences(messageId);
        assertThat(evidences).extracting(EvidenceInfo::type).containsExactly("A.1", "D.1", "E.1");
        Evidence presumed = ours.evidence(evidences.get(2), verifier);
        assertThat(presumed.isGenuine(edelivery.evidenceCertificate())).isTrue();
        assertThat(presumed.reasons()).singleElement().satisfies(r -> assertThat(r.details()).contains("14 dni"));
        assertThat(presumed.eventTime()).isEqualTo(ours.evidence(evidences.get(1), verifier).eventTime().plus(Duration.ofDays(14)));
        // opening it later changes nothing
        theirs.open(messageId);
        assertThat(ours.evidences(messageId)).hasSize(3);
    }

    @Test
    void answerDroppedAfterAcceptance_letterFoundInSent_notSentTwice() throws Exception {
        edelivery.injectAfterSend(Mishap.dropConnection());

        SendTask task = ours.send(letter("Postanowienie"));

        assertThat(task.recovered()).isTrue();
        assertThat(ours.await(task, Duration.ofSeconds(10)).allAccepted()).isTrue();
        assertThat(edelivery.sendRequests()).isEqualTo(1);
        assertThat(edelivery.receivedCount(URZAD)).isEqualTo(1);
    }

    @Test
    void serverErrorAfterAcceptance_letterFoundInSent_notSentTwice() throws Exception {
        edelivery.injectAfterSend(Mishap.status(502));

        SendTask task = ours.send(letter("Zawiadomienie"));

        assertThat(task.recovered()).isTrue();
        assertThat(edelivery.sendRequests()).isEqualTo(1);
        assertThat(ours.await(task, Duration.ofSeconds(10)).recipients()).singleElement()
                .satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(edelivery.receivedCount(URZAD)).isEqualTo(1);
    }

    @Test
    void timeoutAfterAcceptance_letterFoundInSent_notSentTwice() throws Exception {
        edelivery.injectAfterSend(Mishap.delay(Duration.ofSeconds(3)));
        OkHttpClient impatient = HttpClients.builder().readTimeout(Duration.ofMillis(800)).build();
        Mailbox hurried = mailbox(NASZ, pki.seal().toSystemCredentials(), impatient);

        SendTask task = hurried.send(letter("Upomnienie"));

        assertThat(task.recovered()).isTrue();
        assertThat(edelivery.sendRequests()).isEqualTo(1);
        assertThat(hurried.await(task, Duration.ofSeconds(10)).allAccepted()).isTrue();
        assertThat(edelivery.receivedCount(URZAD)).isEqualTo(1);
    }

    @Test
    void requestLostBeforeProcessing_unknownOutcome_reconcileSaysNotSent_nothingDelivered() throws Exception {
        edelivery.inject(Mishap.dropConnection());
        Letter letter = letter("Wezwanie do zapłaty");

        assertThatThrownBy(() -> ours.send(letter)).isInstanceOfSatisfying(SendOutcomeUnknownException.class, e -> {
            assertThat(e.getMessage()).contains("Wezwanie do zapłaty").contains(e.sendId()).contains("not sent again");
            assertThat(e.isRetryable()).isFalse();
            assertThat(ours.reconcile(e)).isEmpty();
        });
        assertThat(edelivery.receivedCount(URZAD)).isZero();
        // the caller, now knowing it did not go, sends it once
        assertThat(ours.await(ours.send(letter), Duration.ofSeconds(10)).allAccepted()).isTrue();
        assertThat(edelivery.receivedCount(URZAD)).isEqualTo(1);
    }

    @Test
    void refusedLetter_serviceExceptionWithTheUaCode_nothingReconciled() throws Exception {
        edelivery.inject(new Mishap(400, 0, false,
                "[{\"error\":\"UA-0042\",\"error_description\":\"attachment type not allowed\"}]".getBytes(StandardCharsets.UTF_8),
                null));

        assertThatThrownBy(() -> ours.send(letter("Odmowa")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.errorCodes()).containsExactly("UA-0042");
                    assertThat(e.getMessage()).contains("attachment type not allowed");
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(edelivery.receivedCount(URZAD)).isZero();
        assertThatThrownBy(() -> edelivery.inject(Mishap.alterAnswer(document -> { })))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alterEvidences");
    }

    @Test
    void recipientWithoutMailbox_reportedPerRecipient() throws Exception {
        Letter letter = Letter.builder().to(URZAD, NIKT).subject("Dwóch adresatów").text("Treść").build();

        SendReport report = ours.await(ours.send(letter), Duration.ofSeconds(10));

        assertThat(report.allAccepted()).isFalse();
        assertThat(report.messageIdFor(URZAD.value())).isPresent();
        SendReport.Recipient missing = report.recipients().stream().filter(r -> NIKT.value().equals(r.address()))
                .findFirst().orElseThrow();
        assertThat(missing.accepted()).isFalse();
        assertThat(missing.errorDescription()).contains(NIKT.value());
    }

    @Test
    void simulatorChecksTheAttachmentHashTheClientSends() throws Exception {
        ours.send(letter("Z załącznikiem"));

        var attachment = edelivery.lastSendRequest().path("attachments").path(0).path("file");
        assertThat(attachment.path("fileMetadata").path("alg").asText()).isEqualTo("SHA-3");
        assertThat(attachment.path("fileMetadata").path("size").asLong()).isEqualTo(300_000);
        assertThat(attachment.path("file").asText()).hasSize(400_000);
        assertThat(edelivery.lastSendRequest().path("messageMetadata").path("additionalData").path(Mailbox.SEND_ID_KEY).asText())
                .isNotBlank();
    }

    @Test
    void letterLimits_checkedBeforeAnyCall() throws Exception {
        List<Ade> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String first = String.format("%05d", 10000 + i);
            sixteen.add(Ade.parse("AE:PL-" + first + "-20000-GMINA-" + Ade.checkDigits(first, "20000", "GMINA")));
        }
        assertThatThrownBy(() -> Letter.builder().to(sixteen).subject("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-15").hasMessageContaining("mass mode");
        assertThatThrownBy(() -> Letter.builder().to(URZAD).subject("x").text("a".repeat(5001)).build())
                .hasMessageContaining("5000");
        Path gone = Files.writeString(dir.resolve("zniknie.pdf"), "%PDF");
        assertThatThrownBy(() -> Letter.builder().to(URZAD).subject("x").attach(gone, "pdf\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a media type");
        Letter missing = Letter.builder().to(URZAD).subject("x").attach(gone, "application/pdf").build();
        Files.delete(gone);
        assertThatThrownBy(() -> ours.send(missing)).isInstanceOf(ClientException.class).hasMessageContaining("zniknie.pdf");
        assertThat(edelivery.sendRequests()).isZero();
    }

    @Test
    void attachmentOver15MB_goesThroughDraftAndMultipartUpload_inOrder_andArrivesWhole() throws Exception {
        Path big = dir.resolve("akta.zip");
        byte[] content = new byte[20 * 1024 * 1024];
        new Random(11).nextBytes(content);
        Files.write(big, content);
        Path small = dir.resolve("pismo.txt");
        Files.writeString(small, "Przekazuję akta sprawy.");
        Letter letter = Letter.builder().to(URZAD).subject("Akta sprawy").attach(small, "text/plain")
                .attach(big, "akta.zip", "application/zip", "Akta w archiwum").build();

        SendReport report = ours.await(ours.send(letter), Duration.ofSeconds(20));

        assertThat(report.allAccepted()).isTrue();
        assertThat(edelivery.sendRequests()).isEqualTo(1);
        assertThat(edelivery.draftCount()).isZero();
        // the draft was made without content: the files went as multipart uploads
        assertThat(edelivery.lastSendRequest().path("attachments")).isEmpty();
        String messageId = report.messageIdFor(URZAD.value()).orElseThrow();
        MailboxMessage opened = theirs.open(messageId);
        assertThat(opened.attachments()).extracting(AttachmentInfo::filename).containsExactly("pismo.txt", "akta.zip");
        AttachmentInfo zip = opened.attachments().get(1);
        assertThat(zip.size()).isEqualTo(content.length);
        assertThat(zip.description()).isEqualTo("Akta w archiwum");
        assertThat(Files.readAllBytes(theirs.downloadAttachment(messageId, zip, dir.resolve("odebrane.zip")))).isEqualTo(content);
        assertThat(ours.evidences(messageId)).extracting(EvidenceInfo::type).containsExactly("A.1", "D.1", "E.1");
    }

    private Mailbox smallInlineLimit() {
        SystemCredentials our = pki.seal().toSystemCredentials();
        SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(edelivery.environment())
                .credentials(our).system(NASZ, "EZD").clock(clock).build();
        return Mailbox.builder().environment(edelivery.environment()).tokens(tokens).address(NASZ).clock(clock)
                .pollInterval(Duration.ofMillis(50)).reconcileWindow(Duration.ofSeconds(3)).inlineAttachmentLimit(1000).build();
    }

    @Test
    void uploadLost_draftDeleted_nothingSent_retryable() throws Exception {
        Mailbox drafting = smallInlineLimit();
        edelivery.inject(Mishap.delay(Duration.ofMillis(1))); // the draft is made
        edelivery.inject(Mishap.dropConnection()); // the upload's connection drops

        assertThatThrownBy(() -> drafting.send(letter("Akta")))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.getMessage()).contains("decyzja.pdf").contains("no letter was sent")
                            .contains("its draft was deleted");
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(edelivery.draftCount()).isZero();
        assertThat(edelivery.sendRequests()).isZero();
        assertThat(edelivery.receivedCount(URZAD)).isZero();
    }

    @Test
    void uploadStoredWithAnotherHash_refused_draftDeleted() throws Exception {
        Mailbox drafting = smallInlineLimit();
        edelivery.inject(Mishap.delay(Duration.ofMillis(1)));
        edelivery.inject(Mishap.rawAnswer(("{\"attachmentId\":\"x\",\"fileMetadata\":{\"fileId\":\"x\",\"size\":300000,"
                + "\"alg\":\"SHA-3\",\"hash\":\"AAAA\"}}").getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> drafting.send(letter("Akta")))
                .isInstanceOf(ClientException.class).hasMessageContaining("another SHA-3 hash");
        assertThat(edelivery.draftCount()).isZero();
        assertThat(edelivery.sendRequests()).isZero();
    }

    @Test
    void draftIdClimbingOutOfTheMailbox_refusedBeforeAnyUpload() throws Exception {
        Mailbox drafting = smallInlineLimit();
        edelivery.inject(Mishap.rawAnswer("{\"messageId\":\"..\"}".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> drafting.send(letter("Akta"))).isInstanceOf(ClientException.class)
                .hasMessageContaining("refused an id");
        assertThat(edelivery.sendRequests()).isZero();
    }

    @Test
    void draftSendAnswerLost_letterFoundInSent_notSentTwice() throws Exception {
        Mailbox drafting = smallInlineLimit();
        edelivery.injectAfterSend(Mishap.status(504));

        SendTask task = drafting.send(letter("Akta z wersji roboczej"));

        assertThat(task.recovered()).isTrue();
        assertThat(drafting.await(task, Duration.ofSeconds(10)).allAccepted()).isTrue();
        assertThat(edelivery.sendRequests()).isEqualTo(1);
        assertThat(edelivery.receivedCount(URZAD)).isEqualTo(1);
        assertThat(edelivery.draftCount()).isZero();
    }

    @Test
    void draftSendRefused_serviceException_draftDeleted() throws Exception {
        Mailbox drafting = smallInlineLimit();
        edelivery.inject(Mishap.delay(Duration.ofMillis(1))); // draft
        edelivery.inject(Mishap.delay(Duration.ofMillis(1))); // upload
        edelivery.inject(new Mishap(400, 0, false,
                "[{\"error\":\"UA-0077\",\"error_description\":\"mailbox full\"}]".getBytes(StandardCharsets.UTF_8), null));

        assertThatThrownBy(() -> drafting.send(letter("Akta")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCodes()).containsExactly("UA-0077"));
        assertThat(edelivery.draftCount()).isZero();
        assertThat(edelivery.receivedCount(URZAD)).isZero();
    }

    @Test
    void forgedEvidences_areNotGenuine() throws Exception {
        SendReport report = ours.await(ours.send(letter("Do podrobienia")), Duration.ofSeconds(10));
        String messageId = report.recipients().get(0).messageId();
        EvidenceInfo a1 = ours.evidences(messageId).get(0);
        byte[] original = ours.downloadEvidence(a1);

        // altered after signing: the signature breaks
        edelivery.alterEvidences(xml -> new String(xml, StandardCharsets.UTF_8)
                .replace(URZAD.value(), NIKT.value()).getBytes(StandardCharsets.UTF_8));
        Evidence altered = ours.evidence(a1, verifier);
        assertThat(altered.signature().verdict()).isNotEqualTo(Verdict.VALID);
        assertThat(altered.isGenuine(edelivery.evidenceCertificate())).isFalse();

        // re-signed by someone else: valid signature, wrong signer
        byte[] unsigned = new String(original, StandardCharsets.UTF_8).replaceAll("<ds:Signature[\\s\\S]*</ds:Signature>", "")
                .getBytes(StandardCharsets.UTF_8);
        byte[] forged = dev.okienko.testkit.pki.TestXadesSigner.signEnveloped(unsigned, pki.seal());
        Evidence resigned = Evidence.read(forged, verifier);
        assertThat(resigned.signature().verdict()).isEqualTo(Verdict.VALID);
        assertThat(resigned.isGenuine(edelivery.evidenceCertificate())).isFalse();
        assertThat(Evidence.read(original, verifier).isGenuine(edelivery.evidenceCertificate())).isTrue();
    }

    @Test
    void hostileEvidenceXml_refusedOrNotGenuine() throws Exception {
        SendReport report = ours.await(ours.send(letter("Wrogie XML")), Duration.ofSeconds(10));
        byte[] signed = ours.downloadEvidence(ours.evidences(report.recipients().get(0).messageId()).get(0));
        String xml = new String(signed, StandardCharsets.UTF_8);
        String body = xml.substring(xml.indexOf("<ev:Evidence"));

        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE ev:Evidence [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + body.replaceFirst("<ev:EvidenceIdentifier>", "<ev:EvidenceIdentifier>&x;")).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Evidence.read(xxe, verifier)).isInstanceOf(dev.okienko.core.XmlSecurityException.class);

        byte[] laughs = ("<?xml version=\"1.0\"?><!DOCTYPE ev:Evidence [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + body.replaceFirst("<ev:EvidenceIdentifier>", "<ev:EvidenceIdentifier>&c;"))
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Evidence.read(laughs, verifier)).isInstanceOf(dev.okienko.core.XmlException.class);

        // signature wrapping: forged fields at the root, the genuine signed evidence tucked away inside
        String inner = body.replace("<ev:Evidence xmlns:ev=\"http://uri.etsi.org/19522/v1#\"", "<ev:Evidence");
        String forgedFields = inner.replaceAll("<ds:Signature[\\s\\S]*</ds:Signature>", "").replace("<ev:Evidence version=\"1.1.1\">", "")
                .replace("</ev:Evidence>", "").replace(URZAD.value(), NIKT.value());
        byte[] wrapped = ("<?xml version=\"1.0\"?><ev:Evidence xmlns:ev=\"http://uri.etsi.org/19522/v1#\">" + forgedFields
                + "<ev:Extensions>" + inner + "</ev:Extensions></ev:Evidence>").getBytes(StandardCharsets.UTF_8);
        Evidence read = Evidence.read(wrapped, verifier);
        assertThat(read.recipient().address()).isEqualTo(NIKT.value());
        assertThat(read.isGenuine(edelivery.evidenceCertificate())).isFalse();

        // a field twice: ambiguous, refused
        byte[] twice = xml.replaceFirst("(<ev:EventTime>[^<]*</ev:EventTime>)", "$1$1").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Evidence.read(twice, verifier)).hasMessageContaining("EventTime twice");

        byte[] unsigned = xml.replaceAll("<ds:Signature[\\s\\S]*</ds:Signature>", "").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Evidence.read(unsigned, verifier)).hasMessageContaining("one signature; this one has 0");

        byte[] other = "<?xml version=\"1.0\"?><upo:Dokument xmlns:upo=\"urn:x\"/>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Evidence.read(other, verifier)).hasMessageContaining("not an ETSI evidence");
    }

    @Test
    void subscriptions_notifyTheRecipientAndTheSender_thenUnsubscribe() throws Exception {
        java.util.concurrent.BlockingQueue<dev.okienko.edelivery.Notification> received = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
        hook.createContext("/", exchange -> {
            try (exchange) {
                received.add(dev.okienko.edelivery.Notification.read(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        hook.start();
        try {
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/edoreczenia");
            assertThat(ours.subscribe(new dev.okienko.edelivery.Subscriptions(null, url, url, null))).isNotBlank();
            theirs.subscribe(new dev.okienko.edelivery.Subscriptions(url, null, null, null));
            assertThat(ours.subscriptions()).extracting(dev.okienko.edelivery.Subscriptions.Listed::name)
                    .containsExactlyInAnyOrder("messageCreatedCallbackUrl", "evidenceCallbackUrl");

            SendTask task = ours.send(letter("Z powiadomieniem"));
            String messageId = ours.await(task, Duration.ofSeconds(10)).recipients().get(0).messageId();

            List<dev.okienko.edelivery.Notification> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                dev.okienko.edelivery.Notification n = received.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(n).as("notification " + (i + 1) + " of 4").isNotNull();
                got.add(n);
            }
            assertThat(got).anySatisfy(n -> {
                assertThat(n.address()).isEqualTo(URZAD.value());
                assertThat(n.type()).isEqualTo("NewMessage");
                assertThat(n.items().get(0).id()).isEqualTo(messageId);
            });
            assertThat(got).anySatisfy(n -> {
                assertThat(n.type()).isEqualTo("MessageCreated");
                assertThat(n.items().get(0).messageTaskId()).isEqualTo(task.taskId());
                assertThat(n.items().get(0).messageIds()).containsExactly(messageId);
            });
            assertThat(got).filteredOn(n -> n.type().equals("NewEvidence")).extracting(n -> n.items().get(0).evidenceType())
                    .containsExactlyInAnyOrder("A.1", "D.1");

            ours.unsubscribe();
            assertThat(ours.subscriptions()).isEmpty();
            theirs.open(messageId); // E.1: nobody is subscribed to evidences any more
            assertThat(received.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();
        } finally {
            hook.stop(0);
        }
        assertThatThrownBy(() -> new dev.okienko.edelivery.Subscriptions(null, null, null, null))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> dev.okienko.edelivery.Notification.read("{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("eDeliveryAddress");
    }
}
