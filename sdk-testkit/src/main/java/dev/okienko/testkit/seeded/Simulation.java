package dev.okienko.testkit.seeded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The test PKI, the embedded ePUAP and the embedded e-Doręczenia, started on loopback and seeded as
 * {@code okienko simulate} seeds them: the office's system registered with both services (its seal from the test
 * PKI; with ePUAP for the office's entity and for {@link #OTHER_ENTITY}, so one key can play both sides, and for no
 * other entity), the two institutions' ePUAP boxes, and three addresses in BAE (the office's own, a tax office's,
 * a person's). A test
 * written against {@code okienko simulate} and one written against this class see the same world.
 *
 * <pre>{@code
 * try (Simulation sim = Simulation.start()) {
 *     Mailbox mailbox = Mailbox.builder().environment(sim.edelivery().environment()).address(Simulation.OWN_ADE)
 *             .tokens(SignedJwtTokenProvider.builder().environment(sim.edelivery().environment())
 *                     .credentials(sim.pki().seal().toSystemCredentials()).system(Simulation.OWN_ADE, Simulation.SYSTEM_NAME).build())
 *             .build();
 *     ...
 * }
 * }</pre>
 *
 * {@link #describe(Path)} writes {@code simulator.json} and the key and certificate files it names, for clients in
 * other processes and other languages.
 */
public final class Simulation implements AutoCloseable {
    /** The registered system's ePUAP entity; it owns {@link #OWN_BOX}. */
    public static final String SYSTEM_ENTITY = "UrzadGminyTestowo";
    /** The registered system's name in its e-Doręczenia mailbox. */
    public static final String SYSTEM_NAME = "EZD";
    /** The office's ePUAP box. */
    public static final EpuapAddress OWN_BOX = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
    /** Another institution, which the registered system may also act for (to send the office documents in a test). */
    public static final String OTHER_ENTITY = "PodlaskaWKOHP";
    /** Another institution's ePUAP box. */
    public static final EpuapAddress OTHER_BOX = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    /** The office's electronic delivery address; the registered system's mailbox. */
    public static final Ade OWN_ADE = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    /** The NIP in the test PKI's seal (Urząd Gminy Testowo), the office's own. */
    public static final Nip OWN_NIP = TestData.nip(526_000_000);
    /** A public body's address in BAE (Urząd Skarbowy Testowo). */
    public static final Ade OFFICE_ADE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    /** That public body's NIP. */
    public static final Nip OFFICE_NIP = TestData.nip(526025027);
    /** A person's address in BAE (Jan Kowalski). */
    public static final Ade PERSON_ADE = Ade.parse("AE:PL-55754-97181-CHDVR-19");
    /** That person's PESEL (a test number). */
    public static final Pesel PERSON_PESEL = Pesel.parse("44051401359");

    private final TestPki pki;
    private final EpuapSimulator epuap;
    private final EDeliverySimulator edelivery;
    private final boolean mutualTls;
    private final @Nullable Path inboxes;
    private final @Nullable Path contracts;
    private final List<BaeEntry> addresses;

    private Simulation(Builder b) {
        TestPki p = TestPki.start(b.clock);
        EpuapSimulator e = null;
        try {
            e = (b.inboxes != null ? EpuapSimulator.start(p, b.inboxes) : EpuapSimulator.start(p)).createInbox(OWN_BOX).createInbox(OTHER_BOX);
            // one test key plays both sides of a test: the office, and the institution that writes to it
            e.registerSystem(p.seal().certificate(), SYSTEM_ENTITY, OTHER_ENTITY);
            if (b.contracts != null) {
                e.serveContracts(b.contracts);
            }
            EDeliverySimulator d = b.mutualTls ? EDeliverySimulator.startMutualTls(p, b.clock) : EDeliverySimulator.start(p, b.clock);
            this.addresses = List.of(
                    BaeEntry.publicBody(OWN_ADE, "Urząd Gminy Testowo", OWN_NIP, "Testowo"),
                    BaeEntry.publicBody(OFFICE_ADE, "Urząd Skarbowy Testowo", OFFICE_NIP, "Radom"),
                    BaeEntry.person(PERSON_ADE, TestPki.PERSON_GIVEN_NAME, TestPki.PERSON_SURNAME, PERSON_PESEL, "Białystok"));
            d.registerSystem(OWN_ADE, SYSTEM_NAME, p.seal().certificate());
            addresses.forEach(d::addAddress);
            this.edelivery = d;
        } catch (RuntimeException ex) {
            if (e != null) {
                e.close();
            }
            p.close();
            throw ex;
        }
        this.pki = p;
        this.epuap = e;
        this.mutualTls = b.mutualTls;
        this.inboxes = b.inboxes;
        this.contracts = b.contracts;
    }

    /** @return the simulators, seeded, on the system clock */
    public static Simulation start() {
        return builder().start();
    }

    /** @return a builder for other settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the test PKI: its root, the office's seal ({@code seal()}), OCSP and the time-stamp authority */
    public TestPki pki() {
        return pki;
    }

    /** @return the embedded ePUAP */
    public EpuapSimulator epuap() {
        return epuap;
    }

    /** @return the embedded e-Doręczenia */
    public EDeliverySimulator edelivery() {
        return edelivery;
    }

    /** @return the addresses seeded in BAE */
    public List<BaeEntry> addresses() {
        return addresses;
    }

    /**
     * Writes {@code simulator.json} into a folder, with the files it names: the system's PKCS#12 (under a
     * random password given in the JSON), its key and certificate as PEM (for clients without PKCS#12), the test
     * PKI's root, ePUAP's server certificate and e-Doręczenia's evidence certificate. These are test keys made for
     * this run; nothing else is written.
     *
     * @param dir the folder; made when missing
     * @return the written {@code simulator.json}, replaced atomically when it existed
     * @throws UncheckedIOException when the folder cannot be written
     */
    public Path describe(Path dir) {
        try {
            Path folder = Files.createDirectories(dir).toAbsolutePath();
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Path p12 = pki.seal().writePkcs12(folder.resolve("system.p12"), password.toCharArray());
            Path keyPem = Files.writeString(folder.resolve("system-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pki.seal().privateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Path certPem = pem(folder.resolve("system-cert.pem"), pki.seal().certificate());
            Path root = pem(folder.resolve("pki-root.pem"), pki.rootCertificate());
            Path server = pem(folder.resolve("epuap-server.pem"), pki.epuapServer().certificate());
            Path evidenceIssuer = pem(folder.resolve("edelivery-evidence-issuer.pem"), edelivery.evidenceCertificate());

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pki", Map.of("root", root.toString(), "tsa", pki.tsaUri().toString(), "ocsp", pki.ocspUri().toString()));
            Map<String, Object> services = new LinkedHashMap<>();
            for (EpuapSimulator.Service service : EpuapSimulator.Service.values()) {
                services.put(service.wsdlName(), epuap.endpoint(service).toString());
            }
            Map<String, Object> system = new LinkedHashMap<>();
            system.put("p12", p12.toString());
            system.put("password", password);
            system.put("keyPem", keyPem.toString());
            system.put("certificatePem", certPem.toString());
            Map<String, Object> ep = new LinkedHashMap<>();
            ep.put("services", services);
            ep.put("wsdl", contracts == null ? null : contracts.toString());
            ep.put("serverCertificate", server.toString());
            Map<String, Object> epuapSystem = new LinkedHashMap<>(system);
            epuapSystem.put("entity", SYSTEM_ENTITY);
            ep.put("system", epuapSystem);
            ep.put("boxes", List.of(OWN_BOX.value(), OTHER_BOX.value()));
            ep.put("inboxes", inboxes == null ? null : inboxes.toString());
            json.put("epuap", ep);

            Map<String, Object> ed = new LinkedHashMap<>();
            ed.put("tokenUrl", edelivery.tokenEndpoint().toString());
            // base URLs without the trailing slash: the official paths (/search/..., /{eDeliveryAddress}/...) follow them
            ed.put("seUrl", noSlash(edelivery.environment().requireEndpoint(Environment.Service.EDELIVERY_SEARCH)));
            ed.put("uaUrl", noSlash(edelivery.mailboxUrl()));
            ed.put("evidenceCertificate", evidenceIssuer.toString());
            // with mutual TLS: present system.p12 as the client certificate, trust the server through pki-root.pem
            ed.put("mutualTls", mutualTls);
            ed.put("trustAnchor", mutualTls ? root.toString() : null);
            Map<String, Object> edSystem = new LinkedHashMap<>();
            edSystem.put("ade", OWN_ADE.value());
            edSystem.put("name", SYSTEM_NAME);
            edSystem.putAll(system);
            ed.put("system", edSystem);
            List<Map<String, Object>> listed = new ArrayList<>();
            for (BaeEntry e : addresses) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("ade", e.ade().value());
                a.put("name", e.entityName() != null ? e.entityName() : e.name() + " " + e.surname());
                Map<String, String> ids = new LinkedHashMap<>();
                e.officialIds().forEach(id -> ids.put(id.registry().wireName(), id.id()));
                a.put("officialIds", ids);
                listed.add(a);
            }
            ed.put("addresses", listed);
            json.put("edelivery", ed);
            Path file = folder.resolve("simulator.json");
            Path partial = folder.resolve("simulator.json.part");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(partial.toFile(), json);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulator's description into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String noSlash(java.net.URI uri) {
        String u = uri.toString();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static Path pem(Path file, X509Certificate certificate) throws IOException {
        return Files.writeString(file, TestPki.toPem(certificate));
    }

    /** Stops the simulators and the PKI. */
    @Override
    public void close() {
        try (TestPki p = pki; EpuapSimulator e = epuap; EDeliverySimulator d = edelivery) {
            // closed in reverse order
            Objects.requireNonNull(p);
            Objects.requireNonNull(e);
            Objects.requireNonNull(d);
        }
    }

    /** Settings other than the defaults. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private boolean mutualTls;
        private @Nullable Path inboxes;
        private @Nullable Path contracts;

        private Builder() {
        }

        /**
         * @param value the time of the PKI and of e-Doręczenia (tokens, presumed delivery), e.g. a
         *     {@code SimulatorClock}; give the same clock to the clients' token providers, or tokens look expired
         *     when it is moved forward
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "value");
            return this;
        }

        /** @return this, with e-Doręczenia on HTTPS with mutual TLS (the system's certificate as the client's) */
        public Builder edeliveryMutualTls() {
            this.mutualTls = true;
            return this;
        }

        /**
         * @param folder where ePUAP keeps its inboxes, so that unconfirmed documents outlive a restart
         * @return this
         */
        public Builder keepInboxesIn(Path folder) {
            this.inboxes = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * @param wsdlFolder the official ePUAP WSDL folder, served at {@code ?wsdl}
         * @return this
         */
        public Builder serveContracts(Path wsdlFolder) {
            this.contracts = Objects.requireNonNull(wsdlFolder, "wsdlFolder");
            return this;
        }

        /** @return the started, seeded simulators */
        public Simulation start() {
            return new Simulation(this);
        }
    }
}
