package dev.okienko.benchmarks;

import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.core.SystemCredentials;
import dev.okienko.correspondence.Addressee;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.CorrespondenceStore;
import dev.okienko.correspondence.LetterStatus;
import dev.okienko.correspondence.OutgoingAttachment;
import dev.okienko.correspondence.OutgoingLetter;
import dev.okienko.correspondence.Receipt;
import dev.okienko.correspondence.ReceiptVerdict;
import dev.okienko.correspondence.Workers;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one window's throughput: letters per second from submission to stored evidences (A.1 and D.1, each
 * checked), with 1, 2 and 4 worker threads, on the embedded store or on PostgreSQL; and the sending side's peak
 * heap for a letter with a large attachment. The embedded e-Doręczenia runs in a process of its own, so the
 * figures are the window's (and its clients') alone.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.okienko.benchmarks.OutboxThroughput                 # embedded, 500 letters
 * java -Xmx512m -cp benchmarks.jar dev.okienko.benchmarks.OutboxThroughput --store jdbc:postgresql://127.0.0.1:5432/postgres \
 *     --user postgres --letters 500 --workers 1,2,4,8 [--no-checks] [--task-delay MS]
 * java -Xmx64m -cp benchmarks.jar dev.okienko.benchmarks.OutboxThroughput --large 100      # one 100 MB attachment
 * </pre>
 *
 * <p>For PostgreSQL the URL names a database the user may create databases from: each run gets a fresh database
 * of its own. {@code --no-checks} stores evidences without checking their signatures, to show what the checks
 * cost; {@code --task-delay} sets how long the simulator takes to finish a sending task (150 ms by default, as the
 * simulator's own default).
 */
public final class OutboxThroughput {
    private static final Ade OURS = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade THEIRS = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final char[] PASSWORD = "benchmark".toCharArray();
    private static final String PREFIX = "okienko_bench";

    private String store = "embedded";
    private String user = "postgres";
    private String password = "";
    private int letters = 500;
    private List<Integer> workers = List.of(1, 2, 4);
    private boolean checks = true;
    private long largeMb;
    private long taskDelayMs = 150;
    private @org.jspecify.annotations.Nullable ProcessHandle simulatorProcess;

    private OutboxThroughput() {
    }

    /**
     * @param args see the class's description; or {@code simulator DIR} in the simulator's own process
     * @throws Exception when the simulator cannot be started, or a letter is not sent
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("simulator")) {
            simulator(Path.of(args[1]), Duration.ofMillis(Long.parseLong(args[2])));
            return;
        }
        OutboxThroughput run = new OutboxThroughput();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--store" -> run.store = args[++i];
                case "--user" -> run.user = args[++i];
                case "--password-env" -> run.password = System.getenv(args[++i]);
                case "--letters" -> run.letters = Integer.parseInt(args[++i]);
                case "--workers" -> run.workers = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--no-checks" -> run.checks = false;
                case "--large" -> run.largeMb = Long.parseLong(args[++i]);
                case "--task-delay" -> run.taskDelayMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run.run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("okienko-outbox");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), OutboxThroughput.class.getName(), "simulator", dir.toString(),
                String.valueOf(taskDelayMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PrintStream out = System.out;
        simulatorProcess = child.toHandle();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Simulator sim = new Simulator(URI.create(WindowBench.expect(lines, "TOKEN ")), URI.create(WindowBench.expect(lines, "SE ")),
                    URI.create(WindowBench.expect(lines, "UA ")), WindowBench.certificate(WindowBench.expect(lines, "ROOT ")),
                    WindowBench.certificate(WindowBench.expect(lines, "EVIDENCES ")));
            out.printf("okienko outbox throughput: store %s, %s, evidences %s, the simulator finishes a task after %d ms; "
                            + "Java %s, %d processors, max heap %d MB%n",
                    store.startsWith("jdbc:") ? store : "embedded (H2 in a folder)", largeMb > 0 ? "one letter of " + largeMb + " MB"
                            : letters + " letters of 1 recipient with a 10 KB attachment", checks ? "checked" : "not checked",
                    taskDelayMs, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            int sent = 0;
            if (largeMb > 0) {
                large(dir, sim);
                sent = 1;
            } else {
                Path attachment = dir.resolve("zalacznik.bin");
                LargeFiles.writeRandom(attachment, 10 * 1024);
                // warming up (the JIT, the simulator, the database), so that the first measured run is not the coldest
                measure(dir, sim, attachment, 2, Math.min(letters, 200), false);
                sent += Math.min(letters, 200);
                for (int n : workers) {
                    measure(dir, sim, attachment, n, letters, true);
                    sent += letters;
                }
            }
            child.getOutputStream().close();
            String received = WindowBench.expect(lines, "RECEIVED ");
            out.printf("the simulator received %s messages; %d letters were submitted%s%n", received, sent,
                    Integer.parseInt(received) == sent ? " (each sent exactly once)" : " (NOT ONE EACH)");
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            WindowBench.deleteTree(dir);
        }
    }

    private record Simulator(URI token, URI se, URI ua, X509Certificate root, X509Certificate evidences) {
    }

    private Correspondence window(CorrespondenceStore target, Simulator sim, Path dir) {
        Environment environment = Environment.builder("simulator").endpoint(Environment.Service.EDELIVERY_TOKEN, sim.token())
                .endpoint(Environment.Service.EDELIVERY_SEARCH, sim.se()).endpoint(Environment.Service.EDELIVERY_MAILBOX, sim.ua()).build();
        SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(environment)
                .credentials(SystemCredentials.fromPkcs12(dir.resolve("system.p12"), PASSWORD)).system(OURS, "EZD").build();
        Mailbox mailbox = Mailbox.builder().environment(environment).tokens(tokens).address(OURS).pollInterval(Duration.ofMillis(20))
                .build();
        AddressBook bae = AddressBook.builder().environment(environment).tokens(tokens).sender(OURS).build();
        Correspondence.Builder b = Correspondence.builder().store(target).edelivery(mailbox, bae)
                // receipts are collected once, right after sending; later polls (for E.1) would be 10 minutes later
                .timing(Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(10));
        if (checks) {
            b.trust(SignatureVerifier.builder().trust(TrustConfiguration.anchors(sim.root())).build(), sim.evidences(), sim.evidences());
        }
        return b.build();
    }

    private void measure(Path dir, Simulator sim, Path attachment, int threads, int count, boolean report) throws Exception {
        Path folder = Files.createTempDirectory(dir, "store");
        try (CorrespondenceStore target = WindowBench.openStore(store, user, password, folder, PREFIX)) {
            Correspondence window = window(target, sim, dir);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.submit(OutgoingLetter.builder().to(Addressee.of(THEIRS)).subject("Pismo " + i).text("Treść pisma " + i)
                        .attach(OutgoingAttachment.of(attachment)).idempotencyKey("bench-" + threads + "-" + i).build());
            }
            double submitSeconds = (System.nanoTime() - start) / 1e9;
            LargeFiles.resetPeaks();
            Duration simCpu = WindowBench.cpu(simulatorProcess);
            long ownCpu = WindowBench.ownCpuNanos();
            start = System.nanoTime();
            try (Workers running = window.startWorkers(threads)) {
                while (evidences(target) < 2L * count) {
                    Thread.sleep(20);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double ownCpuSeconds = (WindowBench.ownCpuNanos() - ownCpu) / 1e9;
            double simCpuSeconds = WindowBench.cpu(simulatorProcess).minus(simCpu).toMillis() / 1e3;
            if (report) {
                long genuine = window.letters(LetterStatus.SENT, null, 1).stream()
                        .flatMap(l -> window.receipts(l.id()).stream()).map(Receipt::verdict)
                        .filter(v -> v == (checks ? ReceiptVerdict.GENUINE : ReceiptVerdict.NOT_CHECKED)).count();
                System.out.printf("%d worker thread%s: %d letters submitted in %.2f s (%.0f letters/s); sent with A.1 and D.1 "
                                + "stored in %.2f s: %.1f letters/s (a sample letter's receipts %s); peak heap %d MB; CPU used while "
                                + "sending: this process %.1f s (%.0f ms a letter), the simulator's %.1f s%n", threads,
                        threads == 1 ? "" : "s", count, submitSeconds, count / submitSeconds, seconds, count / seconds,
                        genuine == 2 ? (checks ? "GENUINE" : "NOT_CHECKED") : "NOT AS EXPECTED", LargeFiles.peakHeap() >> 20,
                        ownCpuSeconds, ownCpuSeconds * 1000 / count, simCpuSeconds);
            }
        }
    }

    private void large(Path dir, Simulator sim) throws Exception {
        Path file = dir.resolve(largeMb + "mb.bin");
        LargeFiles.writeRandom(file, largeMb * 1024 * 1024);
        try (CorrespondenceStore target = WindowBench.openStore(store, user, password, Files.createTempDirectory(dir, "store"), PREFIX)) {
            Correspondence window = window(target, sim, dir);
            LargeFiles.resetPeaks();
            long start = System.nanoTime();
            String id = window.submit(OutgoingLetter.builder().to(Addressee.of(THEIRS)).subject("Akta " + largeMb + " MB")
                    .text("Akta sprawy.").attach(OutgoingAttachment.of(file)).idempotencyKey("large").build()).letterId();
            long submitted = (System.nanoTime() - start) / 1_000_000;
            long submitPeak = LargeFiles.peakHeap();
            LargeFiles.resetPeaks();
            start = System.nanoTime();
            while (evidences(target) < 2) {
                window.workOnce();
                Thread.sleep(20);
            }
            long sent = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("one letter with a %d MB attachment (max heap %d MB): submitted (streamed into the content folder) "
                            + "in %d ms, peak heap %d MB; sent through a draft with A.1 and D.1 stored in %d ms, peak heap %d MB; "
                            + "status %s%n", largeMb, Runtime.getRuntime().maxMemory() >> 20, submitted, submitPeak >> 20, sent,
                    LargeFiles.peakHeap() >> 20, window.letter(id).orElseThrow().status());
        }
    }

    private static long evidences(CorrespondenceStore target) throws SQLException {
        try (Connection c = target.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM okienko_receipt")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The simulator's process: starts it, says where it is, and runs until its standard input closes. */
    private static void simulator(Path dir, Duration taskDelay) throws Exception {
        try (TestPki pki = TestPki.start(); EDeliverySimulator edelivery = EDeliverySimulator.start(pki).taskDelay(taskDelay)) {
            edelivery.registerSystem(OURS, "EZD", pki.seal().certificate())
                    .registerSystem(THEIRS, "EZD", pki.issueSeal("Urząd Testowy", TestData.nip(526025027)).certificate())
                    .addAddress(BaeEntry.publicBody(THEIRS, "Urząd Testowy", TestData.nip(526025027), "Radom"));
            pki.seal().writePkcs12(dir.resolve("system.p12"), PASSWORD);
            System.out.println("TOKEN " + edelivery.tokenEndpoint());
            System.out.println("SE " + edelivery.environment().requireEndpoint(Environment.Service.EDELIVERY_SEARCH));
            System.out.println("UA " + edelivery.mailboxUrl());
            System.out.println("ROOT " + Base64.getEncoder().encodeToString(pki.rootCertificate().getEncoded()));
            System.out.println("EVIDENCES " + Base64.getEncoder().encodeToString(edelivery.evidenceCertificate().getEncoded()));
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the benchmark is done
            }
            System.out.println("RECEIVED " + edelivery.receivedCount(THEIRS));
            System.out.flush();
        }
    }
}
