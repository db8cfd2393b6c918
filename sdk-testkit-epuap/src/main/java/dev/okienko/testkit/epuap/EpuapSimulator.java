package dev.okienko.testkit.epuap;

import dev.okienko.core.Environment;
import dev.okienko.core.EpuapAddress;
import dev.okienko.epuap.ConfirmationDigest;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.epuap.internal.Contracts;
import dev.okienko.testkit.epuap.internal.Doreczyciel;
import dev.okienko.testkit.epuap.internal.EpuapState;
import dev.okienko.testkit.epuap.internal.FileRepository;
import dev.okienko.testkit.epuap.internal.InboxStore;
import dev.okienko.testkit.epuap.internal.Pull;
import dev.okienko.testkit.epuap.internal.Skrytka;
import dev.okienko.testkit.epuap.internal.SoapEndpoint;
import dev.okienko.testkit.internal.LoopbackServer;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;

/**
 * An embedded ePUAP on 127.0.0.1 with inboxes kept in memory or on disk:
 * <ul>
 *   <li>{@code skrytka} takes documents into inboxes and answers each with a signed UPP;</li>
 *   <li>{@code pull} hands them out one at a time until each is confirmed with its digest;</li>
 *   <li>{@code doreczyciel} keeps a delivered document back, puts an unsigned UPD draft into the recipient's
 *       box, and on {@code odbierz} with that draft signed by the recipient's system releases the document and
 *       puts a UPD signed by ePUAP into the sender's reply box;</li>
 *   <li>{@code FileRepoService} ({@code /repo-ws-ext/FileRepoService}) hands each stored file out once.</li>
 * </ul>
 * Requests must be signed by a registered system certificate (an unknown one gets a SOAP fault, as from the
 * real ePUAP); answers are signed with the test ePUAP server certificate. With {@link #serveContracts} each
 * endpoint also answers {@code ?wsdl} with the official WSDL, its address rewritten to the simulator.
 */
public final class EpuapSimulator implements AutoCloseable {
    private static final String SERVICES = "/" + Environment.Service.EPUAP.simulatorPath();
    private static final String FILE_REPOSITORY = "/repo-ws-ext/FileRepoService";

    /** The simulator's SOAP services. */
    public enum Service {
        /** {@code skrytka}: sending to a box, answered with a UPP. */
        SKRYTKA("skrytka"),
        /** {@code pull}: taking documents out of a box. */
        PULL("pull"),
        /** {@code doreczyciel}: delivery against a UPD. */
        DORECZYCIEL("doreczyciel"),
        /** {@code FileRepoService}: the file repository. */
        FILE_REPOSITORY("filerepo");

        private final String wsdlName;

        Service(String wsdlName) {
            this.wsdlName = wsdlName;
        }

        /** @return the service's name in the official WSDL's file name and in {@code simulator.json}, e.g. {@code filerepo} */
        public String wsdlName() {
            return wsdlName;
        }
    }

    private final LoopbackServer server;
    private final URI base;
    private final java.util.Map<X509Certificate, Set<String>> systems = new ConcurrentHashMap<>();
    private final EpuapState state;
    private final Map<Service, SoapEndpoint> endpoints = new EnumMap<>(Service.class);

    private EpuapSimulator(TestPki pki, InboxStore inboxes) throws IOException {
        state = new EpuapState(inboxes, pki.epuapServer());
        server = new LoopbackServer("okienko-epuap-simulator");
        base = server.base();
        endpoints.put(Service.SKRYTKA, new SoapEndpoint(systems, pki.epuapServer(), new Skrytka(state)));
        endpoints.put(Service.PULL, new SoapEndpoint(systems, pki.epuapServer(), new Pull(state)));
        endpoints.put(Service.DORECZYCIEL, new SoapEndpoint(systems, pki.epuapServer(), new Doreczyciel(state)));
        endpoints.put(Service.FILE_REPOSITORY, new SoapEndpoint(systems, pki.epuapServer(), new FileRepository(state)));
        endpoints.forEach((service, endpoint) -> server.handle(path(service), endpoint));
        server.start();
    }

    /**
     * @param pki the test PKI whose ePUAP server certificate signs the answers
     * @return the running simulator
     */
    public static EpuapSimulator start(TestPki pki) {
        return start(pki, InboxStore.inMemory());
    }

    /**
     * Starts a simulator whose inboxes are kept on disk: documents survive a restart, and a simulator started
     * again on the same folder finds its boxes and their documents as they were (and gives no id twice).
     * Registered systems, deliveries kept back by {@code doreczyciel} and the file repository stay in memory.
     *
     * @param pki the test PKI whose ePUAP server certificate signs the answers
     * @param inboxFolder where the boxes are kept (created when missing); one simulator at a time per folder
     * @return the running simulator
     */
    public static EpuapSimulator start(TestPki pki, java.nio.file.Path inboxFolder) {
        return start(pki, InboxStore.onDisk(inboxFolder));
    }

    private static EpuapSimulator start(TestPki pki, InboxStore inboxes) {
        try {
            return new EpuapSimulator(pki, inboxes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ePUAP simulator", e);
        }
    }

    /** @return an environment whose ePUAP services are this simulator */
    public Environment environment() {
        return Environment.custom(base);
    }

    /**
     * Registers a system that may act for any entity. The real ePUAP registers a system for the entities it serves
     * ({@link #registerSystem(X509Certificate, String, String...)}); this form is for tests where that does not matter.
     *
     * @param systemCertificate a system certificate whose signed requests are accepted
     * @return this
     */
    public EpuapSimulator registerSystem(X509Certificate systemCertificate) {
        systems.put(systemCertificate, Set.of());
        return this;
    }

    /**
     * Registers a system for the entities it may act for, as ePUAP does: a request it signs for another entity (the
     * {@code IdentyfikatorPodmiotu} of skrytka and doreczyciel, the {@code podmiot} of pull) is refused with a fault.
     *
     * @param systemCertificate a system certificate whose signed requests are accepted
     * @param entity an entity it acts for, e.g. {@code UrzadGminyTestowo}
     * @param more more entities
     * @return this
     */
    public EpuapSimulator registerSystem(X509Certificate systemCertificate, String entity, String... more) {
        Set<String> entities = new java.util.LinkedHashSet<>();
        entities.add(java.util.Objects.requireNonNull(entity, "entity"));
        entities.addAll(List.of(more));
        systems.put(systemCertificate, Set.copyOf(entities));
        return this;
    }

    /**
     * @param box a box to create, empty
     * @return this
     */
    public EpuapSimulator createInbox(EpuapAddress box) {
        state.inboxes().create(box.value());
        return this;
    }

    /**
     * @param box a box
     * @return the documents in it not yet confirmed, oldest first
     */
    public List<InboxDocument> inbox(EpuapAddress box) {
        return state.inboxes().list(box.value());
    }

    /**
     * Puts a document into a box as if it had arrived through {@code skrytka}, without a request: to seed an
     * inbox for a test, or to give it a document larger than a request may be.
     *
     * @param box an existing box
     * @param senderEntityId who sent it
     * @param replyTo the sender's box for answers
     * @param fileName its file name
     * @param mimeType its type
     * @param content the document
     * @return the document as it is in the box, with the id ePUAP gave it
     */
    public InboxDocument deposit(EpuapAddress box, String senderEntityId, EpuapAddress replyTo, String fileName, String mimeType,
                            byte[] content) {
        if (!state.inboxes().exists(box.value())) {
            throw new IllegalArgumentException("no box " + box + " (createInbox first)");
        }
        InboxDocument doc = new InboxDocument(state.nextId(), senderEntityId, replyTo.value(), fileName, mimeType,
                content.clone(), Instant.now());
        state.inboxes().add(box.value(), doc);
        return doc;
    }

    /**
     * @param digest which {@code skrot} the pull service accepts in confirmations (SHA-1 by default)
     * @return this
     */
    public EpuapSimulator acceptConfirmationDigest(ConfirmationDigest digest) {
        state.acceptedDigest(digest);
        return this;
    }

    /**
     * Makes the next request to a service go wrong, for tests of how clients cope.
     *
     * @param service the service
     * @param mishap what goes wrong
     * @return this
     */
    public EpuapSimulator inject(Service service, Mishap mishap) {
        soapEndpoint(service).inject(mishap);
        return this;
    }

    /**
     * Makes the next request for one operation go wrong once it has been read, e.g. a dropped connection on
     * {@code potwierdzOdebranie}: the document is not confirmed, as if the client had died before confirming.
     *
     * @param service the service
     * @param operation the operation's request element as on the wire, e.g. {@code ZapytaniePullPotwierdz}
     *     ({@code potwierdzOdebranie}), {@code ZapytaniePullPobierz} ({@code pobierzNastepny}), {@code Dokument}
     *     ({@code dorecz})
     * @param mishap what goes wrong
     * @return this
     */
    public EpuapSimulator inject(Service service, String operation, Mishap mishap) {
        soapEndpoint(service).inject(java.util.Objects.requireNonNull(operation, "operation"), mishap);
        return this;
    }

    /**
     * @return the requests answered so far, oldest first, without their bodies, each with its request element
     *     ({@code ZapytaniePullPotwierdz}, ...) as its operation
     */
    public List<dev.okienko.testkit.Exchange> traffic() {
        return server.traffic();
    }

    /**
     * @param service the service
     * @return the last request the service received, as it came, or null (for contract tests)
     */
    public @Nullable Document lastRequest(Service service) {
        return soapEndpoint(service).lastRequest();
    }

    /**
     * @param service the service
     * @return the last answer the service sent, signed, or null (for contract tests)
     */
    public @Nullable Document lastAnswer(Service service) {
        return soapEndpoint(service).lastAnswer();
    }

    private SoapEndpoint soapEndpoint(Service service) {
        return java.util.Objects.requireNonNull(endpoints.get(service), "every service has an endpoint");
    }

    /**
     * @return every delivery made with {@code dorecz}, in no particular order
     */
    public List<EpuapDelivery> deliveries() {
        return List.copyOf(state.deliveries().values());
    }

    /**
     * Stores a file in the file repository, as ePUAP does with large attachments.
     *
     * @param content the file
     * @param fileName its name
     * @param mimeType its type
     * @return its id, for {@code downloadFile}; it can be downloaded once
     */
    public String storeFile(byte[] content, String fileName, String mimeType) {
        return state.storeFile(content, fileName, mimeType);
    }

    /** @return the ids of files stored and not yet downloaded */
    public Set<String> storedFiles() {
        return state.storedFiles();
    }

    /**
     * Makes ePUAP deliver a document twice, as a real box sometimes does: the next confirmation is answered
     * with OK but the document stays in the box, to come again.
     *
     * @return this
     */
    public EpuapSimulator duplicateNextDelivery() {
        state.duplicateConfirmations().incrementAndGet();
        return this;
    }

    /**
     * Makes each endpoint answer {@code GET ?wsdl} with its official WSDL (the address rewritten to this
     * simulator) and serve the schemas it imports beside it, so that standard tools can generate clients
     * from the simulator itself. The contracts are read from a folder, never bundled.
     *
     * @param wsdlFolder the folder with the official ePUAP WSDL and XSD files, e.g. {@code shared/specs/epuap/wsdl}
     * @return this
     */
    public EpuapSimulator serveContracts(java.nio.file.Path wsdlFolder) {
        Contracts contracts = new Contracts(wsdlFolder);
        for (Service service : Service.values()) {
            soapEndpoint(service).serveWsdl(() -> contracts.wsdl(service.wsdlName() + ".wsdl", endpoint(service)));
        }
        server.handle(SERVICES, contracts).handle("/repo-ws-ext/", contracts);
        return this;
    }

    /**
     * @param service the service
     * @return the service's address
     */
    public URI endpoint(Service service) {
        return base.resolve(path(service).substring(1));
    }

    private static String path(Service service) {
        return service == Service.FILE_REPOSITORY ? FILE_REPOSITORY : SERVICES + service.wsdlName();
    }

    @Override
    public void close() {
        server.close();
    }
}
