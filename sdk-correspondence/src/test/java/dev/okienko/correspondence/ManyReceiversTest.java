package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.Ade;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two receiver JVMs on one PostgreSQL, polling the same ePUAP box and e-Doręczenia mailbox while faults are
 * injected: every document is stored exactly once, none is left unconfirmed, and the handler saw every item.
 * {@code -Dokienko.many.documents=N} sets how many (1,000 by default: nine in ten by ePUAP, one in ten by
 * e-Doręczenia).
 */
@ExtendWith(TestPkiExtension.class)
class ManyReceiversTest {
    private static final Ade OURS = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade SENDER = Ade.parse("AE:PL-10609-91337-SAIBG-23");

    @TempDir
    Path dir;

    @Test
    void twoReceivers_onePostgres_faults_everyDocumentStoredOnce(TestPki pki) throws Exception {
        int documents = Integer.getInteger("okienko.many.documents", 1000);
        int messages = Math.max(1, documents / 10);
        int deposited = documents - messages;
        try (EDeliverySimulator edelivery = EDeliverySimulator.start(pki);
             EpuapSimulator epuap = EpuapSimulator.start(pki).createInbox(IncomingTest.OUR_BOX)) {
            SystemCredentials sender = pki.issueSeal("Urząd Skarbowy Testowo", TestData.nip(526025027)).toSystemCredentials();
            edelivery.registerSystem(OURS, "EZD", pki.seal().certificate()).registerSystem(SENDER, "EZD", sender.certificate());
            epuap.registerSystem(pki.seal().certificate());
            for (int i = 0; i < deposited; i++) {
                epuap.deposit(IncomingTest.OUR_BOX, "Nadawca" + (i % 37), IncomingTest.CITIZEN, "pismo-" + i + ".xml", "text/xml",
                        IncomingTest.pismo("Pismo " + i));
            }
            Mailbox from = Mailbox.builder().environment(edelivery.environment()).address(SENDER).pollInterval(Duration.ofMillis(20))
                    .tokens(SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(sender)
                            .system(SENDER, "EZD").build()).build();
            Path attachment = Files.write(dir.resolve("zalacznik.xml"), IncomingTest.pismo("Załącznik"));
            for (int i = 0; i < messages; i++) {
                from.send(Letter.builder().to(OURS).subject("Pismo " + i).text("Treść " + i).attach(attachment, "text/xml").build());
            }
            // faults: ePUAP answers 500 and drops a connection, e-Doręczenia answers 503 with Retry-After
            epuap.inject(EpuapSimulator.Service.PULL, Mishap.status(500));
            epuap.inject(EpuapSimulator.Service.PULL, Mishap.dropConnection());
            epuap.inject(EpuapSimulator.Service.PULL, Mishap.status(500));
            edelivery.inject(Mishap.status(503));
            edelivery.inject(Mishap.dropConnection());

            Properties config = CrashTest.config(dir, Stores.POSTGRESQL, pki, edelivery, epuap);
            config.setProperty("mode", "receive");
            config.setProperty("seen", dir.resolve("seen.txt").toString());
            config.setProperty("box", IncomingTest.OUR_BOX.value());
            config.setProperty("entity", IncomingTest.ENTITY);
            config.setProperty("edeliveryMessages", Integer.toString(messages));
            Path file = dir.resolve("receiver.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "many receivers");
            }

            List<CrashTest.Worker> receivers = List.of(CrashTest.Worker.start(file, null), CrashTest.Worker.start(file, null));
            for (CrashTest.Worker r : receivers) {
                assertThat(r.awaitLine("OKIENKO-RECEIVER-DONE", 480)).as("a receiver finished: " + r.output()).isTrue();
                assertThat(r.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(epuap.inbox(IncomingTest.OUR_BOX)).as("none left unconfirmed").isEmpty();
            Correspondence window = Correspondence.builder().store(CorrespondenceStore.open(config.getProperty("store"),
                    config.getProperty("storeUser"), "", Path.of(config.getProperty("content")))).build();
            List<IncomingItem> items = window.incomingItems(documents * 2);
            assertThat(items).as("each document stored exactly once").hasSize(documents);
            assertThat(items.stream().map(IncomingItem::sourceKey).distinct().count()).isEqualTo(documents);
            assertThat(items.stream().filter(i -> i.channel() == Channel.EDELIVERY).count()).isEqualTo(messages);
            assertThat(items).allSatisfy(i -> {
                assertThat(i.confirmedAt()).isNotNull();
                assertThat(i.handling()).isEqualTo(IncomingItem.Handling.HANDLED);
            });
            assertThat(new HashSet<>(Files.readAllLines(dir.resolve("seen.txt")))).as("the handler saw every item")
                    .containsAll(items.stream().map(IncomingItem::id).toList());
            window.store().close();
        }
    }
}
