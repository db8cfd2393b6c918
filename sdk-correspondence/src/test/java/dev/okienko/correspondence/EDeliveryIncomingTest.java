package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Incoming messages from the office's e-Doręczenia mailbox: opened at once or left for a person, stored once. */
@ExtendWith(TestPkiExtension.class)
class EDeliveryIncomingTest {
    private static final Ade OFFICE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Ade COMPANY = Ade.parse("AE:PL-98765-43210-SFVYC-19");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private EDeliverySimulator edelivery;
    private Mailbox office;
    private Mailbox company;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Correspondence.Builder window(Stores kind, TestPki pki, EDeliveryOpening opening) {
        edelivery = EDeliverySimulator.start(pki);
        open.add(edelivery);
        SystemCredentials officeSystem = pki.issueSeal("Urząd Skarbowy Testowo", TestData.nip(526025027)).toSystemCredentials();
        SystemCredentials companySystem = pki.seal().toSystemCredentials();
        edelivery.registerSystem(OFFICE, "EZD", officeSystem.certificate()).registerSystem(COMPANY, "ERP", companySystem.certificate());
        office = mailbox(OFFICE, "EZD", officeSystem);
        company = mailbox(COMPANY, "ERP", companySystem);
        return Correspondence.builder().store(kind.open(dir, open)).receiveEdelivery(office, opening)
                .verifySignatures(SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build());
    }

    private Mailbox mailbox(Ade ade, String system, SystemCredentials credentials) {
        return Mailbox.builder().environment(edelivery.environment()).address(ade).pollInterval(Duration.ofMillis(50))
                .tokens(SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(credentials)
                        .system(ade, system).build()).build();
    }

    private String send(String subject, Path... attachments) {
        Letter.Builder letter = Letter.builder().to(OFFICE).subject(subject).text("W załączeniu " + subject + ".");
        for (Path a : attachments) {
            letter.attach(a, a.toString().endsWith(".xml") ? "text/xml" : "text/plain");
        }
        return company.await(company.send(letter.build()), Duration.ofSeconds(10)).recipients().get(0).messageId();
    }

    private static byte[] pismo(String text) {
        return IncomingTest.pismo(text);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void openedAtOnce_textAndAttachmentsStored_checked_andTheForgedOneFlagged(Stores kind, TestPki pki) throws Exception {
        List<String> handled = new ArrayList<>();
        Correspondence window = window(kind, pki, EDeliveryOpening.AT_ONCE).incoming(i -> handled.add(i.id())).build();
        Path signed = Files.write(dir.resolve("wniosek.xml"), TestXadesSigner.signEnveloped(pismo("Wniosek"), pki.seal()));
        Path forged = Files.write(dir.resolve("oferta.xml"), new String(TestXadesSigner.signEnveloped(pismo("Cena 100"), pki.seal()),
                StandardCharsets.UTF_8).replace("Cena 100", "Cena 1").getBytes(StandardCharsets.UTF_8));
        Path note = Files.writeString(dir.resolve("notatka.txt"), "zwykły tekst");
        String first = send("Wniosek", signed, note);
        String second = send("Oferta", forged);

        assertThat(window.receiveOnce()).isEqualTo(2);
        assertThat(window.receiveOnce()).as("listed again: recognised").isZero();

        IncomingItem a = item(window, first);
        assertThat(a.channel()).isEqualTo(Channel.EDELIVERY);
        assertThat(a.box()).isEqualTo(OFFICE.value());
        assertThat(a.sender()).isEqualTo(COMPANY.value());
        assertThat(a.fileName()).isEqualTo("Wniosek");
        assertThat(a.confirmedAt()).as("opened: the moment of delivery").isNotNull();
        assertThat(a.isClean()).as(a.flags().toString()).isTrue();
        assertThat(a.signatures().verdict()).isEqualTo("VALID");
        assertThat(a.parts()).extracting(IncomingItem.Part::fileName).containsExactly("wniosek.xml", "notatka.txt");
        assertThat(a.parts().get(0).sha256()).isEqualTo(sha256(Files.readAllBytes(signed)));
        assertThat(a.parts().get(1).signatures().verdict()).isEqualTo("UNSIGNED");
        try (InputStream in = window.openIncomingPart(a.id(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(signed));
        }
        try (InputStream in = window.openIncoming(a.id())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("W załączeniu Wniosek.");
        }
        assertThat(office.metadata(first).opened()).as("the receiver opened it").isTrue();

        IncomingItem b = item(window, second);
        assertThat(b.signatures().verdict()).isEqualTo("INVALID");
        assertThat(b.flags()).singleElement().asString().startsWith("oferta.xml: a signature is INVALID");

        assertThat(window.handleIncomingOnce()).isEqualTo(2);
        assertThat(handled).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void leftForAPerson_storedUnopened_untilAPersonOpensIt(Stores kind, TestPki pki) throws Exception {
        List<String> handled = new ArrayList<>();
        Correspondence window = window(kind, pki, EDeliveryOpening.BY_A_PERSON).incoming(i -> handled.add(i.id())).build();
        Path signed = Files.write(dir.resolve("wniosek.xml"), TestXadesSigner.signEnveloped(pismo("Wniosek"), pki.seal()));
        String messageId = send("Wezwanie do zapłaty", signed);

        assertThat(window.receiveOnce()).isEqualTo(1);
        IncomingItem listed = item(window, messageId);
        assertThat(listed.handling()).isEqualTo(IncomingItem.Handling.UNOPENED);
        assertThat(listed.fileName()).isEqualTo("Wezwanie do zapłaty");
        assertThat(listed.confirmedAt()).isNull();
        assertThat(listed.parts()).isEmpty();
        assertThat(office.metadata(messageId).opened()).as("listing never opens").isFalse();
        assertThat(window.handleIncomingOnce()).as("not for the handler before it is opened").isZero();
        assertThat(window.receiveOnce()).isZero();

        IncomingItem opened = window.openEdelivery(listed.id());

        assertThat(opened.handling()).isEqualTo(IncomingItem.Handling.PENDING);
        assertThat(opened.confirmedAt()).isNotNull();
        assertThat(opened.parts()).singleElement().satisfies(p -> assertThat(p.sha256()).isEqualTo(sha256(Files.readAllBytes(signed))));
        assertThat(opened.signatures().verdict()).isEqualTo("VALID");
        assertThat(office.metadata(messageId).opened()).isTrue();
        assertThat(window.incomingTimeline(listed.id())).anySatisfy(e -> assertThat(e).startsWith("OPENED"));
        assertThatThrownBy(() -> window.openEdelivery(listed.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not unopened");
        assertThat(window.handleIncomingOnce()).isEqualTo(1);
        assertThat(handled).containsExactly(listed.id());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void anAttachmentThatDiffersFromWhatWasDeclared_isFlagged_theRestKept_andTheNextMessageStillComes(Stores kind, TestPki pki)
            throws Exception {
        List<String> handled = new ArrayList<>();
        Correspondence window = window(kind, pki, EDeliveryOpening.AT_ONCE).incoming(i -> handled.add(i.id())).build();
        Path signed = Files.write(dir.resolve("wniosek.xml"), TestXadesSigner.signEnveloped(pismo("Wniosek"), pki.seal()));
        Path damaged = Files.writeString(dir.resolve("faktura.txt"), "Faktura nr 7/2026, do zapłaty 1200 zł");
        Path later = Files.writeString(dir.resolve("uzupelnienie.txt"), "uzupełnienie");
        // the operator serves other bytes than the message declares, for this one file only
        edelivery.alterDownloads(b -> new String(b, StandardCharsets.UTF_8).startsWith("Faktura")
                ? "Faktura nr 7/2026, do zapłaty 9200 zł".getBytes(StandardCharsets.UTF_8) : b);
        String first = send("Faktura", signed, damaged);
        String second = send("Uzupełnienie", later);

        assertThat(window.receiveOnce()).isEqualTo(2);

        IncomingItem a = item(window, first);
        assertThat(a.isClean()).isFalse();
        assertThat(a.flags()).singleElement().asString().startsWith("faktura.txt: did not arrive as declared")
                .contains("hash");
        assertThat(a.parts()).hasSize(2);
        assertThat(a.parts().get(0).sha256()).as("the sound attachment is kept").isEqualTo(sha256(Files.readAllBytes(signed)));
        assertThat(a.parts().get(0).signatures().verdict()).isEqualTo("VALID");
        IncomingItem.Part bad = a.parts().get(1);
        assertThat(bad.sha256()).as("the altered bytes are not kept as if they were the attachment").isNull();
        assertThat(bad.declaredSize()).isEqualTo(Files.size(damaged));
        assertThat(bad.signatures().summary()).contains("did not arrive as declared");
        assertThat(item(window, second).isClean()).isTrue();
        assertThat(window.handleIncomingOnce()).as("flagged items go to the handler too, with their flags").isEqualTo(2);
        assertThat(handled).contains(a.id());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aZipBombAttachment_isStoredAsReceived_flagged_andNotOpened(Stores kind, TestPki pki) throws Exception {
        Correspondence window = window(kind, pki, EDeliveryOpening.AT_ONCE).build();
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bomb)) {
            z.putNextEntry(new java.util.zip.ZipEntry("dokumenty.txt"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                z.write(zeros);
            }
        }
        Path zip = Files.write(dir.resolve("dokumenty.zip"), bomb.toByteArray());
        String messageId = send("Dokumenty", zip);

        assertThat(window.receiveOnce()).isEqualTo(1);

        IncomingItem item = item(window, messageId);
        assertThat(item.flags()).singleElement().asString().startsWith("dokumenty.zip: a zip bomb: it expands to more than");
        assertThat(item.parts()).singleElement().satisfies(p -> {
            assertThat(p.sha256()).as("stored as received").isEqualTo(sha256(Files.readAllBytes(zip)));
            assertThat(p.signatures().verdict()).isEqualTo("NOT_CHECKED");
            assertThat(p.signatures().summary()).startsWith("not opened: a zip bomb: it expands");
        });
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aNotificationWakesTheReceivers_soANewMessageIsStoredLongBeforeTheNextPoll(Stores kind, TestPki pki) throws Exception {
        List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        Correspondence window = window(kind, pki, EDeliveryOpening.AT_ONCE).incoming(i -> handled.add(i.id())).build();
        com.sun.net.httpserver.HttpServer webhook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger woke = new java.util.concurrent.atomic.AtomicInteger();
        webhook.createContext("/okienko/notifications", exchange -> {
            boolean ours;
            try (InputStream in = exchange.getRequestBody()) {
                ours = window.notified(in.readNBytes(dev.okienko.edelivery.Notification.MAX_BYTES + 1));
            } catch (dev.okienko.core.ClientException e) {
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            if (ours) {
                woke.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        open.add(() -> webhook.stop(0));
        office.subscribe(new dev.okienko.edelivery.Subscriptions(java.net.URI.create("http://127.0.0.1:" + webhook.getAddress().getPort()
                + "/okienko/notifications"), null, null, null));
        Receivers receivers = window.startReceivers(Duration.ofHours(1));
        open.add(0, receivers);
        await(() -> receivers.rounds() >= 1, "the first round");

        String messageId = send("Wniosek o wydanie zaświadczenia", Files.writeString(dir.resolve("wniosek.txt"), "proszę"));

        // the handler is called before its item is marked handled: wait for the mark, not only for the call
        await(() -> handled.size() == 1 && item(window, messageId).handling() == IncomingItem.Handling.HANDLED,
                "the message stored, handed over and marked handled after the notification, not after an hour");
        assertThat(woke.get()).isPositive();
        assertThat(item(window, messageId).handling()).isEqualTo(IncomingItem.Handling.HANDLED);
        assertThat(receivers.stored()).isEqualTo(1);
        assertThat(window.notified(("{\"eDeliveryAddress\":\"" + COMPANY.value() + "\",\"notificationType\":\"NewMessage\"}")
                .getBytes(StandardCharsets.UTF_8))).as("another mailbox's notification wakes nothing").isFalse();
        long rounds = receivers.rounds();
        assertThat(window.notified(("{\"eDeliveryAddress\":\"" + OFFICE.value() + "\",\"notificationType\":\"NewMessage\","
                + "\"notification\":[{\"id\":\"" + messageId + "\"}]}").getBytes(StandardCharsets.UTF_8))).isTrue();
        await(() -> receivers.rounds() > rounds, "a round after a repeated notification");
        assertThat(window.incomingItems(100)).as("a notification repeated, or forged, stores nothing twice").hasSize(1);
        assertThatThrownBy(() -> window.notified("<xml/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(dev.okienko.core.ClientException.class).hasMessageContaining("not JSON");
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(until);
            Thread.sleep(20);
        }
    }

    private static IncomingItem item(Correspondence window, String messageId) {
        return window.incomingItems(100).stream().filter(i -> i.sourceKey().equals(messageId)).findFirst().orElseThrow();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
