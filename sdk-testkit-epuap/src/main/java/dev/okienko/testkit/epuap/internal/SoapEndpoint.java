package dev.okienko.testkit.epuap.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.epuap.WsSecurityException;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.internal.Mishaps;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.internal.XmlText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP side every simulator shares, as ePUAP's services behave: a request must be signed (WS-Security)
 * by a registered system certificate, otherwise a SOAP fault answers; an operation builds its answer, which
 * is signed with the server's identity; an operation's refusal becomes a SOAP fault.
 */
public final class SoapEndpoint implements HttpHandler {
    /** The largest request a simulator reads. */
    private static final int MAX_REQUEST = 32 * 1024 * 1024;

    /** One operation: from the request envelope to the answer's operation element. */
    @FunctionalInterface
    public interface Operations {
        /**
         * @param request the verified request envelope
         * @return the answer's operation element, made with {@link SoapCall#newRequest}
         * @throws Fault to answer with a SOAP fault
         */
        Element answer(Document request);
    }

    /** A refusal, answered as a SOAP fault. */
    public static final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final @Nullable String detail;

        /**
         * @param code the faultcode, e.g. {@code soapenv:Client}
         * @param message the faultstring
         * @param detail XML to put in the fault's detail, or null
         */
        public Fault(String code, String message, @Nullable String detail) {
            super(message);
            this.code = code;
            this.detail = detail;
        }
    }

    private final java.util.Map<X509Certificate, Set<String>> systems;
    private final TestIdentity server;
    private final Operations operations;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<@Nullable Document> lastRequest = new AtomicReference<>();
    private final AtomicReference<@Nullable Document> lastAnswer = new AtomicReference<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<Mishap> mishaps = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<java.util.Map.Entry<String, Mishap>> targeted =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private volatile java.util.function.@Nullable Supplier<byte[]> wsdl;

    /**
     * @param wsdl what {@code GET ?wsdl} answers
     */
    public void serveWsdl(java.util.function.Supplier<byte[]> wsdl) {
        this.wsdl = wsdl;
    }

    /**
     * @param mishap what goes wrong with the next request not yet given a mishap
     */
    public void inject(Mishap mishap) {
        mishaps.add(mishap);
    }

    /**
     * @param operation an operation's name, e.g. {@code potwierdzOdebranie}
     * @param mishap what goes wrong with the next request for that operation, once it has been read
     */
    public void inject(String operation, Mishap mishap) {
        targeted.add(java.util.Map.entry(operation, mishap));
    }

    private @Nullable Mishap targeted(String operation) {
        for (java.util.Map.Entry<String, Mishap> e : targeted) {
            if (e.getKey().equals(operation) && targeted.remove(e)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * @param systems the registered system certificates and the entities each may act for, none for any (a live map:
     *     registrations apply at once)
     * @param server the identity answers are signed with
     * @param operations what the service does
     */
    public SoapEndpoint(java.util.Map<X509Certificate, Set<String>> systems, TestIdentity server, Operations operations) {
        this.systems = systems;
        this.server = server;
        this.operations = operations;
    }

    /** @return how many requests have been answered */
    public int requestCount() {
        return requests.get();
    }

    /** @return the last answer sent, signed (for contract tests) */
    public @Nullable Document lastAnswer() {
        return lastAnswer.get();
    }

    /** @return the last request received, as it came (for contract tests) */
    public @Nullable Document lastRequest() {
        return lastRequest.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            java.util.function.Supplier<byte[]> contract = wsdl;
            boolean asked = "wsdl".equalsIgnoreCase(exchange.getRequestURI().getQuery());
            byte[] body = asked && contract != null ? contract.get()
                    : (asked ? "this simulator was started without the official WSDL (serveContracts)" : "POST SOAP 1.1 here")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", asked && contract != null ? "text/xml; charset=utf-8" : "text/plain");
            exchange.sendResponseHeaders(asked && contract != null ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        requests.incrementAndGet();
        Mishap mishap = mishaps.poll();
        if (mishap != null && Mishaps.play(mishap, exchange, "text/xml; charset=utf-8")) {
            return;
        }
        byte[] answer;
        int status = 200;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_REQUEST + 1);
            if (bytes.length > MAX_REQUEST) {
                throw new Fault("soapenv:Client", "the request is larger than " + MAX_REQUEST + " bytes", null);
            }
            lastRequest.set(SecureXml.parse(bytes));
            Document request = SecureXml.parse(bytes);
            String operation = operation(request);
            if (operation != null) {
                dev.okienko.testkit.internal.LoopbackServer.operation(exchange, operation);
                Mishap aimed = targeted(operation);
                if (aimed != null) {
                    if (Mishaps.play(aimed, exchange, "text/xml; charset=utf-8")) {
                        return;
                    }
                    mishap = aimed;
                }
            }
            X509Certificate sender = WsSecurity.senderCertificate(request);
            if (sender == null || !systems.containsKey(sender)) {
                throw new Fault("soapenv:Client", "Nieznany certyfikat systemu (unknown system certificate)", null);
            }
            WsSecurity.verify(request, sender);
            requireSha256(request);
            Set<String> entities = systems.getOrDefault(sender, Set.of());
            String acting = actingEntity(request);
            if (!entities.isEmpty() && acting != null && !entities.contains(acting)) {
                throw new Fault("soapenv:Client", "Brak uprawnień systemu do działania w imieniu podmiotu " + acting
                        + " (the system is registered for " + String.join(", ", new java.util.TreeSet<>(entities)) + ")", null);
            }
            Element response = operations.answer(request);
            Document doc = response.getOwnerDocument();
            if (mishap != null && mishap.alter() != null) {
                mishap.alter().accept(doc);
            }
            WsSecurity.sign(doc, server.privateKey(), server.certificate(), false);
            answer = SoapCall.serialise(doc);
            lastAnswer.set(SecureXml.parse(answer));
        } catch (Fault f) {
            status = 500;
            answer = fault(f.code, String.valueOf(f.getMessage()), f.detail);
        } catch (WsSecurityException | XmlException e) {
            status = 500;
            answer = fault("soapenv:Client", "the request's security is not acceptable: " + e.getMessage(), null);
        }
        if (mishap != null && mishap.answerDelayMillis() > 0) {
            try {
                Thread.sleep(mishap.answerDelayMillis()); // done, and the client does not know it yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /**
     * @param op an operation element of a request
     * @param name a child's local name
     * @return its text
     * @throws Fault when it is missing
     */
    public static String required(Element op, String name) {
        String value = SoapCall.text(op, name);
        if (value == null) {
            throw new Fault("soapenv:Client", "missing " + name, null);
        }
        return value;
    }

    /** ePUAP takes RSA-SHA256 signatures with SHA-256 digests only: SHA-1 is withdrawn. */
    private static void requireSha256(Document request) {
        String ds = "http://www.w3.org/2000/09/xmldsig#";
        List<String> wrong = new java.util.ArrayList<>();
        org.w3c.dom.NodeList methods = request.getElementsByTagNameNS(ds, "SignatureMethod");
        for (int i = 0; i < methods.getLength(); i++) {
            String a = ((Element) methods.item(i)).getAttribute("Algorithm");
            if (!a.equals("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")) {
                wrong.add("SignatureMethod " + a);
            }
        }
        org.w3c.dom.NodeList digests = request.getElementsByTagNameNS(ds, "DigestMethod");
        for (int i = 0; i < digests.getLength(); i++) {
            String a = ((Element) digests.item(i)).getAttribute("Algorithm");
            if (!a.equals(WsSecurity.SHA256)) {
                wrong.add("DigestMethod " + a);
            }
        }
        if (!wrong.isEmpty()) {
            throw new Fault("soapenv:Client", "Niedozwolony algorytm podpisu (ePUAP accepts RSA-SHA256 with SHA-256 digests only; "
                    + "SHA-1 is withdrawn): " + String.join(", ", wrong), null);
        }
    }

    /**
     * @return the entity a request acts for: its header's {@code IdentyfikatorPodmiotu} (skrytka, doreczyciel) or its
     *     Body's {@code podmiot} (pull); null when it names none
     */
    private static @Nullable String actingEntity(Document request) {
        for (String[] where : new String[][] {{"Header", "IdentyfikatorPodmiotu"}, {"Body", "podmiot"}}) {
            org.w3c.dom.NodeList parts = request.getElementsByTagNameNS(WsSecurity.SOAP, where[0]);
            if (parts.getLength() == 0) {
                continue;
            }
            org.w3c.dom.NodeList found = ((Element) parts.item(0)).getElementsByTagNameNS("*", where[1]);
            if (found.getLength() > 0) {
                String value = found.item(0).getTextContent().trim();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }

    /** @return the local name of the Body's first element, or null */
    private static @Nullable String operation(Document request) {
        org.w3c.dom.NodeList bodies = request.getElementsByTagNameNS(WsSecurity.SOAP, "Body");
        if (bodies.getLength() == 0) {
            return null;
        }
        for (org.w3c.dom.Node n = bodies.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e.getLocalName();
            }
        }
        return null;
    }

    private static byte[] fault(String code, String message, @Nullable String detail) {
        return ("<soapenv:Envelope xmlns:soapenv=\"" + WsSecurity.SOAP + "\"><soapenv:Body><soapenv:Fault>"
                + "<faultcode>" + code + "</faultcode><faultstring>" + XmlText.escape(message) + "</faultstring>"
                + (detail == null ? "" : "<detail>" + detail + "</detail>")
                + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

}
