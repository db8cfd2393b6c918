package dev.okienko.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Ade;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
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
    static final String SYSTEM_ENTITY = "UrzadGminyTestowo";
    static final EpuapAddress OWN_BOX = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
    static final EpuapAddress OTHER_BOX = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    /** The e-Delivery address of the registered system's office. */
    static final Ade OWN_ADE = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    /** A public body's address in the simulated BAE. */
    static final Ade OFFICE_ADE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    static final Nip OFFICE_NIP = TestData.nip(526025027);
    /** A person's address in the simulated BAE. */
    static final Ade PERSON_ADE = Ade.parse("AE:PL-55754-97181-CHDVR-19");

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
        try (TestPki pki = TestPki.start();
             EpuapSimulator epuap = (keepInboxes ? EpuapSimulator.start(pki, folder.resolve("epuap-inboxes"))
                     : EpuapSimulator.start(pki)).createInbox(OWN_BOX).createInbox(OTHER_BOX);
             EDeliverySimulator edelivery = edeliveryMutualTls ? EDeliverySimulator.startMutualTls(pki, Clock.systemUTC())
                     : EDeliverySimulator.start(pki)) {
            epuap.registerSystem(pki.seal().certificate());
            Path wsdl = contracts != null ? contracts : findContracts();
            if (wsdl != null) {
                epuap.serveContracts(wsdl);
            }
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Path p12 = pki.seal().writePkcs12(folder.resolve("system.p12"), password.toCharArray());
            Path root = pem(folder.resolve("pki-root.pem"), pki.rootCertificate());
            Path server = pem(folder.resolve("epuap-server.pem"), pki.epuapServer().certificate());

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pki", Map.of("root", root.toString(), "tsa", pki.tsaUri().toString(), "ocsp", pki.ocspUri().toString()));
            Map<String, Object> services = new LinkedHashMap<>();
            for (EpuapSimulator.Service service : EpuapSimulator.Service.values()) {
                services.put(service.wsdlName(), epuap.endpoint(service).toString());
            }
            Map<String, Object> ep = new LinkedHashMap<>();
            ep.put("services", services);
            ep.put("wsdl", wsdl == null ? null : wsdl.toString());
            ep.put("serverCertificate", server.toString());
            ep.put("system", Map.of("p12", p12.toString(), "password", password, "entity", SYSTEM_ENTITY));
            ep.put("boxes", List.of(OWN_BOX.value(), OTHER_BOX.value()));
            ep.put("inboxes", keepInboxes ? folder.resolve("epuap-inboxes").toString() : null);
            json.put("epuap", ep);

            Nip ownNip = TestData.nip(526_000_000); // the NIP in the seal of the test PKI (Urząd Gminy Testowo)
            List<BaeEntry> seeded = List.of(
                    BaeEntry.publicBody(OWN_ADE, "Urząd Gminy Testowo", ownNip, "Testowo"),
                    BaeEntry.publicBody(OFFICE_ADE, "Urząd Skarbowy Testowo", OFFICE_NIP, "Radom"),
                    BaeEntry.person(PERSON_ADE, "Jan", "Kowalski", Pesel.parse("44051401359"), "Białystok"));
            edelivery.registerSystem(OWN_ADE, "EZD", pki.seal().certificate());
            seeded.forEach(edelivery::addAddress);
            Path evidenceIssuer = pem(folder.resolve("edelivery-evidence-issuer.pem"), edelivery.evidenceCertificate());
            Map<String, Object> ed = new LinkedHashMap<>();
            ed.put("tokenUrl", edelivery.tokenEndpoint().toString());
            // base URLs without the trailing slash: the official paths (/search/..., /{eDeliveryAddress}/...) follow them
            ed.put("seUrl", noSlash(edelivery.environment().requireEndpoint(dev.okienko.core.Environment.Service.EDELIVERY_SEARCH)));
            ed.put("uaUrl", noSlash(edelivery.mailboxUrl()));
            ed.put("evidenceCertificate", evidenceIssuer.toString());
            // with mutual TLS: present system.p12 as the client certificate, trust the server through pki-root.pem
            ed.put("mutualTls", edeliveryMutualTls);
            ed.put("trustAnchor", edeliveryMutualTls ? root.toString() : null);
            ed.put("system", Map.of("ade", OWN_ADE.value(), "name", "EZD", "p12", p12.toString(), "password", password));
            List<Map<String, Object>> addresses = new java.util.ArrayList<>();
            for (BaeEntry e : seeded) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("ade", e.ade().value());
                a.put("name", e.entityName() != null ? e.entityName() : e.name() + " " + e.surname());
                Map<String, String> ids = new LinkedHashMap<>();
                e.officialIds().forEach(id -> ids.put(id.registry().wireName(), id.id()));
                a.put("officialIds", ids);
                addresses.add(a);
            }
            ed.put("addresses", addresses);
            json.put("edelivery", ed);
            Path file = folder.resolve("simulator.json");
            Path partial = folder.resolve("simulator.json.part");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(partial.toFile(), json);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

            out.println("okienko simulator running on 127.0.0.1 (nothing leaves this machine)");
            services.forEach((k, v) -> out.printf("  ePUAP %-12s %s%n", k, v));
            out.println("  WSDL at ?wsdl    " + (wsdl == null ? "not served: pass --contracts DIR (the official ePUAP WSDL folder)"
                    : "from " + wsdl));
            out.println("  boxes            " + OWN_BOX + " (owned by the registered system " + SYSTEM_ENTITY + "), " + OTHER_BOX);
            out.println("  inboxes          " + (keepInboxes ? "on disk in " + folder.resolve("epuap-inboxes")
                    : "in memory (--keep-inboxes keeps them on disk)"));
            out.println("  e-Doręczenia     token " + edelivery.tokenEndpoint() + ", SE " + ed.get("seUrl") + ", UA " + ed.get("uaUrl"));
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

    private static String noSlash(java.net.URI uri) {
        String u = uri.toString();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static Path pem(Path file, X509Certificate certificate) throws IOException {
        return Files.writeString(file, TestPki.toPem(certificate));
    }
}
