package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade;
import dev.okienko.core.HttpClients;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.document.Party;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(TestPkiExtension.class)
class OneWindowTest {
    private static final Ade OURS = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade OFFICE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Ade COMPANY = Ade.parse("AE:PL-98765-43210-SFVYC-19");
    private static final EpuapAddress OUR_BOX = EpuapAddress.parse("/UrzadGminyTestowo/SkrytkaESP");
    private static final EpuapAddress THEIR_BOX = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private SimulatorClock clock;
    private EDeliverySimulator edelivery;
    private EpuapSimulator epuap;
    private Nip companyNip;
    private SystemCredentials officeSystem;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Correspondence window(Stores kind, TestPki pki) {
        return window(kind, pki, HttpClients.defaultClient());
    }

    private Correspondence window(Stores kind, TestPki pki, OkHttpClient epuapHttp) {
        clock = SimulatorClock.systemUtc();
        edelivery = EDeliverySimulator.start(pki, clock);
        epuap = EpuapSimulator.start(pki).createInbox(THEIR_BOX).createInbox(OUR_BOX);
        open.add(edelivery);
        open.add(epuap);
        SystemCredentials ezd = pki.seal().toSystemCredentials();
        Nip officeNip = TestData.nip(526025027);
        companyNip = TestData.nip(777000111);
        officeSystem = pki.issueSeal("Urząd Skarbowy Testowo", officeNip).toSystemCredentials();
        edelivery.registerSystem(OURS, "EZD", ezd.certificate()).registerSystem(OFFICE, "EZD", officeSystem.certificate())
                .addAddress(BaeEntry.publicBody(OFFICE, "Urząd Skarbowy Testowo", officeNip, "Radom"))
                .addAddress(BaeEntry.publicBody(COMPANY, "Spółka Testowa", companyNip, "Kraków"));
        epuap.registerSystem(ezd.certificate());
        SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(ezd)
                .system(OURS, "EZD").clock(clock).build();
        Mailbox mailbox = Mailbox.builder().environment(edelivery.environment()).tokens(tokens).address(OURS).clock(clock)
                .pollInterval(Duration.ofMillis(50)).reconcileWindow(Duration.ofSeconds(5)).build();
        AddressBook bae = AddressBook.builder().environment(edelivery.environment()).tokens(tokens).sender(OURS).build();
        EpuapClient client = EpuapClient.builder().environment(epuap.environment()).credentials(ezd).httpClient(epuapHttp)
                .serverCertificate(pki.epuapServer().certificate()).build();
        SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate()))
                .clock(clock).build();
        return Correspondence.builder().store(kind.open(dir, open)).clock(clock)
                .edelivery(mailbox, bae)
                .epuap(client, OUR_BOX, Party.institution("Urząd Gminy Testowo", null))
                .hybrid(new HybridShipment.PostalAddress("PL", "26-600", "Radom", "Żeromskiego", "53", null))
                .trust(verifier, edelivery.evidenceCertificate(), pki.epuapServer().certificate())
                .timing(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(1))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void letter_toFourChannels_isRoutedSentOnceAndFollowedToItsReceipts(Stores kind, TestPki pki) throws Exception {
        Correspondence window = window(kind, pki);
        Path decision = Files.writeString(dir.resolve("decyzja.txt"), "Decyzja nr 1/2026");
        Pesel person = Pesel.parse("44051401359");
        OutgoingLetter letter = OutgoingLetter.builder()
                .to(Addressee.of(OFFICE))
                .to(Addressee.of(companyNip))
                .to(Addressee.of(person).withPaperAddress(new HybridShipment.Addressee("Jan", "Kowalski", null,
                        new HybridShipment.PostalAddress("PL", "15-001", "Białystok", "Lipowa", "1", null))))
                .to(Addressee.of(THEIR_BOX))
                .to(Addressee.of(TestData.nip(526025029)))
                .subject("Decyzja GK.6733.12.2026").text("W załączeniu decyzja.").caseReference("GK.6733.12.2026")
                .attach(OutgoingAttachment.of(decision)).idempotencyKey("ezd-100").build();

        String id = window.submit(letter).letterId();
        window.workOnce();

        LetterView view = window.letter(id).orElseThrow();
        assertThat(view.recipients()).extracting(LetterView.Recipient::channel)
                .containsExactly(Channel.EDELIVERY, Channel.EDELIVERY, Channel.HYBRID, Channel.EPUAP, Channel.NONE);
        assertThat(view.recipients().get(1).address()).isEqualTo(COMPANY.value());
        assertThat(view.recipients().get(4).status()).isEqualTo(LetterStatus.UNDELIVERABLE);
        assertThat(view.recipients().get(4).routingReason()).contains("no ACTIVE address in BAE");
        assertThat(view.recipients().get(3).status()).isEqualTo(LetterStatus.DELIVERED);
        assertThat(view.recipients().get(3).messageId()).isNotBlank();
        assertThat(epuap.inbox(THEIR_BOX)).hasSize(1);
        assertThat(edelivery.receivedCount(OFFICE)).isEqualTo(1);
        assertThat(edelivery.receivedCount(COMPANY)).isEqualTo(1);
        assertThat(view.status()).isEqualTo(LetterStatus.UNDELIVERABLE);
        assertThat(window.needingAttention(10)).extracting(LetterView::id).containsExactly(id);
        assertThat(view.timeline()).as("the letter's own status, for no one recipient")
                .anyMatch(e -> e.recipient() == null && e.status() == LetterStatus.UNDELIVERABLE);

        // the office opens its copy: E.1
        Mailbox theirs = Mailbox.builder().environment(edelivery.environment()).address(OFFICE).clock(clock)
                .tokens(SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(officeSystem)
                        .system(OFFICE, "EZD").clock(clock).build()).build();
        MailboxMessage received = theirs.messages(Mailbox.Folder.INBOX).next();
        theirs.open(received.messageId());
        window.workOnce();

        view = window.letter(id).orElseThrow();
        assertThat(view.recipients().get(0).status()).isEqualTo(LetterStatus.DELIVERED);
        assertThat(view.recipients().get(1).status()).isEqualTo(LetterStatus.SENT);
        assertThat(receipts(window, id)).contains("A.1 GENUINE", "D.1 GENUINE", "E.1 GENUINE", "UPP GENUINE");
        assertThat(edelivery.receivedCount(OFFICE)).isEqualTo(1);

        // fourteen days on, the company's copy is presumed delivered
        clock.advance(Duration.ofDays(14).plusMinutes(1));
        window.workOnce();
        view = window.letter(id).orElseThrow();
        assertThat(view.recipients().get(1).status()).isEqualTo(LetterStatus.PRESUMED_DELIVERED);
        assertThat(view.timeline()).extracting(LetterView.Event::status).contains(LetterStatus.SUBMITTED, LetterStatus.ROUTED,
                LetterStatus.SENDING, LetterStatus.SENT, LetterStatus.DELIVERED, LetterStatus.PRESUMED_DELIVERED);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void lostAnswerToSending_isFoundAgain_andTheLetterGoesOnce(Stores kind, TestPki pki) {
        Correspondence window = window(kind, pki);
        edelivery.injectAfterSend(Mishap.dropConnection());
        String id = window.submit(OutgoingLetter.builder().to(Addressee.of(OFFICE)).subject("Wezwanie").idempotencyKey("ezd-200")
                .build()).letterId();

        window.workOnce();

        LetterView view = window.letter(id).orElseThrow();
        assertThat(view.recipients().get(0).status()).isEqualTo(LetterStatus.SENT);
        assertThat(view.recipients().get(0).messageId()).isNotBlank();
        assertThat(edelivery.receivedCount(OFFICE)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void answerLostFromEpuap_isAnUnknownOutcome_thatAPersonSettles(Stores kind, TestPki pki) throws Exception {
        Correspondence window = window(kind, pki, HttpClients.builder().readTimeout(Duration.ofMillis(300)).build());
        epuap.inject(EpuapSimulator.Service.SKRYTKA, Mishap.delay(Duration.ofMillis(1200)));
        epuap.inject(EpuapSimulator.Service.SKRYTKA, Mishap.delay(Duration.ofMillis(1200)));
        String arrived = window.submit(OutgoingLetter.builder().to(Addressee.of(THEIR_BOX)).subject("Pismo A").idempotencyKey("ezd-300")
                .build()).letterId();
        String lost = window.submit(OutgoingLetter.builder().to(Addressee.of(THEIR_BOX)).subject("Pismo B").idempotencyKey("ezd-301")
                .build()).letterId();

        window.workOnce();
        Thread.sleep(1500); // ePUAP finishes both deliveries after the client gave up

        assertThat(window.letter(arrived).orElseThrow().recipients().get(0).status()).isEqualTo(LetterStatus.OUTCOME_UNKNOWN);
        assertThat(window.needingAttention(10)).extracting(LetterView::id).containsExactlyInAnyOrder(arrived, lost);
        assertThat(epuap.inbox(THEIR_BOX)).hasSize(2);
        window.workOnce();
        assertThat(epuap.inbox(THEIR_BOX)).as("never sent again by itself").hasSize(2);

        window.settle(arrived, 0, true, "the recipient confirmed it by phone");
        window.settle(lost, 0, false, "the recipient has no such document");
        assertThatThrownBy(() -> window.settle(arrived, 0, false, "again")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not OUTCOME_UNKNOWN");
        window.workOnce();

        assertThat(window.letter(arrived).orElseThrow().recipients().get(0).status()).isEqualTo(LetterStatus.DELIVERED);
        assertThat(window.letter(lost).orElseThrow().recipients().get(0).status()).isEqualTo(LetterStatus.DELIVERED);
        assertThat(epuap.inbox(THEIR_BOX)).as("sent again only because a person said so").hasSize(3);
        assertThat(window.needingAttention(10)).isEmpty();
        assertThat(window.letter(arrived).orElseThrow().timeline()).extracting(LetterView.Event::detail)
                .contains("settled by a person: the recipient confirmed it by phone");
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void receipts_areTheOriginalSignedBytes_withTheirVerdicts_andAForgeryIsShownNotBelieved(Stores kind, TestPki pki) throws Exception {
        Correspondence window = window(kind, pki);
        String id = window.submit(OutgoingLetter.builder().to(Addressee.of(OFFICE)).subject("Wezwanie").idempotencyKey("ezd-400")
                .build()).letterId();
        window.workOnce();
        String messageId = window.letter(id).orElseThrow().recipients().get(0).messageId();

        List<Receipt> receipts = window.receipts(id);
        assertThat(receipts).extracting(Receipt::kind).containsExactly("A.1", "D.1");
        SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).clock(clock).build();
        for (Receipt r : receipts) {
            assertThat(r.verdict()).isEqualTo(ReceiptVerdict.GENUINE);
            assertThat(r.verdictDetail()).isNull();
            assertThat(r.recipient()).isZero();
            assertThat(r.provesAt()).isNotNull();
            assertThat(r.fields()).containsEntry("messageId", messageId).containsEntry("code", r.kind());
            byte[] bytes = window.receiptBytes(r.id());
            assertThat(bytes).hasSize((int) r.size());
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(r.sha256());
            // the original signed document: it verifies on its own, and is the evidence the timeline cites
            dev.okienko.edelivery.Evidence evidence = dev.okienko.edelivery.Evidence.read(bytes, verifier);
            assertThat(evidence.isGenuine(edelivery.evidenceCertificate())).isTrue();
            assertThat(evidence.evidenceId()).isEqualTo(r.sourceId());
        }
        assertThat(window.letter(id).orElseThrow().timeline()).extracting(LetterView.Event::receiptId)
                .contains(receipts.get(1).id());

        // the office opens its copy, and the E.1 it produces is altered on its way: stored, shown, and proving nothing
        Mailbox theirs = Mailbox.builder().environment(edelivery.environment()).address(OFFICE).clock(clock)
                .tokens(SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(officeSystem)
                        .system(OFFICE, "EZD").clock(clock).build()).build();
        theirs.open(theirs.messages(Mailbox.Folder.INBOX).next().messageId());
        edelivery.alterEvidences(xml -> new String(xml, java.nio.charset.StandardCharsets.UTF_8).replace(OFFICE.value(), COMPANY.value())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        window.workOnce();

        Receipt forged = window.receipts(id).stream().filter(r -> r.kind().equals("E.1")).findFirst().orElseThrow();
        assertThat(forged.verdict()).isEqualTo(ReceiptVerdict.NOT_GENUINE);
        assertThat(forged.verdictDetail()).contains("not signed by the configured operator certificate");
        assertThat(new String(window.receiptBytes(forged.id()), java.nio.charset.StandardCharsets.UTF_8)).contains(COMPANY.value());
        List<LetterView.Event> timeline = window.letter(id).orElseThrow().timeline();
        assertThat(timeline).filteredOn(e -> forged.id().equals(e.receiptId())).extracting(LetterView.Event::detail)
                .as("in the timeline, flagged").containsExactly("evidence E.1 NOT_GENUINE");
        assertThat(timeline).filteredOn(e -> e.status() == LetterStatus.DELIVERED && e.detail() != null
                && !e.detail().startsWith("evidence")).singleElement()
                .as("the service's status is kept, but a forged evidence proves nothing").extracting(LetterView.Event::receiptId).isNull();

        // a receipt changed on disk afterwards is refused, naming the change
        Path file = window.store().contentFolder().resolve(forged.sha256().substring(0, 2)).resolve(forged.sha256().substring(2));
        Path a1 = window.store().contentFolder().resolve(receipts.get(0).sha256().substring(0, 2))
                .resolve(receipts.get(0).sha256().substring(2));
        byte[] original = Files.readAllBytes(a1);
        original[original.length / 2] ^= 1;
        Files.write(a1, original);
        assertThatThrownBy(() -> window.receiptBytes(receipts.get(0).id())).isInstanceOf(StoreException.class)
                .hasMessageContaining("changed on disk");
        assertThat(file).exists();
        assertThatThrownBy(() -> window.receiptBytes("no-such-receipt")).isInstanceOf(IllegalArgumentException.class);
        assertThat(window.receipts("no-such-letter")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void twentyRecipients_goInTwoMessagesOfAtMostFifteen_eachWithItsOwnSendId(Stores kind, TestPki pki) {
        Correspondence window = window(kind, pki);
        List<Ade> bodies = new ArrayList<>();
        OutgoingLetter.Builder letter = OutgoingLetter.builder().subject("Obwieszczenie").text("Do wiadomości.").idempotencyKey("ezd-500");
        for (int i = 0; i < 20; i++) {
            String first = String.format("%05d", 10000 + i);
            Ade ade = Ade.parse("AE:PL-" + first + "-20000-ABCDE-" + Ade.checkDigits(first, "20000", "ABCDE"));
            edelivery.registerSystem(ade, "EZD", officeSystem.certificate())
                    .addAddress(BaeEntry.publicBody(ade, "Urząd " + i, someNip(600000000 + 100 * i), "Radom"));
            bodies.add(ade);
            letter.to(Addressee.of(ade));
        }
        String id = window.submit(letter.build()).letterId();

        window.workOnce();

        LetterView view = window.letter(id).orElseThrow();
        assertThat(view.recipients()).hasSize(20).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(LetterStatus.SENT);
            assertThat(r.messageId()).isNotBlank();
        });
        assertThat(view.recipients()).extracting(LetterView.Recipient::messageId).doesNotHaveDuplicates();
        assertThat(edelivery.sendRequests()).as("one message of 15 and one of 5").isEqualTo(2);
        assertThat(edelivery.lastSendRequest().path("messageMetadata").path("to")).hasSize(5);
        assertThat(bodies).allSatisfy(ade -> assertThat(edelivery.receivedCount(ade)).isEqualTo(1));
        java.util.Map<Boolean, java.util.Set<String>> sendIds = view.timeline().stream().filter(e -> e.status() == LetterStatus.SENDING)
                .collect(java.util.stream.Collectors.partitioningBy(e -> e.recipient() < 15,
                        java.util.stream.Collectors.mapping(LetterView.Event::detail, java.util.stream.Collectors.toSet())));
        assertThat(sendIds.get(true)).as("the first fifteen share one send id").hasSize(1);
        assertThat(sendIds.get(false)).as("the last five another").hasSize(1).doesNotContainAnyElementsOf(sendIds.get(true));
        assertThat(window.receipts(id)).hasSize(40).extracting(Receipt::verdict).containsOnly(ReceiptVerdict.GENUINE);
    }

    /** @return a valid NIP starting at or after the prefix (some prefixes have no check digit) */
    private static Nip someNip(int prefix) {
        for (int p = prefix; ; p++) {
            try {
                return TestData.nip(p);
            } catch (IllegalArgumentException noCheckDigit) {
                // the next one
            }
        }
    }

    /** @return the letter's stored receipts as "KIND VERDICT", in the order they were stored */
    static List<String> receipts(Correspondence window, String letterId) {
        return window.receipts(letterId).stream().map(r -> r.kind() + " " + r.verdict()).toList();
    }
}
