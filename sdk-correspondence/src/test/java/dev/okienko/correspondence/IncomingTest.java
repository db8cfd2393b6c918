package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Incoming documents from an ePUAP box into the store: stored before confirmed, once, and handed to the handler. */
@ExtendWith(TestPkiExtension.class)
class IncomingTest {
    static final EpuapAddress OUR_BOX = EpuapAddress.parse("/UrzadGminyTestowo/SkrytkaESP");
    static final EpuapAddress CITIZEN = EpuapAddress.parse("/JanKowalski/skrytka");
    static final String ENTITY = "UrzadGminyTestowo";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private EpuapSimulator epuap;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Correspondence.Builder window(Stores kind, TestPki pki) {
        epuap = EpuapSimulator.start(pki).createInbox(OUR_BOX);
        open.add(epuap);
        SystemCredentials ezd = pki.seal().toSystemCredentials();
        epuap.registerSystem(ezd.certificate());
        EpuapClient client = EpuapClient.builder().environment(epuap.environment()).credentials(ezd)
                .serverCertificate(pki.epuapServer().certificate()).build();
        SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build();
        return Correspondence.builder().store(kind.open(dir, open)).receiveEpuap(client, ENTITY, OUR_BOX)
                .trust(verifier, pki.epuapServer().certificate(), pki.epuapServer().certificate());
    }

    static byte[] pismo(String text) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Pismo xmlns=\"urn:okienko:test\"><Tresc>" + text + "</Tresc></Pismo>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void documents_areStoredWhole_confirmedAfter_andTheForgedOneFlagged(Stores kind, TestPki pki) throws Exception {
        List<String> seen = new ArrayList<>();
        Correspondence window = window(kind, pki).incoming(item -> seen.add(item.id())).build();
        byte[] signed = TestXadesSigner.signEnveloped(pismo("Wniosek o wydanie zaświadczenia"), pki.seal());
        byte[] forged = new String(TestXadesSigner.signEnveloped(pismo("Wniosek o 100 zł"), pki.seal()), StandardCharsets.UTF_8)
                .replace("100 zł", "100000 zł").getBytes(StandardCharsets.UTF_8);
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wniosek.xml", "text/xml", signed);
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wniosek-2.xml", "text/xml", forged);
        epuap.deposit(OUR_BOX, "AnnaNowak", CITIZEN, "skan.bin", "application/octet-stream", new byte[] {1, 2, 3});
        byte[] bomb = ("<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><Pismo>&d;&d;&d;</Pismo>")
                .getBytes(StandardCharsets.UTF_8);
        epuap.deposit(OUR_BOX, "Ktos", CITIZEN, "bomba.xml", "text/xml", bomb);

        assertThat(window.receiveOnce()).isEqualTo(4);

        assertThat(epuap.inbox(OUR_BOX)).as("every document confirmed, so the box is empty").isEmpty();
        List<IncomingItem> items = window.incomingItems(10);
        assertThat(items).hasSize(4).allSatisfy(i -> {
            assertThat(i.channel()).isEqualTo(Channel.EPUAP);
            assertThat(i.box()).isEqualTo(OUR_BOX.value());
            assertThat(i.confirmedAt()).isNotNull();
            assertThat(i.handling()).isEqualTo(IncomingItem.Handling.PENDING);
            assertThat(window.incomingTimeline(i.id())).first().asString().startsWith("RECEIVED stored");
        });
        IncomingItem good = items.stream().filter(i -> "wniosek.xml".equals(i.fileName())).findFirst().orElseThrow();
        assertThat(good.isClean()).as(good.flags().toString()).isTrue();
        assertThat(good.signatures().verdict()).isEqualTo("VALID");
        assertThat(good.sender()).isEqualTo("JanKowalski");
        assertThat(good.replyTo()).isEqualTo(CITIZEN.value());
        try (InputStream in = window.openIncoming(good.id())) {
            assertThat(in.readAllBytes()).isEqualTo(signed);
        }
        IncomingItem bad = items.stream().filter(i -> "wniosek-2.xml".equals(i.fileName())).findFirst().orElseThrow();
        assertThat(bad.signatures().verdict()).isEqualTo("INVALID");
        assertThat(bad.flags()).singleElement().asString().startsWith("wniosek-2.xml: a signature is INVALID");
        IncomingItem unreadable = items.stream().filter(i -> "skan.bin".equals(i.fileName())).findFirst().orElseThrow();
        assertThat(unreadable.signatures().verdict()).isEqualTo("UNSIGNED");
        assertThat(unreadable.isClean()).as("neither XML nor PDF: simply not a signed document").isTrue();

        IncomingItem hostile = items.stream().filter(i -> "bomba.xml".equals(i.fileName())).findFirst().orElseThrow();
        assertThat(hostile.signatures().verdict()).isEqualTo("UNREADABLE");
        assertThat(hostile.flags()).singleElement().asString().startsWith("bomba.xml: not readable as a signed document");
        try (InputStream in = window.openIncoming(hostile.id())) {
            assertThat(in.readAllBytes()).as("stored as received").isEqualTo(bomb);
        }

        assertThat(window.handleIncomingOnce()).isEqualTo(4);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(items.stream().map(IncomingItem::id).toList());
        assertThat(window.incomingItems(10)).allSatisfy(i -> {
            assertThat(i.handling()).isEqualTo(IncomingItem.Handling.HANDLED);
            assertThat(i.handledAt()).isNotNull();
        });
        assertThat(window.handleIncomingOnce()).as("handled items are not given again").isZero();
        assertThat(window.receiveOnce()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void confirmationLost_theDocumentComesAgain_andIsStoredOnce(Stores kind, TestPki pki) {
        Correspondence window = window(kind, pki).build();
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wniosek.xml", "text/xml", pismo("Skarga"));
        // the first request (pobierzNastepny) goes through; the confirmation is answered with HTTP 500
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.alterAnswer(d -> { }));
        epuap.inject(EpuapSimulator.Service.PULL, Mishap.status(500));

        assertThat(window.receiveOnce()).isEqualTo(1);
        assertThat(epuap.inbox(OUR_BOX)).as("not confirmed: still in the box").hasSize(1);
        IncomingItem item = window.incomingItems(10).get(0);
        assertThat(item.confirmedAt()).isNull();
        assertThat(window.incomingTimeline(item.id())).anySatisfy(e -> assertThat(e).startsWith("CONFIRM_FAILED"));

        assertThat(window.receiveOnce()).as("offered again: recognised, not stored twice").isZero();
        assertThat(epuap.inbox(OUR_BOX)).isEmpty();
        assertThat(window.incomingItems(10)).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(item.id());
            assertThat(i.confirmedAt()).isNotNull();
        });
        assertThat(window.incomingTimeline(item.id())).anySatisfy(e -> assertThat(e).startsWith("OFFERED_AGAIN"));
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void serviceFailsToGiveADocument_nothingIsLost(Stores kind, TestPki pki) {
        Correspondence window = window(kind, pki).build();
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wniosek.xml", "text/xml", pismo("Wniosek"));
        for (int i = 0; i < 3; i++) {
            epuap.inject(EpuapSimulator.Service.PULL, Mishap.status(503)); // the client's three attempts
        }

        assertThat(window.receiveOnce()).isZero();
        assertThat(epuap.inbox(OUR_BOX)).hasSize(1);
        assertThat(window.receiveOnce()).isEqualTo(1);
        assertThat(epuap.inbox(OUR_BOX)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void failingHandler_isTriedAgainWithBackoff_thenTheItemWaitsForAPerson(Stores kind, TestPki pki) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Correspondence window = window(kind, pki).incoming(item -> {
            calls.incrementAndGet();
            throw new IllegalStateException("EZD is down");
        }, 3, Duration.ofMillis(200)).build();
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wniosek.xml", "text/xml", pismo("Wniosek"));
        window.receiveOnce();

        assertThat(window.handleIncomingOnce()).isEqualTo(1);
        assertThat(window.handleIncomingOnce()).as("not due before the delay").isZero();
        Thread.sleep(250);
        assertThat(window.handleIncomingOnce()).isEqualTo(1);
        Thread.sleep(250);
        assertThat(window.handleIncomingOnce()).as("the delay doubled: 400 ms").isZero();
        Thread.sleep(200);
        assertThat(window.handleIncomingOnce()).isEqualTo(1);

        IncomingItem item = window.incomingItems(1).get(0);
        assertThat(calls).hasValue(3);
        assertThat(item.handling()).isEqualTo(IncomingItem.Handling.WAITING_FOR_PERSON);
        assertThat(item.handlerAttempts()).isEqualTo(3);
        assertThat(item.handlerError()).isEqualTo("IllegalStateException: EZD is down");
        Thread.sleep(1000);
        assertThat(window.handleIncomingOnce()).as("a person's turn now").isZero();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void contents_areErasedOnRequest_andRemovedAfterRetention_theProofStays(Stores kind, TestPki pki) throws Exception {
        dev.okienko.testkit.SimulatorClock clock = dev.okienko.testkit.SimulatorClock.systemUtc();
        Correspondence window = window(kind, pki).clock(clock).incoming(item -> { }).build();
        byte[] same = pismo("Ta sama treść");
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wniosek.xml", "text/xml", pismo("Jan: PESEL 44051401359"));
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "kopia.xml", "text/xml", same);
        epuap.deposit(OUR_BOX, "AnnaNowak", CITIZEN, "kopia.xml", "text/xml", same);
        window.receiveOnce();
        window.handleIncomingOnce();
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "pozniej.xml", "text/xml", pismo("Jeszcze nie przyjęte"));
        window.receiveOnce();
        age(window);

        assertThat(window.eraseContentsFrom("JanKowalski", "art. 17 RODO, wniosek z 2026-12-01")).isEqualTo(2);

        List<IncomingItem> items = window.incomingItems(10);
        IncomingItem erased = items.stream().filter(i -> "wniosek.xml".equals(i.fileName())).findFirst().orElseThrow();
        assertThat(erased.contentsRemoved()).contains("erased on request: art. 17 RODO");
        assertThat(erased.sha256()).as("the hash stays as proof").hasSize(64);
        assertThat(window.incomingTimeline(erased.id())).anySatisfy(e -> assertThat(e).startsWith("CONTENTS_REMOVED"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> window.openIncoming(erased.id())).isInstanceOf(StoreException.class)
                .hasMessageContaining("were removed");
        assertThat(window.store().contentFolder().resolve(erased.sha256().substring(0, 2)).resolve(erased.sha256().substring(2)))
                .as("the file is gone").doesNotExist();
        IncomingItem anna = items.stream().filter(i -> "AnnaNowak".equals(i.sender())).findFirst().orElseThrow();
        try (InputStream in = window.openIncoming(anna.id())) {
            assertThat(in.readAllBytes()).as("the same bytes, still needed by another sender's item").isEqualTo(same);
        }
        IncomingItem pending = items.stream().filter(i -> "pozniej.xml".equals(i.fileName())).findFirst().orElseThrow();
        assertThat(pending.contentsRemoved()).as("not handled yet: left").isNull();

        assertThat(window.removeHandledContents(Duration.ofDays(30))).as("handled just now").isZero();
        clock.advance(Duration.ofDays(31));
        age(window);
        assertThat(window.removeHandledContents(Duration.ofDays(30))).as("Anna's; Jan's are removed already").isEqualTo(1);
        assertThat(window.store().contentFolder().resolve(anna.sha256().substring(0, 2)).resolve(anna.sha256().substring(2)))
                .doesNotExist();
        try (InputStream in = window.openIncoming(pending.id())) {
            assertThat(in.readAllBytes()).isEqualTo(pismo("Jeszcze nie przyjęte"));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aFileWrittenLately_isLeftForALaterRun_soAnItemBeingStoredWithTheSameBytesKeepsIt(Stores kind, TestPki pki) throws Exception {
        Correspondence window = window(kind, pki).incoming(item -> { }).build();
        byte[] same = pismo("Kopia dowodu wpłaty");
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wplata.xml", "text/xml", same);
        window.receiveOnce();
        window.handleIncomingOnce();
        age(window);
        IncomingItem jan = window.incomingItems(10).get(0);
        Path file = window.store().contentFolder().resolve(jan.sha256().substring(0, 2)).resolve(jan.sha256().substring(2));
        // a receiver is storing the same bytes for another item at this moment: its content is written, its row not yet
        window.store().put(same, "an incoming item");

        assertThat(window.eraseContentsFrom("JanKowalski", "art. 17 RODO")).isEqualTo(1);

        assertThat(file).as("reused just now: left, though no row refers to it yet").exists();
        assertThat(queued(window)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> window.openIncoming(jan.id())).isInstanceOf(StoreException.class);
        epuap.deposit(OUR_BOX, "AnnaNowak", CITIZEN, "wplata.xml", "text/xml", same);
        window.receiveOnce(); // the other item's row commits
        IncomingItem anna = window.incomingItems(10).stream().filter(i -> i.sender().equals("AnnaNowak")).findFirst().orElseThrow();
        age(window);
        assertThat(window.removeHandledContents(Duration.ofDays(30))).isZero();
        assertThat(queued(window)).as("needed again: no longer queued").isZero();
        try (InputStream in = window.openIncoming(anna.id())) {
            assertThat(in.readAllBytes()).isEqualTo(same);
        }

        byte[] other = pismo("Inny wniosek");
        epuap.deposit(OUR_BOX, "PiotrWisniewski", CITIZEN, "wniosek.xml", "text/xml", other);
        window.receiveOnce();
        window.handleIncomingOnce();
        window.store().put(other, "an incoming item"); // written lately, and then no row ever refers to it
        assertThat(window.eraseContentsFrom("PiotrWisniewski", "art. 17 RODO")).isEqualTo(1);
        IncomingItem piotr = window.incomingItems(10).stream().filter(i -> i.sender().equals("PiotrWisniewski")).findFirst().orElseThrow();
        Path otherFile = window.store().contentFolder().resolve(piotr.sha256().substring(0, 2)).resolve(piotr.sha256().substring(2));
        assertThat(otherFile).exists();
        age(window);
        assertThat(window.removeHandledContents(Duration.ofDays(30))).as("no item is due; the queue is worked off").isZero();
        assertThat(otherFile).as("an hour later, a later run deletes it").doesNotExist();
        assertThat(queued(window)).isZero();
        assertThat(file).as("Anna's still").exists();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void oneView_showsACasesIncomingAndOutgoingTogether_byCasePartyStatusAndDate(Stores kind, TestPki pki) throws Exception {
        dev.okienko.testkit.SimulatorClock clock = dev.okienko.testkit.SimulatorClock.systemUtc();
        Correspondence window = window(kind, pki).clock(clock).incoming(item -> { }).build();
        java.time.Instant start = clock.instant();
        epuap.deposit(OUR_BOX, "JanKowalski", CITIZEN, "wniosek.xml", "text/xml", pismo("Wniosek o zaświadczenie"));
        epuap.deposit(OUR_BOX, "AnnaNowak", EpuapAddress.parse("/AnnaNowak/skrytka"), "skarga.xml", "text/xml", pismo("Skarga"));
        window.receiveOnce();
        IncomingItem wniosek = window.incomingItems(10).stream().filter(i -> i.sender().equals("JanKowalski")).findFirst().orElseThrow();
        window.fileIncoming(wniosek.id(), "GK.6220.1.2026");
        clock.advance(Duration.ofDays(2));
        Submission answer = window.submit(OutgoingLetter.builder().to(Addressee.of(CITIZEN)).to(Addressee.of(dev.okienko.core.Pesel
                .parse("44051401359"))).subject("Zaświadczenie").text("W załączeniu.").caseReference("GK.6220.1.2026")
                .idempotencyKey("ezd-answer-1").build());
        window.submit(OutgoingLetter.builder().to(Addressee.of(dev.okienko.core.Nip.parse("5260250274"))).subject("Inna sprawa")
                .caseReference("FN.1.2026").idempotencyKey("ezd-other").build());

        List<CorrespondenceEntry> byCase = window.correspondence(CorrespondenceQuery.all().caseReference("GK.6220.1.2026"));

        assertThat(byCase).extracting(CorrespondenceEntry::direction, CorrespondenceEntry::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CorrespondenceEntry.Direction.OUTGOING, answer.letterId()),
                org.assertj.core.groups.Tuple.tuple(CorrespondenceEntry.Direction.INCOMING, wniosek.id()));
        CorrespondenceEntry out = byCase.get(0);
        assertThat(out.parties()).containsExactly(CITIZEN.value(), "pesel:*******1359");
        assertThat(out.status()).isEqualTo("SUBMITTED");
        assertThat(out.channel()).as("not routed yet").isNull();
        CorrespondenceEntry in = byCase.get(1);
        assertThat(in.parties()).containsExactly("JanKowalski", CITIZEN.value());
        assertThat(in.channel()).isEqualTo(Channel.EPUAP);
        assertThat(in.subject()).isEqualTo("wniosek.xml");
        assertThat(in.status()).isEqualTo("PENDING");
        assertThat(window.incomingItem(wniosek.id()).orElseThrow().caseReference()).isEqualTo("GK.6220.1.2026");
        assertThat(window.incomingTimeline(wniosek.id())).anySatisfy(e -> assertThat(e).isEqualTo("FILED under case GK.6220.1.2026"));

        assertThat(window.correspondence(CorrespondenceQuery.all().party(CITIZEN.value()))).extracting(CorrespondenceEntry::id)
                .as("the citizen's box: the letter to it and the document from it").containsExactly(answer.letterId(), wniosek.id());
        assertThat(window.correspondence(CorrespondenceQuery.all().party("44051401359"))).extracting(CorrespondenceEntry::id)
                .as("by PESEL").containsExactly(answer.letterId());
        assertThat(window.correspondence(CorrespondenceQuery.all().party("5260250274").direction(CorrespondenceEntry.Direction.OUTGOING)))
                .singleElement().satisfies(e -> assertThat(e.caseReference()).isEqualTo("FN.1.2026"));
        assertThat(window.correspondence(CorrespondenceQuery.all().status("PENDING"))).hasSize(2)
                .allSatisfy(e -> assertThat(e.direction()).isEqualTo(CorrespondenceEntry.Direction.INCOMING));
        assertThat(window.correspondence(CorrespondenceQuery.all().until(start.plus(Duration.ofDays(1))))).hasSize(2);
        assertThat(window.correspondence(CorrespondenceQuery.all().since(start.plus(Duration.ofDays(1))))).hasSize(2)
                .allSatisfy(e -> assertThat(e.direction()).isEqualTo(CorrespondenceEntry.Direction.OUTGOING));
        assertThat(window.correspondence(CorrespondenceQuery.all().limit(3))).hasSize(3);
        assertThat(window.correspondence(CorrespondenceQuery.all().direction(CorrespondenceEntry.Direction.INCOMING)
                .party("AnnaNowak"))).singleElement().satisfies(e -> assertThat(e.caseReference()).isNull());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> window.fileIncoming("no-such-id", "GK.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no incoming item no-such-id");
    }

    /** Makes every content file look written two hours ago, past the hour in which retention leaves a file alone. */
    private static void age(Correspondence window) throws java.io.IOException {
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofHours(2)));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(window.store().contentFolder())) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.setLastModifiedTime(f, old);
            }
        }
    }

    private static int queued(Correspondence window) throws java.sql.SQLException {
        try (java.sql.Connection c = window.store().dataSource().getConnection();
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM okienko_content_deletion")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
