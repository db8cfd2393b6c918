package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Nip;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real process kills: a worker JVM is killed (SIGKILL) at each dangerous point, a new one finishes the work,
 * and the embedded e-Doręczenia then holds exactly one message per letter, each with its receipts stored;
 * ePUAP, which cannot be asked whether a document arrived, holds at most one, and a letter whose sending
 * was cut off is shown to a person rather than sent again.
 */
@ExtendWith(TestPkiExtension.class)
class CrashTest {
    private static final Ade OURS = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade OFFICE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final EpuapAddress OUR_BOX = EpuapAddress.parse("/UrzadGminyTestowo/SkrytkaESP");
    private static final EpuapAddress THEIR_BOX = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final int LETTERS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} killed {1}")
    @CsvSource({
        "EMBEDDED, after-sending-stored",
        "EMBEDDED, after-request",
        "EMBEDDED, after-task",
        "POSTGRESQL, after-sending-stored",
        "POSTGRESQL, after-request",
        "POSTGRESQL, after-task"})
    void workerKilled_atADangerousPoint_anotherFinishes_andEveryLetterGoesOnce(Stores kind, String point, TestPki pki)
            throws Exception {
        try (EDeliverySimulator edelivery = EDeliverySimulator.start(pki);
             EpuapSimulator epuap = EpuapSimulator.start(pki).createInbox(THEIR_BOX).createInbox(OUR_BOX)) {
            Nip officeNip = TestData.nip(526025027);
            edelivery.registerSystem(OURS, "EZD", pki.seal().certificate())
                    .addAddress(BaeEntry.publicBody(OFFICE, "Urząd Skarbowy Testowo", officeNip, "Radom"));
            epuap.registerSystem(pki.seal().certificate());
            Properties config = config(dir, kind, pki, edelivery, epuap);
            Correspondence window = Correspondence.builder().store(CorrespondenceStore.open(config.getProperty("store"),
                    config.getProperty("storeUser"), config.getProperty("storePassword", ""), Path.of(config.getProperty("content"))))
                    .build();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < LETTERS; i++) {
                ids.add(window.submit(OutgoingLetter.builder().to(Addressee.of(OFFICE)).subject("Pismo " + i).text("Treść " + i)
                        .idempotencyKey("crash-" + i).build()).letterId());
            }
            String toEpuap = window.submit(OutgoingLetter.builder().to(Addressee.of(THEIR_BOX)).subject("Pismo ePUAP")
                    .idempotencyKey("crash-epuap").build()).letterId();
            Path file = dir.resolve("worker.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "crash test worker");
            }

            Worker killed = Worker.start(file, point);
            assertThat(killed.awaitLine("OKIENKO-CRASH-POINT " + point, 90)).as("the worker reached " + point).isTrue();
            killed.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, nothing flushed

            Worker finisher = Worker.start(file, null);
            assertThat(finisher.awaitLine("OKIENKO-WORKER-DONE", 120)).as("a new worker finished the work: " + finisher.output())
                    .isTrue();
            assertThat(finisher.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(edelivery.receivedCount(OFFICE)).as("e-Doręczenia holds one message per letter").isEqualTo(LETTERS);
            for (String id : ids) {
                LetterView view = window.letter(id).orElseThrow();
                assertThat(view.recipients().get(0).status()).as(id).isEqualTo(LetterStatus.SENT);
                assertThat(view.recipients().get(0).messageId()).isNotBlank();
                assertThat(OneWindowTest.receipts(window, id)).as("receipts of " + id).contains("A.1 GENUINE", "D.1 GENUINE");
            }
            LetterView epuapLetter = window.letter(toEpuap).orElseThrow();
            int documents = epuap.inbox(THEIR_BOX).size();
            assertThat(documents).as("ePUAP never holds it twice").isLessThanOrEqualTo(1);
            if (epuapLetter.recipients().get(0).status() == LetterStatus.DELIVERED) {
                assertThat(documents).isEqualTo(1);
            } else {
                // the kill cut the sending short: ePUAP cannot be asked, so a person settles it
                assertThat(epuapLetter.recipients().get(0).status()).as(epuapLetter.timeline().toString())
                        .isEqualTo(LetterStatus.OUTCOME_UNKNOWN);
                assertThat(window.needingAttention(10)).extracting(LetterView::id).contains(toEpuap);
            }
            window.store().close();
        }
    }

    /** Where the simulators and the store are, for a worker JVM. */
    static Properties config(Path dir, Stores kind, TestPki pki, EDeliverySimulator edelivery, EpuapSimulator epuap) throws Exception {
        Properties p = new Properties();
        String password = "crash-test";
        p.setProperty("p12", pki.seal().writePkcs12(dir.resolve("system.p12"), password.toCharArray()).toString());
        p.setProperty("password", password);
        p.setProperty("ade", OURS.value());
        p.setProperty("tokenUrl", edelivery.tokenEndpoint().toString());
        p.setProperty("seUrl", edelivery.environment().requireEndpoint(dev.okienko.core.Environment.Service.EDELIVERY_SEARCH).toString());
        p.setProperty("uaUrl", edelivery.environment().requireEndpoint(dev.okienko.core.Environment.Service.EDELIVERY_MAILBOX).toString());
        p.setProperty("epuapBase", epuap.endpoint(EpuapSimulator.Service.SKRYTKA).resolve("/").toString());
        p.setProperty("epuapServer", pem(dir.resolve("epuap.pem"), pki.epuapServer().certificate()));
        p.setProperty("evidenceCertificate", pem(dir.resolve("evidence.pem"), edelivery.evidenceCertificate()));
        p.setProperty("root", pem(dir.resolve("root.pem"), pki.rootCertificate()));
        p.setProperty("replyTo", OUR_BOX.value());
        p.setProperty("content", dir.resolve("content").toString());
        if (kind == Stores.EMBEDDED) {
            p.setProperty("store", dir.resolve("store").toString());
        } else {
            LocalPostgres pg = LocalPostgres.shared();
            String db = pg.newDatabaseName();
            p.setProperty("store", pg.url(db));
            p.setProperty("storeUser", pg.user());
        }
        return p;
    }

    private static String pem(Path file, java.security.cert.X509Certificate certificate) throws Exception {
        Files.writeString(file, TestPki.toPem(certificate));
        return file.toString();
    }


    /** A worker JVM, its standard error collected line by line. */
    record Worker(Process process, List<String> lines) {
        static Worker start(Path config, String crashAt) throws Exception {
            Set<String> path = new LinkedHashSet<>();
            path.add(Path.of("target", "test-classes").toAbsolutePath().toString());
            path.add(Path.of("target", "classes").toAbsolutePath().toString());
            for (String property : List.of("jdk.module.path", "java.class.path")) {
                String value = System.getProperty(property);
                if (value != null && !value.isEmpty()) {
                    path.addAll(List.of(value.split(File.pathSeparator)));
                }
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", String.join(File.pathSeparator, path)));
            if (crashAt != null) {
                command.add("-Dokienko.crashAt=" + crashAt);
            }
            command.add(WorkerMain.class.getName());
            command.add(config.toString());
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture.runAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    lines.add("(reading failed: " + e + ")");
                }
            });
            return new Worker(process, lines);
        }

        boolean awaitLine(String line, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(l -> l.contains(line))) {
                        return true;
                    }
                }
                if (!process.isAlive() && !lines.isEmpty()) {
                    Thread.sleep(200);
                    synchronized (lines) {
                        return lines.stream().anyMatch(l -> l.contains(line));
                    }
                }
                Thread.sleep(50);
            }
            return false;
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
