package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.Ade;
import dev.okienko.core.Nip;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker JVMs on one PostgreSQL send 1,000 letters while the embedded e-Doręczenia loses answers to
 * sending and refuses requests with 503: every letter goes exactly once, and none is left behind.
 */
@ExtendWith(TestPkiExtension.class)
class ManyNodesTest {
    private static final Ade OURS = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade OFFICE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final int LETTERS = Integer.getInteger("okienko.many.letters", 1000);
    private static final int NODES = 3;

    @TempDir
    Path dir;

    private static String states(Correspondence window) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = window.store().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT l.status, r.status, d.state, d.error, COUNT(*) FROM okienko_letter l "
                     + "JOIN okienko_recipient r ON r.letter_id = l.id LEFT JOIN okienko_dispatch d ON d.id = r.dispatch_id "
                     + "WHERE l.status <> 'SENT' GROUP BY l.status, r.status, d.state, d.error")) {
            while (rs.next()) {
                out.append("\n  ").append(rs.getString(1)).append(" / ").append(rs.getString(2)).append(" / ").append(rs.getString(3))
                        .append(" / ").append(rs.getString(4)).append(": ").append(rs.getInt(5));
            }
        }
        return out.toString();
    }

    @Test
    void threeNodes_thousandLetters_withFaults_eachSentExactlyOnce(TestPki pki) throws Exception {
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        try (EDeliverySimulator edelivery = EDeliverySimulator.start(pki);
             EpuapSimulator epuap = EpuapSimulator.start(pki)) {
            Nip officeNip = TestData.nip(526025027);
            edelivery.registerSystem(OURS, "EZD", pki.seal().certificate())
                    .addAddress(BaeEntry.publicBody(OFFICE, "Urząd Skarbowy Testowo", officeNip, "Radom"));
            Properties config = CrashTest.config(dir, Stores.POSTGRESQL, pki, edelivery, epuap);
            Correspondence window = Correspondence.builder().store(CorrespondenceStore.open(config.getProperty("store"),
                    config.getProperty("storeUser"), "", Path.of(config.getProperty("content")))).build();
            for (int i = 0; i < LETTERS; i++) {
                window.submit(OutgoingLetter.builder().to(i % 2 == 0 ? Addressee.of(OFFICE) : Addressee.of(officeNip))
                        .subject("Pismo " + i).idempotencyKey("many-" + i).build());
            }
            Path file = dir.resolve("worker.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "many nodes");
            }
            AtomicInteger injected = new AtomicInteger();
            faults.scheduleAtFixedRate(() -> {
                int n = injected.incrementAndGet();
                if (n % 2 == 0) {
                    edelivery.injectAfterSend(Mishap.dropConnection()); // the letter goes, its answer does not
                } else {
                    edelivery.inject(Mishap.status(503));                // refused before anything happens
                }
            }, 100, 300, TimeUnit.MILLISECONDS);

            List<CrashTest.Worker> nodes = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                nodes.add(CrashTest.Worker.start(file, null));
            }
            long started = System.nanoTime();
            boolean allDone = true;
            for (CrashTest.Worker node : nodes) {
                allDone &= node.awaitLine("OKIENKO-WORKER-DONE", 600);
            }
            assertThat(allDone).as("every node finished; letters left: " + states(window)).isTrue();
            System.out.printf("%d letters sent by %d nodes in %d ms, %d faults injected%n", LETTERS, NODES,
                    (System.nanoTime() - started) / 1_000_000, injected.get());
            faults.shutdownNow();

            assertThat(injected.get()).as("faults injected").isGreaterThan(10);
            assertThat(edelivery.receivedCount(OFFICE)).as("letters the office received").isEqualTo(LETTERS);
            try (Connection c = window.store().dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT message_id) FROM okienko_recipient "
                         + "WHERE status = 'SENT' AND message_id IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).as("letters sent with a message id").isEqualTo(LETTERS);
                assertThat(rs.getInt(2)).as("distinct message ids").isEqualTo(LETTERS);
            }
            assertThat(window.needingAttention(10)).isEmpty();
            for (CrashTest.Worker node : nodes) {
                assertThat(node.output()).contains("OKIENKO-WORKER-DONE");
            }
            window.store().close();
        } finally {
            faults.shutdownNow();
        }
    }
}
