package dev.okienko.correspondence;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Environment;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.document.Party;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

/**
 * A worker process for the crash tests: reads where the simulators and the store are from a properties file,
 * and works until no letter is left unsent (or until it is killed at its crash point, -Dokienko.crashAt).
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** @param args the properties file */
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            p.load(in);
        }
        SystemCredentials credentials = SystemCredentials.fromPkcs12(Path.of(p.getProperty("p12")),
                p.getProperty("password").toCharArray());
        Ade ours = Ade.parse(p.getProperty("ade"));
        Environment edelivery = Environment.builder("simulator")
                .endpoint(Environment.Service.EDELIVERY_TOKEN, URI.create(p.getProperty("tokenUrl")))
                .endpoint(Environment.Service.EDELIVERY_SEARCH, URI.create(p.getProperty("seUrl")))
                .endpoint(Environment.Service.EDELIVERY_MAILBOX, URI.create(p.getProperty("uaUrl"))).build();
        SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(edelivery).credentials(credentials)
                .system(ours, "EZD").build();
        Mailbox mailbox = Mailbox.builder().environment(edelivery).tokens(tokens).address(ours)
                .pollInterval(Duration.ofMillis(50)).reconcileWindow(Duration.ofSeconds(2)).build();
        AddressBook bae = AddressBook.builder().environment(edelivery).tokens(tokens).sender(ours).build();
        EpuapClient epuap = EpuapClient.builder().environment(Environment.custom(URI.create(p.getProperty("epuapBase"))))
                .credentials(credentials).serverCertificate(pem(p.getProperty("epuapServer"))).build();
        SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pem(p.getProperty("root")))).build();
        String store = p.getProperty("store");
        CorrespondenceStore s = CorrespondenceStore.open(store, p.getProperty("storeUser"), p.getProperty("storePassword", ""),
                Path.of(p.getProperty("content")));
        Correspondence window = Correspondence.builder().store(s).node("worker-" + ProcessHandle.current().pid())
                .edelivery(mailbox, bae)
                .epuap(epuap, EpuapAddress.parse(p.getProperty("replyTo")), Party.institution("Urząd Gminy Testowo", null))
                .trust(verifier, pem(p.getProperty("evidenceCertificate")), pem(p.getProperty("epuapServer")))
                .timing(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(100))
                .build();
        if ("receive".equals(p.getProperty("mode"))) {
            receive(p, s, epuap, mailbox, verifier);
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        int rounds = 0;
        while (System.nanoTime() < deadline) {
            int n = window.workOnce();
            rounds += n;
            if (!window.hasUnsentLetters()) {
                System.err.println("OKIENKO-WORKER-DONE after " + rounds + " rounds");
                System.exit(0);
            }
            if (n == 0) {
                Thread.sleep(100);
            }
        }
        System.err.println("OKIENKO-WORKER-TIMEOUT " + Arrays.toString(args));
        System.exit(3);
    }

    /**
     * Receives from the office's box until it is empty and every stored item is handled; the handler appends each
     * item's id to the file {@code seen} (and, at -Dokienko.crashAt=incoming-in-handler, waits to be killed there).
     */
    private static void receive(Properties p, CorrespondenceStore store, EpuapClient epuap, Mailbox mailbox, SignatureVerifier verifier)
            throws Exception {
        int messages = Integer.parseInt(p.getProperty("edeliveryMessages", "0"));
        Path seen = Path.of(p.getProperty("seen"));
        EpuapAddress box = EpuapAddress.parse(p.getProperty("box"));
        String entity = p.getProperty("entity");
        Correspondence.Builder b = Correspondence.builder().store(store).node("receiver-" + ProcessHandle.current().pid());
        if (messages > 0) {
            b.receiveEdelivery(mailbox, EDeliveryOpening.AT_ONCE);
        }
        Correspondence window = b
                .receiveEpuap(epuap, entity, box)
                .trust(verifier, pem(p.getProperty("epuapServer")), pem(p.getProperty("epuapServer")))
                .timing(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(100))
                .incoming(item -> {
                    Files.writeString(seen, item.id() + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.SYNC);
                    if ("incoming-in-handler".equals(System.getProperty("okienko.crashAt"))) {
                        System.err.println("OKIENKO-CRASH-POINT incoming-in-handler");
                        System.err.flush();
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }, 5, Duration.ofMillis(200))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (System.nanoTime() < deadline) {
            window.receiveOnce();
            window.handleIncomingOnce();
            java.util.List<IncomingItem> items = window.incomingItems(100_000);
            boolean pending = items.stream().anyMatch(i -> i.handling() == IncomingItem.Handling.PENDING);
            long received = items.stream().filter(i -> i.channel() == Channel.EDELIVERY).count();
            if (!pending && received >= messages && epuap.inbox(entity, box).pending() == 0) {
                System.err.println("OKIENKO-RECEIVER-DONE");
                System.exit(0);
            }
            Thread.sleep(100);
        }
        System.err.println("OKIENKO-WORKER-TIMEOUT receive");
        System.exit(3);
    }

    private static X509Certificate pem(String file) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
