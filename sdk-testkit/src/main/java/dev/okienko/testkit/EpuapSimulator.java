package dev.okienko.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Environment;
import dev.okienko.epuap.ConfirmationDigest;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.testkit.internal.SoapEndpoint;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An embedded ePUAP on 127.0.0.1 (work in progress, issue 5): the {@code skrytka} service that takes
 * documents into inboxes kept in memory and answers each delivery with a signed UPP, and the {@code pull} service that hands them out one at a time
 * until each is confirmed with its digest. Requests must be signed by a registered system certificate (an
 * unknown one gets a SOAP fault, as from the real ePUAP); answers are signed with the test ePUAP server
 * certificate.
 */
public final class EpuapSimulator implements AutoCloseable {
    private static final String SERVICES = "/" + Environment.Service.EPUAP.simulatorPath();

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

    private final TestPki pki;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI base;
    private final Set<X509Certificate> systems = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Received>> inboxes = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100_000);
    private final SoapEndpoint skrytka;
    private final SoapEndpoint pull;
    private volatile ConfirmationDigest acceptedDigest = ConfirmationDigest.SHA1;

    private EpuapSimulator(TestPki pki) throws IOException {
        this.pki = pki;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "okienko-epuap-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        skrytka = new SoapEndpoint(systems, pki.epuapServer(), this::nadaj);
        server.createContext(SERVICES + "skrytka", skrytka);
        pull = new SoapEndpoint(systems, pki.epuapServer(), this::pull);
        server.createContext(SERVICES + "pull", pull);
        server.start();
    }

    /**
     * @param pki the test PKI whose ePUAP server certificate signs the answers
     * @return the running simulator
     */
    public static EpuapSimulator start(TestPki pki) {
        try {
            return new EpuapSimulator(pki);
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
        inboxes.putIfAbsent(box.value(), new CopyOnWriteArrayList<>());
        return this;
    }

    /**
     * @param box a box
     * @return the documents in it not yet confirmed, oldest first
     */
    public List<Received> inbox(EpuapAddress box) {
        return List.copyOf(inboxes.getOrDefault(box.value(), List.of()));
    }

    /** @return the last request the skrytka service received, as it came (for contract tests) */
    public @Nullable Document lastSkrytkaRequest() {
        return skrytka.lastRequest();
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
     * @param service {@code skrytka} or {@code pull}
     * @param mishap what goes wrong
     * @return this
     */
    public EpuapSimulator inject(String service, Mishap mishap) {
        (switch (service) {
            case "skrytka" -> skrytka;
            case "pull" -> pull;
            default -> throw new IllegalArgumentException("no service " + service);
        }).inject(mishap);
        return this;
    }

    /** @return the last request the pull service received (for contract tests) */
    public @Nullable Document lastPullRequest() {
        return pull.lastRequest();
    }

    /** @return the last answer the pull service sent (for contract tests) */
    public @Nullable Document lastPullAnswer() {
        return pull.lastAnswer();
    }

    /** @return the last answer the skrytka service sent, signed (for contract tests) */
    public @Nullable Document lastSkrytkaAnswer() {
        return skrytka.lastAnswer();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Element nadaj(Document request) {
        Element header = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        Element document = first(body, EpuapClient.OBJECTS, "Dokument");
        if (document == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds no ob:Dokument", null);
        }
        String sender = headerValue(header, "IdentyfikatorPodmiotu");
        String box = headerValue(header, "AdresSkrytki");
        String replyTo = headerValue(header, "AdresOdpowiedzi");
        boolean trial = Boolean.parseBoolean(headerValue(header, "CzyProbne"));
        List<Received> inbox = inboxes.get(box);
        if (inbox == null) {
            throw new SoapEndpoint.Fault("soapenv:Server", "Skrytka " + box + " nie istnieje",
                    "<ob:Wyjatek xmlns:ob=\"" + EpuapClient.OBJECTS + "\"><kod>-1</kod><komunikat>Skrytka " + box
                            + " nie istnieje</komunikat></ob:Wyjatek>");
        }
        String id = Long.toString(ids.incrementAndGet());
        Instant now = Instant.now();
        if (!trial) {
            inbox.add(new Received(id, sender, replyTo, SoapEndpoint.required(document, "nazwaPliku"),
                    String.valueOf(SoapCall.text(document, "typPliku")),
                    Base64.getMimeDecoder().decode(SoapEndpoint.required(document, "zawartosc")), now));
        }
        Element answer = SoapCall.newRequest(EpuapClient.OBJECTS, "OdpowiedzSkrytki");
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
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><upo:Dokument xmlns:upo=\"" + Upp.NAMESPACE + "\">"
                + "<upo:UPP><upo:IdentyfikatorPoswiadczenia>" + uppId + "</upo:IdentyfikatorPoswiadczenia>"
                + "<upo:Adresat>" + SoapEndpoint.escape(box) + "</upo:Adresat>"
                + "<upo:Nadawca>" + SoapEndpoint.escape(sender) + "</upo:Nadawca>"
                + "<upo:DataDoreczenia>" + deliveredAt + "</upo:DataDoreczenia>"
                + "<upo:DataWytworzeniaPoswiadczenia>" + Instant.now() + "</upo:DataWytworzeniaPoswiadczenia>"
                + "<upo:IdentyfikatorDokumentu>" + documentId + "</upo:IdentyfikatorDokumentu>"
                + "</upo:UPP></upo:Dokument>";
        return TestXadesSigner.signEnveloped(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8), pki.epuapServer());
    }

    private Element pull(Document request) {
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        Element query = null;
        for (Node n = body.getFirstChild(); n != null && query == null; n = n.getNextSibling()) {
            if (n instanceof Element e && EpuapClient.OBJECTS.equals(e.getNamespaceURI())) {
                query = e;
            }
        }
        if (query == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds no pull query", null);
        }
        String entity = SoapEndpoint.required(query, "podmiot");
        String address = SoapEndpoint.required(query, "adresSkrytki");
        List<Received> inbox = inboxes.get(address);
        if (inbox == null || !address.startsWith("/" + entity + "/")) {
            throw new SoapEndpoint.Fault("soapenv:Server", "Brak uprawnień do skrytki " + address, null);
        }
        return switch (query.getLocalName()) {
            case "ZapytaniePullOczekujace" -> {
                Element answer = SoapCall.newRequest(EpuapClient.OBJECTS, "OdpowiedzPullOczekujace");
                status(answer, "1", "OK");
                SoapCall.addChild(answer, "oczekujace", Integer.toString(inbox.size()));
                yield answer;
            }
            case "ZapytaniePullPobierz" -> next(inbox, address);
            case "ZapytaniePullPotwierdz" -> {
                Element answer = SoapCall.newRequest(EpuapClient.OBJECTS, "OdpowiedzPullPotwierdz");
                String skrot = SoapEndpoint.required(query, "skrot");
                synchronized (inbox) {
                    if (inbox.isEmpty()) {
                        status(answer, "0", "Brak dokumentów do potwierdzenia");
                    } else if (!digest(inbox.get(0).content()).equals(skrot)) {
                        status(answer, "-1", "Skrót dokumentu nie zgadza się");
                    } else {
                        inbox.remove(0);
                        status(answer, "1", "OK");
                    }
                }
                yield answer;
            }
            default -> throw new SoapEndpoint.Fault("soapenv:Client", "unknown pull operation " + query.getLocalName(), null);
        };
    }

    private Element next(List<Received> inbox, String address) {
        Element answer = SoapCall.newRequest(EpuapClient.OBJECTS, "OdpowiedzPullPobierz");
        Received doc = inbox.isEmpty() ? null : inbox.get(0);
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
        Element e = first(header, EpuapClient.OBJECTS, name);
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
