package dev.okienko.testkit;

import dev.okienko.core.Environment;
import dev.okienko.core.EpuapAddress;
import dev.okienko.epuap.ConfirmationDigest;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.testkit.internal.Contracts;
import dev.okienko.testkit.internal.InboxStore;
import dev.okienko.testkit.internal.LoopbackServer;
import dev.okienko.testkit.internal.RecipientSignature;
import dev.okienko.testkit.internal.SoapEndpoint;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

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

    /**
     * A document in an inbox.
     *
     * @param documentId the id ePUAP gave it
     * @param senderEntityId who sent it (IdentyfikatorPodmiotu)
     * @param replyTo the sender's box for answers
     * @param fileName its file name
     * @param mimeType its type
     * @param content the document
     * @param received when it arrived
     */
    public record Received(String documentId, String senderEntityId, String replyTo, String fileName, String mimeType,
                           byte[] content, Instant received) {
    }

    /**
     * A document delivered with {@code dorecz}, kept back until its recipient signs the UPD.
     *
     * @param orderId the delivery order's id (identyfikatorZlecenia)
     * @param documentId the document's id
     * @param senderEntityId who delivered it
     * @param box the recipient's box
     * @param replyTo the sender's box, which gets the UPD
     * @param deadline until when it can be taken, or null
     * @param caseId the case it belongs to, or null
     * @param document the document, as it will arrive
     * @param acknowledged whether the recipient signed the UPD and the document was released
     */
    public record Delivery(String orderId, String documentId, String senderEntityId, String box, String replyTo,
                           @Nullable Instant deadline, @Nullable String caseId, Received document, boolean acknowledged) {
    }

    private final TestPki pki;
    private final LoopbackServer server;
    private final URI base;
    private final Set<X509Certificate> systems = ConcurrentHashMap.newKeySet();
    private final InboxStore inboxes;
    private final AtomicLong ids;
    private final SoapEndpoint skrytka;
    private final SoapEndpoint pull;
    private final SoapEndpoint doreczyciel;
    private final SoapEndpoint fileRepository;
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger duplicateConfirmations = new java.util.concurrent.atomic.AtomicInteger();
    private volatile ConfirmationDigest acceptedDigest = ConfirmationDigest.SHA1;

    private record StoredFile(String fileName, String mimeType, byte[] content) {
    }

    private EpuapSimulator(TestPki pki, InboxStore inboxes) throws IOException {
        this.pki = pki;
        this.inboxes = inboxes;
        this.ids = new AtomicLong(Math.max(100_000, inboxes.highestId()));
        server = new LoopbackServer("okienko-epuap-simulator");
        base = server.base();
        skrytka = new SoapEndpoint(systems, pki.epuapServer(), this::nadaj);
        server.handle(SERVICES + "skrytka", skrytka);
        pull = new SoapEndpoint(systems, pki.epuapServer(), this::pull);
        server.handle(SERVICES + "pull", pull);
        doreczyciel = new SoapEndpoint(systems, pki.epuapServer(), this::doreczyciel);
        server.handle(SERVICES + "doreczyciel", doreczyciel);
        fileRepository = new SoapEndpoint(systems, pki.epuapServer(), this::fileRepository);
        server.handle(FILE_REPOSITORY, fileRepository);
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
     * @param systemCertificate a system certificate whose signed requests are accepted
     * @return this
     */
    public EpuapSimulator registerSystem(X509Certificate systemCertificate) {
        systems.add(systemCertificate);
        return this;
    }

    /**
     * @param box a box to create, empty
     * @return this
     */
    public EpuapSimulator createInbox(EpuapAddress box) {
        inboxes.create(box.value());
        return this;
    }

    /**
     * @param box a box
     * @return the documents in it not yet confirmed, oldest first
     */
    public List<Received> inbox(EpuapAddress box) {
        return inboxes.list(box.value());
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
    public Received deposit(EpuapAddress box, String senderEntityId, EpuapAddress replyTo, String fileName, String mimeType,
                            byte[] content) {
        if (!inboxes.exists(box.value())) {
            throw new IllegalArgumentException("no box " + box + " (createInbox first)");
        }
        Received doc = new Received(Long.toString(ids.incrementAndGet()), senderEntityId, replyTo.value(), fileName, mimeType,
                content.clone(), Instant.now());
        inboxes.add(box.value(), doc);
        return doc;
    }

    /**
     * @param digest which {@code skrot} the pull service accepts in confirmations (SHA-1 by default)
     * @return this
     */
    public EpuapSimulator acceptConfirmationDigest(ConfirmationDigest digest) {
        this.acceptedDigest = digest;
        return this;
    }

    /**
     * Makes the next request to a service go wrong, for tests of how clients cope.
     *
     * @param service {@code skrytka}, {@code pull}, {@code doreczyciel} or {@code filerepo}
     * @param mishap what goes wrong
     * @return this
     */
    public EpuapSimulator inject(String service, Mishap mishap) {
        soapEndpoint(service).inject(mishap);
        return this;
    }

    /**
     * @param service {@code skrytka}, {@code pull}, {@code doreczyciel} or {@code filerepo}
     * @return the last request the service received, as it came, or null (for contract tests)
     */
    public @Nullable Document lastRequest(String service) {
        return soapEndpoint(service).lastRequest();
    }

    /**
     * @param service {@code skrytka}, {@code pull}, {@code doreczyciel} or {@code filerepo}
     * @return the last answer the service sent, signed, or null (for contract tests)
     */
    public @Nullable Document lastAnswer(String service) {
        return soapEndpoint(service).lastAnswer();
    }

    private SoapEndpoint soapEndpoint(String service) {
        return switch (service) {
            case "skrytka" -> skrytka;
            case "pull" -> pull;
            case "doreczyciel" -> doreczyciel;
            case "filerepo" -> fileRepository;
            default -> throw new IllegalArgumentException("no service " + service + " (skrytka, pull, doreczyciel, filerepo)");
        };
    }

    /**
     * @return every delivery made with {@code dorecz}, in no particular order
     */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries.values());
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
        String id = "FR-" + ids.incrementAndGet();
        files.put(id, new StoredFile(fileName, mimeType, content.clone()));
        return id;
    }

    /** @return the ids of files stored and not yet downloaded */
    public Set<String> storedFiles() {
        return Set.copyOf(files.keySet());
    }

    /**
     * Makes ePUAP deliver a document twice, as a real box sometimes does: the next confirmation is answered
     * with OK but the document stays in the box, to come again.
     *
     * @return this
     */
    public EpuapSimulator duplicateNextDelivery() {
        duplicateConfirmations.incrementAndGet();
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
        for (String service : List.of("skrytka", "pull", "doreczyciel", "filerepo")) {
            soapEndpoint(service).serveWsdl(() -> contracts.wsdl(service + ".wsdl", endpoint(service)));
        }
        server.handle(SERVICES, contracts).handle("/repo-ws-ext/", contracts);
        return this;
    }

    /**
     * @param service {@code skrytka}, {@code pull}, {@code doreczyciel} or {@code filerepo}
     * @return the service's address
     */
    public URI endpoint(String service) {
        return switch (service) {
            case "skrytka", "pull", "doreczyciel" -> base.resolve(SERVICES.substring(1) + service);
            case "filerepo" -> base.resolve(FILE_REPOSITORY.substring(1));
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    @Override
    public void close() {
        server.close();
    }

    private Element nadaj(Document request) {
        Element header = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        Element document = first(body, Namespaces.OBJECTS, "Dokument");
        if (document == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds no ob:Dokument", null);
        }
        String sender = headerValue(header, "IdentyfikatorPodmiotu");
        String box = headerValue(header, "AdresSkrytki");
        String replyTo = headerValue(header, "AdresOdpowiedzi");
        boolean trial = Boolean.parseBoolean(headerValue(header, "CzyProbne"));
        if (!inboxes.exists(box)) {
            throw wyjatek("Skrytka " + box + " nie istnieje");
        }
        String id = Long.toString(ids.incrementAndGet());
        Instant now = Instant.now();
        if (!trial) {
            inboxes.add(box, new Received(id, sender, replyTo, SoapEndpoint.required(document, "nazwaPliku"),
                    String.valueOf(SoapCall.text(document, "typPliku")),
                    Base64.getMimeDecoder().decode(SoapEndpoint.required(document, "zawartosc")), now));
        }
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzSkrytki");
        status(answer, "1", trial ? "OK (nadanie próbne)" : "OK");
        SoapCall.addChild(answer, "identyfikatorDokumentu", id);
        if (!trial) {
            String uppId = "UPP-" + id;
            SoapCall.addChild(answer, "identyfikatorUpp", uppId);
            Element attachment = SoapCall.addChild(answer, "zalacznik", "");
            SoapCall.addChild(attachment, "nazwaPliku", "UPP.xml");
            SoapCall.addChild(attachment, "typPliku", "text/xml");
            SoapCall.addChild(attachment, "zawartosc", Base64.getEncoder().encodeToString(upp(uppId, id, box, sender, now)));
        }
        return answer;
    }

    /** A UPP as ePUAP issues it: the acknowledgement's fields, signed (XAdES) with the ePUAP certificate. */
    private byte[] upp(String uppId, String documentId, String box, String sender, Instant deliveredAt) {
        return TestXadesSigner.signEnveloped(receipt("UPP", uppId, box, sender, null,
                "<upo:DataDoreczenia>" + deliveredAt + "</upo:DataDoreczenia>"
                        + "<upo:DataWytworzeniaPoswiadczenia>" + Instant.now() + "</upo:DataWytworzeniaPoswiadczenia>", documentId),
                pki.epuapServer());
    }

    private static byte[] receipt(String kind, String id, String box, String sender, @Nullable String orderId, String dates,
                                  String documentId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><upo:Dokument xmlns:upo=\"" + Upp.NAMESPACE + "\">"
                + "<upo:" + kind + "><upo:IdentyfikatorPoswiadczenia>" + id + "</upo:IdentyfikatorPoswiadczenia>"
                + "<upo:Adresat>" + SoapEndpoint.escape(box) + "</upo:Adresat>"
                + "<upo:Nadawca>" + SoapEndpoint.escape(sender) + "</upo:Nadawca>"
                + dates
                + "<upo:IdentyfikatorDokumentu>" + documentId + "</upo:IdentyfikatorDokumentu>"
                + (orderId == null ? "" : "<upo:IdentyfikatorZlecenia>" + orderId + "</upo:IdentyfikatorZlecenia>")
                + "</upo:" + kind + "></upo:Dokument>";
        return xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Element doreczyciel(Document request) {
        Element header = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        Element document = first(body, Namespaces.OBJECTS, "Dokument");
        if (document != null) {
            return dorecz(header, document);
        }
        Element upd = first(body, Namespaces.OBJECTS, "UPD");
        if (upd != null) {
            return odbierz(request, header, upd);
        }
        throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds neither ob:Dokument (dorecz) nor ob:UPD (odbierz)", null);
    }

    private Element dorecz(Element header, Element document) {
        String sender = headerValue(header, "IdentyfikatorPodmiotu");
        String box = headerValue(header, "AdresSkrytki");
        String replyTo = headerValue(header, "AdresOdpowiedzi");
        boolean trial = Boolean.parseBoolean(headerValue(header, "CzyProbne"));
        Element deadlineHeader = first(header, Namespaces.OBJECTS, "TerminDoreczenia");
        Element caseHeader = first(header, Namespaces.OBJECTS, "IdentyfikatorSprawy");
        Instant deadline = deadlineHeader == null ? null : SoapCall.instant(deadlineHeader.getTextContent());
        if (deadlineHeader != null && deadline == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "TerminDoreczenia is not an xsd:dateTime with an offset", null);
        }
        for (String b : List.of(box, replyTo)) {
            if (!inboxes.exists(b)) {
                throw wyjatek("Skrytka " + b + " nie istnieje");
            }
        }
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzDoreczyciela");
        String id = Long.toString(ids.incrementAndGet());
        String orderId = "Z-" + id;
        status(answer, "1", trial ? "OK (doręczenie próbne)" : "OK");
        SoapCall.addChild(answer, "identyfikatorDokumentu", id);
        SoapCall.addChild(answer, "identyfikatorZlecenia", orderId);
        if (trial) {
            return answer;
        }
        Instant now = Instant.now();
        Received doc = new Received(id, sender, replyTo, SoapEndpoint.required(document, "nazwaPliku"),
                String.valueOf(SoapCall.text(document, "typPliku")),
                SoapCall.decodeBase64(SoapEndpoint.required(document, "zawartosc"), "dorecz zawartosc"), now);
        deliveries.put(id, new Delivery(orderId, id, sender, box, replyTo, deadline,
                caseHeader == null ? null : caseHeader.getTextContent().strip(), doc, false));
        byte[] draft = receipt("UPD", "UPD-" + id, box, sender, orderId,
                "<upo:DataNadania>" + now + "</upo:DataNadania>"
                        + (deadline == null ? "" : "<upo:TerminDoreczenia>" + deadline + "</upo:TerminDoreczenia>"), id);
        inboxes.add(box, new Received("UPD-" + id, sender, replyTo, "UPD-" + id + ".xml", "text/xml", draft, now));
        return answer;
    }

    private Element odbierz(Document request, Element header, Element upd) {
        String entity = headerValue(header, "IdentyfikatorPodmiotu");
        byte[] signed = SoapCall.decodeBase64(SoapEndpoint.required(upd, "zawartosc"), "odbierz zawartosc");
        RecipientSignature.Verified verified = RecipientSignature.verify(signed);
        if (!verified.signer().equals(WsSecurity.senderCertificate(request))) {
            throw wyjatek("UPD podpisany innym certyfikatem niż certyfikat systemu (the UPD is signed by another"
                    + " certificate than the request)");
        }
        org.w3c.dom.NodeList ids = verified.document().getElementsByTagNameNS(Upp.NAMESPACE, "IdentyfikatorDokumentu");
        String documentId = ids.getLength() == 1 ? ids.item(0).getTextContent().strip() : "";
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "StatusDoreczyciela");
        synchronized (deliveries) {
            Delivery delivery = deliveries.get(documentId);
            if (delivery == null) {
                throw wyjatek("Brak dokumentu " + documentId + " do doręczenia");
            }
            if (!delivery.box().startsWith("/" + entity + "/")) {
                throw wyjatek("Brak uprawnień do skrytki " + delivery.box());
            }
            if (delivery.acknowledged()) {
                SoapCall.addChild(answer, "kod", "1");
                SoapCall.addChild(answer, "komunikat", "Dokument już odebrany");
                return answer;
            }
            if (delivery.deadline() != null && Instant.now().isAfter(delivery.deadline())) {
                SoapCall.addChild(answer, "kod", "-1");
                SoapCall.addChild(answer, "komunikat", "Upłynął termin doręczenia " + delivery.deadline());
                return answer;
            }
            Instant now = Instant.now();
            deliveries.put(documentId, new Delivery(delivery.orderId(), documentId, delivery.senderEntityId(), delivery.box(),
                    delivery.replyTo(), delivery.deadline(), delivery.caseId(), delivery.document(), true));
            inboxes.removeIf(delivery.box(), r -> r.documentId().equals("UPD-" + documentId));
            inboxes.add(delivery.box(), delivery.document());
            byte[] issued = TestXadesSigner.signEnveloped(receipt("UPD", "UPD-" + documentId, delivery.box(),
                    delivery.senderEntityId(), delivery.orderId(), "<upo:DataDoreczenia>" + now + "</upo:DataDoreczenia>"
                            + "<upo:DataWytworzeniaPoswiadczenia>" + now + "</upo:DataWytworzeniaPoswiadczenia>", documentId),
                    pki.epuapServer());
            inboxes.add(delivery.replyTo(), new Received("UPD-" + documentId + "-issued", "ePUAP", delivery.box(),
                    "UPD-" + documentId + ".xml", "text/xml", issued, now));
        }
        SoapCall.addChild(answer, "kod", "1");
        SoapCall.addChild(answer, "komunikat", "OK");
        return answer;
    }

    private Element fileRepository(Document request) {
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        Element download = first(body, Namespaces.FILE_REPOSITORY, "DownloadFileParam");
        if (download != null) {
            String fileId = SoapEndpoint.required(download, "fileId");
            SoapEndpoint.required(download, "subject");
            StoredFile file = files.remove(fileId);
            if (file == null) {
                throw new SoapEndpoint.Fault("soapenv:Server", "Plik " + fileId + " nie istnieje lub został już pobrany",
                        "<fc:WyjatekTyp xmlns:fc=\"" + Namespaces.FILE_REPOSITORY + "\"><kod>-1</kod><komunikat>Plik "
                                + SoapEndpoint.escape(fileId) + " nie istnieje lub został już pobrany</komunikat></fc:WyjatekTyp>");
            }
            Element answer = SoapCall.newRequest(Namespaces.FILE_REPOSITORY, "DataDocument");
            SoapCall.addChild(answer, "file", Base64.getEncoder().encodeToString(file.content()));
            SoapCall.addChild(answer, "filename", file.fileName());
            SoapCall.addChild(answer, "mimeType", file.mimeType());
            return answer;
        }
        Element upload = first(body, Namespaces.FILE_REPOSITORY, "UploadFileParam");
        if (upload != null) {
            String id = storeFile(SoapCall.decodeBase64(SoapEndpoint.required(upload, "file"), "uploadFile file"),
                    SoapEndpoint.required(upload, "filename"), SoapEndpoint.required(upload, "mimeType"));
            Element answer = SoapCall.newRequest(Namespaces.FILE_REPOSITORY, "fileId5");
            answer.setTextContent(id);
            return answer;
        }
        throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds neither DownloadFileParam nor UploadFileParam", null);
    }

    private static SoapEndpoint.Fault wyjatek(String message) {
        return new SoapEndpoint.Fault("soapenv:Server", message, "<ob:Wyjatek xmlns:ob=\"" + Namespaces.OBJECTS
                + "\"><kod>-1</kod><komunikat>" + SoapEndpoint.escape(message) + "</komunikat></ob:Wyjatek>");
    }

    private Element pull(Document request) {
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        Element query = null;
        for (Node n = body.getFirstChild(); n != null && query == null; n = n.getNextSibling()) {
            if (n instanceof Element e && Namespaces.OBJECTS.equals(e.getNamespaceURI())) {
                query = e;
            }
        }
        if (query == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds no pull query", null);
        }
        String entity = SoapEndpoint.required(query, "podmiot");
        String address = SoapEndpoint.required(query, "adresSkrytki");
        if (!inboxes.exists(address) || !address.startsWith("/" + entity + "/")) {
            throw new SoapEndpoint.Fault("soapenv:Server", "Brak uprawnień do skrytki " + address, null);
        }
        return switch (query.getLocalName()) {
            case "ZapytaniePullOczekujace" -> {
                Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzPullOczekujace");
                status(answer, "1", "OK");
                SoapCall.addChild(answer, "oczekujace", Integer.toString(inboxes.count(address)));
                yield answer;
            }
            case "ZapytaniePullPobierz" -> next(address);
            case "ZapytaniePullPotwierdz" -> {
                Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzPullPotwierdz");
                String skrot = SoapEndpoint.required(query, "skrot");
                Received confirmed = inboxes.removeFirstIf(address, r -> digest(r.content()).equals(skrot));
                if (confirmed != null) {
                    if (duplicateConfirmations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        inboxes.add(address, confirmed);
                    }
                    status(answer, "1", "OK");
                } else if (inboxes.first(address) == null) {
                    status(answer, "0", "Brak dokumentów do potwierdzenia");
                } else {
                    status(answer, "-1", "Skrót dokumentu nie zgadza się");
                }
                yield answer;
            }
            default -> throw new SoapEndpoint.Fault("soapenv:Client", "unknown pull operation " + query.getLocalName(), null);
        };
    }

    private Element next(String address) {
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzPullPobierz");
        Received doc = inboxes.first(address);
        if (doc == null) {
            status(answer, "0", "Brak dokumentów");
            return answer;
        }
        status(answer, "1", "OK");
        Element entity = SoapCall.addChild(answer, "danePodmiotu", "");
        SoapCall.addChild(entity, "identyfikator", doc.senderEntityId());
        SoapCall.addChild(entity, "typOsoby", "P");
        SoapCall.addChild(entity, "nazwiskoNazwa", doc.senderEntityId());
        SoapCall.addChild(entity, "zgoda", "true");
        Element sender = SoapCall.addChild(answer, "daneNadawcy", "");
        SoapCall.addChild(sender, "system", "okienko");
        SoapCall.addChild(answer, "dataNadania", doc.received().toString());
        SoapCall.addChild(answer, "nazwaSkrytki", address.substring(address.lastIndexOf('/') + 1));
        SoapCall.addChild(answer, "adresSkrytki", address);
        SoapCall.addChild(answer, "adresOdpowiedzi", doc.replyTo());
        SoapCall.addChild(answer, "czyTestowe", "false");
        SoapCall.addChild(answer, "daneDodatkowe", "");
        Element document = SoapCall.addChild(answer, "dokument", "");
        SoapCall.addChild(document, "nazwaPliku", doc.fileName());
        SoapCall.addChild(document, "typPliku", doc.mimeType());
        SoapCall.addChild(document, "zawartosc", Base64.getEncoder().encodeToString(doc.content()));
        return answer;
    }

    private String digest(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance(acceptedDigest.jcaName()).digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void status(Element answer, String code, String message) {
        Element status = SoapCall.addChild(answer, "status", "");
        SoapCall.addChild(status, "kod", code);
        SoapCall.addChild(status, "komunikat", message);
    }

    private static String headerValue(Element header, String name) {
        Element e = first(header, Namespaces.OBJECTS, name);
        if (e == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "missing header ob:" + name, null);
        }
        return e.getTextContent().strip();
    }

    private static @Nullable Element first(Element parent, String ns, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
