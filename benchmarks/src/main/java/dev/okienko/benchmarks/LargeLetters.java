package dev.okienko.benchmarks;

import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends letters with large attachments through the embedded e-Doręczenia and prints the time and the peak
 * heap of the sending side: run it with a small {@code -Xmx} to show that the client streams. The simulator
 * runs in a process of its own (it keeps what it receives in memory), so the figures are the client's alone.
 * {@code java -Xmx64m -cp benchmarks.jar dev.okienko.benchmarks.LargeLetters 14 200} sends a 14 MB attachment
 * inline and a 200 MB one through a draft and the multipart upload.
 */
public final class LargeLetters {
    private static final Ade OURS = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade THEIRS = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final char[] PASSWORD = "benchmark".toCharArray();

    private LargeLetters() {
    }

    /**
     * @param args the inline attachment's size in MB (at most 14) and the drafted one's (at most 250); or
     *     {@code simulator DIR} in the simulator's own process
     * @throws Exception when the simulator cannot be started or a letter cannot be sent
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("simulator")) {
            simulator(Path.of(args[1]));
            return;
        }
        long inlineMb = args.length > 0 ? Long.parseLong(args[0]) : 14;
        long draftMb = args.length > 1 ? Long.parseLong(args[1]) : 200;
        Path dir = Files.createTempDirectory("okienko-letters");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), LargeLetters.class.getName(), "simulator", dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            URI token = URI.create(expect(lines, "TOKEN "));
            URI ua = URI.create(expect(lines, "UA "));
            Environment environment = Environment.builder("simulator").endpoint(Environment.Service.EDELIVERY_TOKEN, token)
                    .endpoint(Environment.Service.EDELIVERY_MAILBOX, ua).build();
            SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(environment)
                    .credentials(SystemCredentials.fromPkcs12(dir.resolve("system.p12"), PASSWORD)).system(OURS, "EZD").build();
            Mailbox mailbox = Mailbox.builder().environment(environment).tokens(tokens).address(OURS)
                    .pollInterval(Duration.ofMillis(50)).build();
            tokens.token();
            send(mailbox, dir, "inline", inlineMb);
            send(mailbox, dir, "draft + multipart upload", draftMb);
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            LargeFiles.deleteFolder(dir);
        }
    }

    private static void send(Mailbox mailbox, Path dir, String route, long megabytes) throws IOException {
        Path file = dir.resolve(megabytes + "mb.bin");
        LargeFiles.writeRandom(file, megabytes * 1024 * 1024);
        Letter letter = Letter.builder().to(THEIRS).subject("Benchmark " + megabytes + " MB").text("Akta.")
                .attach(file, "application/octet-stream").build();
        LargeFiles.resetPeaks();
        long start = System.nanoTime();
        SendReport report = mailbox.await(mailbox.send(letter), Duration.ofMinutes(5));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s, %d MB attachment (max heap %d MB): sent and delivered in %d ms, peak heap %d MB, %s%n",
                route, megabytes, Runtime.getRuntime().maxMemory() >> 20, millis, LargeFiles.peakHeap() >> 20,
                report.allAccepted() ? "accepted" : "NOT accepted: " + report.recipients());
        Files.delete(file);
    }

    private static String expect(BufferedReader lines, String prefix) throws IOException {
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IOException("the simulator process ended before saying " + prefix.trim());
    }

    /** The simulator's process: starts it, says where it is, and runs until its standard input closes. */
    private static void simulator(Path dir) throws IOException {
        try (TestPki pki = TestPki.start();
             EDeliverySimulator edelivery = EDeliverySimulator.start(pki).taskDelay(Duration.ofMillis(10))) {
            edelivery.registerSystem(OURS, "EZD", pki.seal().certificate())
                    .registerSystem(THEIRS, "EZD", pki.issueSeal("Urząd Testowy", TestData.nip(526025027)).certificate());
            pki.seal().writePkcs12(dir.resolve("system.p12"), PASSWORD);
            System.out.println("TOKEN " + edelivery.tokenEndpoint());
            System.out.println("UA " + edelivery.mailboxUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the benchmark is done
            }
        }
    }
}
