package dev.okienko.examples;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Ade;
import dev.okienko.core.Nip;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.seeded.Simulation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code okienko simulate}: starts the test PKI, the embedded ePUAP and the embedded e-Doręczenia on loopback, writes
 * {@code simulator.json} describing them, and runs until stopped, for vendors and third-party clients to test
 * against.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Starts the test PKI, the embedded ePUAP and the embedded e-Doręczenia on 127.0.0.1 and runs until stopped (Ctrl+C).",
            "Writes DIR/simulator.json with the endpoints, certificates, registered system credentials and seeded addresses."})
final class SimulateCommand implements Callable<Integer> {
    /** The system the simulator registers; it owns {@link #OWN_BOX}. */
    static final String SYSTEM_ENTITY = Simulation.SYSTEM_ENTITY;
    static final EpuapAddress OWN_BOX = Simulation.OWN_BOX;
    static final EpuapAddress OTHER_BOX = Simulation.OTHER_BOX;
    /** The e-Delivery address of the registered system's office. */
    static final Ade OWN_ADE = Simulation.OWN_ADE;
    /** A public body's address in the simulated BAE. */
    static final Ade OFFICE_ADE = Simulation.OFFICE_ADE;
    static final Nip OFFICE_NIP = Simulation.OFFICE_NIP;
    /** A person's address in the simulated BAE. */
    static final Ade PERSON_ADE = Simulation.PERSON_ADE;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", description = "where to write simulator.json and the key files (default: ./okienko-simulator)")
    private Path dir = Path.of("okienko-simulator");

    @Option(names = "--contracts", description = "the folder with the official ePUAP WSDL files, served at ?wsdl"
            + " (default: ../shared/specs/epuap/wsdl when it exists)")
    private @Nullable Path contracts;

    @Option(names = "--keep-inboxes", description = "keep the ePUAP inboxes on disk in DIR/epuap-inboxes, so that"
            + " documents not yet confirmed are still there after a restart (default: in memory)")
    private boolean keepInboxes;

    @Option(names = "--edelivery-mutual-tls", description = "serve e-Doręczenia over HTTPS with mutual TLS: the server's"
            + " certificate chains to pki-root.pem, clients present the system's certificate, tokens are bound to it")
    private boolean edeliveryMutualTls;

    @Option(names = "--duration", description = "stop after this long, e.g. PT10M (default: until stopped)")
    private @Nullable Duration duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = dir.toAbsolutePath();
        Files.createDirectories(folder);
        // an earlier run's file points at servers that are gone: commands waiting for this run must not read it
        Files.deleteIfExists(folder.resolve("simulator.json"));
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "okienko-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Path wsdl = contracts != null ? contracts : findContracts();
        Simulation.Builder settings = Simulation.builder();
        if (keepInboxes) {
            settings.keepInboxesIn(folder.resolve("epuap-inboxes"));
        }
        if (edeliveryMutualTls) {
            settings.edeliveryMutualTls();
        }
        if (wsdl != null) {
            settings.serveContracts(wsdl);
        }
        try (Simulation simulation = settings.start()) {
            Path file = simulation.describe(folder);
            EDeliverySimulator edelivery = simulation.edelivery();
            EpuapSimulator epuap = simulation.epuap();
            Path root = folder.resolve("pki-root.pem");
            Map<String, String> services = new LinkedHashMap<>();
            for (EpuapSimulator.Service service : EpuapSimulator.Service.values()) {
                services.put(service.wsdlName(), epuap.endpoint(service).toString());
            }
            String seUrl = edelivery.environment().requireEndpoint(dev.okienko.core.Environment.Service.EDELIVERY_SEARCH).toString();
            out.println("okienko simulator running on 127.0.0.1 (nothing leaves this machine)");
            services.forEach((k, v) -> out.printf("  ePUAP %-12s %s%n", k, v));
            out.println("  WSDL at ?wsdl    " + (wsdl == null ? "not served: pass --contracts DIR (the official ePUAP WSDL folder)"
                    : "from " + wsdl));
            out.println("  boxes            " + OWN_BOX + " (owned by the registered system " + SYSTEM_ENTITY + "), " + OTHER_BOX);
            out.println("  inboxes          " + (keepInboxes ? "on disk in " + folder.resolve("epuap-inboxes")
                    : "in memory (--keep-inboxes keeps them on disk)"));
            out.println("  e-Doręczenia     token " + edelivery.tokenEndpoint() + ", SE " + seUrl + ", UA " + edelivery.mailboxUrl());
            if (edeliveryMutualTls) {
                out.println("  mutual TLS       clients present system.p12; the server chains to " + root);
            }
            out.println("  mailboxes        " + OWN_ADE + " (system EZD, the PKCS#12 above), " + OFFICE_ADE + ", " + PERSON_ADE);
            out.println("  described in     " + file);
            out.println(duration == null ? "Stop with Ctrl+C." : "Stopping after " + duration + ".");
            out.flush();
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook has run
            }
        }
        out.println("okienko simulator stopped");
        out.flush();
        return 0;
    }

    /** {@code ../shared/specs/epuap/wsdl} from the working directory, or beside the checkout the jar was built in. */
    private static @Nullable Path findContracts() {
        List<Path> candidates = new java.util.ArrayList<>();
        candidates.add(Path.of("..", "shared", "specs", "epuap", "wsdl"));
        try {
            Path jar = Path.of(SimulateCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path checkout = jar.getParent() == null ? null : jar.getParent().getParent() == null ? null : jar.getParent().getParent().getParent();
            if (checkout != null) {
                candidates.add(checkout.resolveSibling("shared").resolve("specs/epuap/wsdl"));
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code source (e.g. a custom class loader): only the working directory is tried
        }
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
