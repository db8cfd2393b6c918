package dev.okienko.benchmarks;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Environment;
import dev.okienko.core.SystemCredentials;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.CorrespondenceStore;
import dev.okienko.correspondence.EDeliveryOpening;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.correspondence.IncomingItem;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one window's receiving: documents per second from arrival in the office's ePUAP boxes to stored, with
 * every XAdES signature verified, confirmed at ePUAP; with 1, 2 and 4 receivers (each a window of its own, as
 * nodes would be) sharing one store; and the receiving side's peak heap for one large document. The documents
 * wait in four boxes (a box is polled by one receiver at a time, so more receivers than boxes add nothing). The
 * embedded ePUAP runs in a process of its own, so the figures are the receivers' alone. The large attachment comes
 * through e-Doręczenia, whose attachments are downloaded as streams (an ePUAP pull carries its document inside
 * the SOAP answer, so an ePUAP document is in memory whole, by the protocol).
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.okienko.benchmarks.InboxThroughput                       # 10 KB and 1 MB, embedded
 * java -Xmx512m -cp benchmarks.jar dev.okienko.benchmarks.InboxThroughput --store jdbc:postgresql://127.0.0.1:5432/postgres \
 *     --user postgres --documents 400 --sizes 10,1024 --receivers 1,2,4
 * java -Xmx64m -cp benchmarks.jar dev.okienko.benchmarks.InboxThroughput --large 200  # an e-Doręczenia message, 200 MB attached
 * </pre>
 */
public final class InboxThroughput {
    private static final String ENTITY = "UrzadGminyTestowo";
    private static final List<EpuapAddress> BOXES = List.of(EpuapAddress.parse("/UrzadGminyTestowo/SkrytkaESP"),
            EpuapAddress.parse("/UrzadGminyTestowo/wnioski"), EpuapAddress.parse("/UrzadGminyTestowo/skargi"),
            EpuapAddress.parse("/UrzadGminyTestowo/faktury"));
    private static final char[] PASSWORD = "benchmark".toCharArray();
    private static final String PREFIX = "okienko_inbox";
    private static final Ade OFFICE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Ade SENDER = Ade.parse("AE:PL-98765-43210-SFVYC-19");

    private String store = "embedded";
    private String user = "postgres";
    private String password = "";
    private int documents = 400;
    private List<Integer> sizesKb = List.of(10, 1024);
    private List<Integer> receivers = List.of(1, 2, 4);
    private long largeMb;
    private @org.jspecify.annotations.Nullable ProcessHandle simulatorProcess;

    private InboxThroughput() {
    }

    /**
     * @param args see the class's description; or {@code simulator DIR} in the simulator's own process
     * @throws Exception when the simulator cannot be started, or a document is not received
     */
    public static void main(String[] args) throws Exception {
        // DSS reports each validation at INFO; warnings still show
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        if (args.length == 2 && args[0].equals("simulator")) {
            simulator(Path.of(args[1]));
            return;
        }
        InboxThroughput run = new InboxThroughput();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--store" -> run.store = args[++i];
                case "--user" -> run.user = args[++i];
                case "--password-env" -> run.password = System.getenv(args[++i]);
                case "--documents" -> run.documents = Integer.parseInt(args[++i]);
                case "--sizes" -> run.sizesKb = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--receivers" -> run.receivers = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--large" -> run.largeMb = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run.run();
    }

    private record Simulator(URI base, X509Certificate server, X509Certificate root, Environment edelivery, BufferedReader lines,
                             PrintWriter commands) {
        /** Asks the simulator's process to put documents into the boxes, and waits until they are there. */
        void deposit(int count, long bytes) throws IOException {
            commands.println("DEPOSIT " + count + " " + bytes);
            commands.flush();
            WindowBench.expect(lines, "DEPOSITED");
        }

        /** Asks the simulator's process to send the office one e-Doręczenia message with an attachment that large. */
        void sendLarge(long bytes) throws IOException {
            commands.println("SEND " + bytes);
            commands.flush();
            WindowBench.expect(lines, "SENT");
        }
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("okienko-inbox");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g", "-cp",
                System.getProperty("java.class.path"), InboxThroughput.class.getName(), "simulator", dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        simulatorProcess = child.toHandle();
        PrintStream out = System.out;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Simulator sim = new Simulator(URI.create(WindowBench.expect(lines, "EPUAP ")), WindowBench.certificate(WindowBench.expect(lines, "SERVER ")),
                    WindowBench.certificate(WindowBench.expect(lines, "ROOT ")), Environment.builder("simulator")
                    .endpoint(Environment.Service.EDELIVERY_TOKEN, URI.create(WindowBench.expect(lines, "TOKEN ")))
                    .endpoint(Environment.Service.EDELIVERY_SEARCH, URI.create(WindowBench.expect(lines, "SE ")))
                    .endpoint(Environment.Service.EDELIVERY_MAILBOX, URI.create(WindowBench.expect(lines, "UA "))).build(), lines,
                    new PrintWriter(new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)));
            out.printf("okienko inbox throughput: store %s, %s; Java %s, %d processors, max heap %d MB%n",
                    store.startsWith("jdbc:") ? store : "embedded (H2 in a folder)", largeMb > 0
                            ? "one e-Doręczenia message with a " + largeMb + " MB attachment, opened at once"
                            : documents + " documents of " + sizesKb + " KB in " + BOXES.size() + " ePUAP boxes, each XAdES-signed and verified",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            if (largeMb > 0) {
                large(dir, sim);
            } else {
                // warming up (the JIT, the simulator, the database), so that the first measured run is not the coldest
                measure(dir, sim, 2, Math.min(documents, 200), 10 * 1024, false);
                for (int kb : sizesKb) {
                    for (int n : receivers) {
                        measure(dir, sim, n, documents, kb * 1024L, true);
                    }
                }
            }
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            WindowBench.deleteTree(dir);
        }
    }

    private Correspondence window(CorrespondenceStore target, Simulator sim, Path dir, String node) {
        EpuapClient client = EpuapClient.builder().environment(Environment.custom(sim.base()))
                .credentials(SystemCredentials.fromPkcs12(dir.resolve("system.p12"), PASSWORD)).serverCertificate(sim.server()).build();
        return Correspondence.builder().store(target).node(node).receiveEpuap(client, ENTITY, BOXES.toArray(EpuapAddress[]::new))
                .verifySignatures(SignatureVerifier.builder().trust(TrustConfiguration.anchors(sim.root())).build()).build();
    }

    private void measure(Path dir, Simulator sim, int count, int documentCount, long bytes, boolean report) throws Exception {
        sim.deposit(documentCount, bytes);
        Path folder = Files.createTempDirectory(dir, "store");
        try (CorrespondenceStore target = WindowBench.openStore(store, user, password, folder, PREFIX)) {
            List<Correspondence> windows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                windows.add(window(target, sim, dir, "receiver-" + i));
            }
            LargeFiles.resetPeaks();
            Duration simCpu = WindowBench.cpu(simulatorProcess);
            long ownCpu = WindowBench.ownCpuNanos();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (Correspondence w : windows) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        if (w.receiveOnce() == 0) {
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }, "receiver");
                t.start();
                threads.add(t);
            }
            while (stored(target) < documentCount) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            double ownCpuSeconds = (WindowBench.ownCpuNanos() - ownCpu) / 1e9;
            double simCpuSeconds = WindowBench.cpu(simulatorProcess).minus(simCpu).toMillis() / 1e3;
            if (report) {
                List<IncomingItem> sample = windows.get(0).incomingItems(documentCount);
                long valid = sample.stream().filter(i -> i.signatures().verdict().equals("VALID") && i.confirmedAt() != null).count();
                System.out.printf("%d KB, %d receiver%s: %d documents stored, verified and confirmed in %.2f s: %.1f documents/s "
                                + "(%s); peak heap %d MB; CPU: receivers %.1f s (%.0f ms a document), the simulator's %.1f s%n",
                        bytes / 1024, count, count == 1 ? "" : "s", documentCount, seconds, documentCount / seconds,
                        valid == documentCount ? "each VALID and confirmed, none twice" : "ONLY " + valid + " VALID AND CONFIRMED",
                        LargeFiles.peakHeap() >> 20, ownCpuSeconds, ownCpuSeconds * 1000 / documentCount, simCpuSeconds);
            }
        }
    }

    private void large(Path dir, Simulator sim) throws Exception {
        sim.sendLarge(largeMb * 1024 * 1024);
        try (CorrespondenceStore target = WindowBench.openStore(store, user, password, Files.createTempDirectory(dir, "store"), PREFIX)) {
            Mailbox office = Mailbox.builder().environment(sim.edelivery()).address(OFFICE).tokens(SignedJwtTokenProvider.builder()
                    .environment(sim.edelivery()).credentials(SystemCredentials.fromPkcs12(dir.resolve("office.p12"), PASSWORD))
                    .system(OFFICE, "EZD").build()).build();
            Correspondence window = Correspondence.builder().store(target).receiveEdelivery(office, EDeliveryOpening.AT_ONCE)
                    .verifySignatures(SignatureVerifier.builder().trust(TrustConfiguration.anchors(sim.root())).build()).build();
            System.gc();
            LargeFiles.resetPeaks();
            long start = System.nanoTime();
            int n = window.receiveOnce();
            long ms = (System.nanoTime() - start) / 1_000_000;
            IncomingItem item = window.incomingItems(1).get(0);
            System.out.printf("one e-Doręczenia message with a %d MB attachment (max heap %d MB): %d opened, its attachment "
                            + "downloaded, checked against its declared size and hash, stored (%d bytes) and looked at by the verifier "
                            + "(%s) in %d ms; peak heap %d MB%n", largeMb, Runtime.getRuntime().maxMemory() >> 20, n,
                    item.parts().get(0).size(), item.parts().get(0).signatures().verdict(), ms, LargeFiles.peakHeap() >> 20);
        }
    }

    private static long stored(CorrespondenceStore target) throws SQLException {
        try (Connection c = target.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM okienko_incoming WHERE confirmed_at IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The simulator's process: starts ePUAP, says where it is, and deposits documents when asked, until its input closes. */
    private static void simulator(Path dir) throws Exception {
        try (TestPki pki = TestPki.start(); EpuapSimulator epuap = EpuapSimulator.start(pki);
             EDeliverySimulator edelivery = EDeliverySimulator.start(pki)) {
            TestIdentity office = pki.issueSeal("Urząd Gminy Testowo", TestData.nip(526025027));
            edelivery.registerSystem(OFFICE, "EZD", office.certificate()).registerSystem(SENDER, "ERP", pki.seal().certificate());
            office.writePkcs12(dir.resolve("office.p12"), PASSWORD);
            Mailbox sender = Mailbox.builder().environment(edelivery.environment()).address(SENDER).pollInterval(Duration.ofMillis(50))
                    .tokens(SignedJwtTokenProvider.builder().environment(edelivery.environment())
                            .credentials(pki.seal().toSystemCredentials()).system(SENDER, "ERP").build()).build();
            for (EpuapAddress box : BOXES) {
                epuap.createInbox(box);
            }
            epuap.registerSystem(pki.seal().certificate());
            pki.seal().writePkcs12(dir.resolve("system.p12"), PASSWORD);
            System.out.println("EPUAP " + epuap.endpoint(EpuapSimulator.Service.SKRYTKA).resolve("/"));
            System.out.println("SERVER " + Base64.getEncoder().encodeToString(pki.epuapServer().certificate().getEncoded()));
            System.out.println("ROOT " + Base64.getEncoder().encodeToString(pki.rootCertificate().getEncoded()));
            System.out.println("TOKEN " + edelivery.tokenEndpoint());
            System.out.println("SE " + edelivery.environment().requireEndpoint(Environment.Service.EDELIVERY_SEARCH));
            System.out.println("UA " + edelivery.mailboxUrl());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int serial = 0;
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.split(" ");
                if (words[0].equals("SEND")) {
                    Path file = dir.resolve("akta.bin");
                    LargeFiles.writeRandom(file, Long.parseLong(words[1]));
                    sender.await(sender.send(Letter.builder().to(OFFICE).subject("Akta sprawy").text("W załączeniu akta.")
                            .attach(file, "application/octet-stream").build()), Duration.ofMinutes(10));
                    Files.delete(file);
                    System.out.println("SENT");
                    System.out.flush();
                    continue;
                }
                int count = Integer.parseInt(words[1]);
                long bytes = Long.parseLong(words[2]);
                for (int i = 0; i < count; i++, serial++) {
                    byte[] signed = TestXadesSigner.signEnveloped(pismo(serial, bytes), pki.seal());
                    epuap.deposit(BOXES.get(serial % BOXES.size()), "Nadawca" + serial, EpuapAddress.parse("/Nadawca" + serial + "/skrytka"),
                            "pismo-" + serial + ".xml", "text/xml", signed);
                }
                System.out.println("DEPOSITED");
                System.out.flush();
            }
        }
    }

    /** A letter of about that many bytes, different for each serial number. */
    private static byte[] pismo(int serial, long bytes) {
        StringBuilder text = new StringBuilder((int) Math.min(bytes + 200, Integer.MAX_VALUE - 8));
        text.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Pismo xmlns=\"urn:okienko:benchmark\"><Numer>").append(serial)
                .append("</Numer><Tresc>");
        String line = "Wnoszę o wydanie zaświadczenia o niezaleganiu w podatkach, pismo " + serial + ". ";
        while (text.length() < bytes) {
            text.append(line);
        }
        return text.append("</Tresc></Pismo>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
