package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real process kills of a receiver: a receiver JVM is killed (SIGKILL) at each dangerous point (for ePUAP after
 * storing and after confirming; for e-Doręczenia after opening a message, before storing it; before and inside
 * the handler), a new one finishes, and then every document and message is stored exactly once, the ePUAP box is
 * empty, and the handler has seen every item.
 */
@ExtendWith(TestPkiExtension.class)
class ReceiverCrashTest {
    private static final int DOCUMENTS = 3;
    private static final int MESSAGES = 2;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} killed {1}")
    @CsvSource({
        "EMBEDDED, incoming-after-store",
        "EMBEDDED, incoming-after-confirm",
        "EMBEDDED, incoming-before-handler",
        "EMBEDDED, incoming-in-handler",
        "POSTGRESQL, incoming-after-store",
        "POSTGRESQL, incoming-after-confirm",
        "POSTGRESQL, incoming-before-handler",
        "POSTGRESQL, incoming-in-handler",
        "EMBEDDED, incoming-after-open",
        "POSTGRESQL, incoming-after-open"})
    void receiverKilled_atADangerousPoint_anotherFinishes_andEveryDocumentIsStoredOnce(Stores kind, String point, TestPki pki)
            throws Exception {
        try (EDeliverySimulator edelivery = EDeliverySimulator.start(pki);
             EpuapSimulator epuap = EpuapSimulator.start(pki).createInbox(IncomingTest.OUR_BOX)) {
            epuap.registerSystem(pki.seal().certificate());
            // e-Doręczenia messages too, so that a kill after opening one (before storing it) is tested
            dev.okienko.core.Ade ours = dev.okienko.core.Ade.parse("AE:PL-50419-15057-VDGUG-25");
            dev.okienko.core.Ade sender = dev.okienko.core.Ade.parse("AE:PL-10609-91337-SAIBG-23");
            dev.okienko.core.SystemCredentials senderSystem = pki.issueSeal("Urząd Skarbowy Testowo",
                    dev.okienko.testkit.pki.TestData.nip(526025027)).toSystemCredentials();
            edelivery.registerSystem(ours, "EZD", pki.seal().certificate()).registerSystem(sender, "EZD", senderSystem.certificate());
            dev.okienko.edelivery.Mailbox from = dev.okienko.edelivery.Mailbox.builder().environment(edelivery.environment())
                    .address(sender).pollInterval(java.time.Duration.ofMillis(20))
                    .tokens(dev.okienko.edelivery.SignedJwtTokenProvider.builder().environment(edelivery.environment())
                            .credentials(senderSystem).system(sender, "EZD").build()).build();
            Path attachment = Files.write(dir.resolve("zalacznik.xml"), TestXadesSigner.signEnveloped(IncomingTest.pismo("Załącznik"),
                    pki.seal()));
            for (int i = 0; i < MESSAGES; i++) {
                from.await(from.send(dev.okienko.edelivery.Letter.builder().to(ours).subject("Wiadomość " + i).text("Treść " + i)
                        .attach(attachment, "text/xml").build()), java.time.Duration.ofSeconds(10));
            }
            for (int i = 0; i < DOCUMENTS; i++) {
                epuap.deposit(IncomingTest.OUR_BOX, "JanKowalski", IncomingTest.CITIZEN, "wniosek-" + i + ".xml", "text/xml",
                        TestXadesSigner.signEnveloped(IncomingTest.pismo("Wniosek " + i), pki.seal()));
            }
            Properties config = CrashTest.config(dir, kind, pki, edelivery, epuap);
            config.setProperty("mode", "receive");
            config.setProperty("seen", dir.resolve("seen.txt").toString());
            config.setProperty("box", IncomingTest.OUR_BOX.value());
            config.setProperty("entity", IncomingTest.ENTITY);
            config.setProperty("edeliveryMessages", Integer.toString(MESSAGES));
            Path file = dir.resolve("receiver.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "receiver crash test");
            }

            CrashTest.Worker killed = CrashTest.Worker.start(file, point);
            assertThat(killed.awaitLine("OKIENKO-CRASH-POINT " + point, 90)).as("the receiver reached " + point + ": "
                    + killed.output()).isTrue();
            killed.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: nothing flushed, no hook

            CrashTest.Worker finisher = CrashTest.Worker.start(file, null);
            assertThat(finisher.awaitLine("OKIENKO-RECEIVER-DONE", 120)).as("a new receiver finished: " + finisher.output()).isTrue();
            assertThat(finisher.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(epuap.inbox(IncomingTest.OUR_BOX)).as("every document confirmed").isEmpty();
            Correspondence window = Correspondence.builder().store(CorrespondenceStore.open(config.getProperty("store"),
                    config.getProperty("storeUser"), config.getProperty("storePassword", ""), Path.of(config.getProperty("content"))))
                    .build();
            List<IncomingItem> items = window.incomingItems(100);
            assertThat(items).as("each document and message stored exactly once").hasSize(DOCUMENTS + MESSAGES)
                    .extracting(IncomingItem::sourceKey).doesNotHaveDuplicates();
            assertThat(items).filteredOn(i -> i.channel() == Channel.EDELIVERY).hasSize(MESSAGES)
                    .allSatisfy(i -> assertThat(i.parts()).singleElement().satisfies(p -> assertThat(p.sha256()).isNotNull()));
            assertThat(items).allSatisfy(i -> {
                assertThat(i.confirmedAt()).isNotNull();
                assertThat(i.handling()).isEqualTo(IncomingItem.Handling.HANDLED);
                assertThat(i.signatures().verdict()).isEqualTo("VALID");
            });
            List<String> seen = Files.readAllLines(dir.resolve("seen.txt"));
            assertThat(seen).as("the handler saw every item, at least once").containsAll(items.stream().map(IncomingItem::id).toList());
            window.store().close();
        }
    }
}
