package dev.okienko.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.okienko.core.Environment;
import dev.okienko.core.Pesel;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.epuap.TrustedProfileSigningClient;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.epuap.internal.soap.WsSecurityException;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationReport;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestTrustedProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An embedded trusted-profile signing service (TpSigning5) on 127.0.0.1: it takes documents over SOAP
 * (checking each request's WS-Security against the system certificates registered with it, as the real
 * service checks registered systems), gives back an address for the person to sign at, and when that
 * address is opened seals the document as the trusted profile does, with the test kit's trusted-profile seal
 * and the configured person's identity, then redirects to the caller's success address. Its answers are
 * signed with the test ePUAP server certificate.
 *
 * <pre>{@code
 * try (TrustedProfileSigningSimulator pz = TrustedProfileSigningSimulator.start(pki)) {
 *     pz.registerSystem(systemCredentials.certificate());
 *     TrustedProfileSigningClient client = TrustedProfileSigningClient.builder()
 *         .environment(pz.environment()).credentials(systemCredentials)
 *         .serviceCertificate(pz.serviceCertificate()).build();
 * }
 * }</pre>
 */
public final class TrustedProfileSigningSimulator implements AutoCloseable {
    private static final String PATH = "/" + Environment.Service.TRUSTED_PROFILE_SIGNING.simulatorPath();

    private record Pending(byte[] document, URI success, URI failure, @Nullable byte[] signed) {
    }

    private final TestPki pki;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI base;
    private final Set<X509Certificate> systems = ConcurrentHashMap.newKeySet();
    private final Map<String, Pending> documents = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String firstName = "Anna";
    private volatile String surname = "Zając";
    private volatile Pesel pesel = TestData.pesel(LocalDate.of(1992, 4, 17), Pesel.Sex.FEMALE, 321);
    private volatile String accountId = "anna.zajac";

    private TrustedProfileSigningSimulator(TestPki pki) throws IOException {
        this.pki = pki;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "okienko-pz-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, this::soap);
        server.createContext("/pz/sign/", this::personSigns);
        server.start();
    }

    /**
     * @param pki the test PKI whose trusted-profile seal signs and whose ePUAP server certificate signs answers
     * @return the running simulator
     */
    public static TrustedProfileSigningSimulator start(TestPki pki) {
        try {
            return new TrustedProfileSigningSimulator(pki);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the trusted-profile simulator", e);
        }
    }

    /** @return an environment whose trusted-profile signing address is this simulator */
    public Environment environment() {
        return Environment.custom(base);
    }

    /** @return the certificate the simulator signs its answers with */
    public X509Certificate serviceCertificate() {
        return pki.epuapServer().certificate();
    }

    /**
     * @param systemCertificate a system's certificate whose signed requests are accepted
     * @return this
     */
    public TrustedProfileSigningSimulator registerSystem(X509Certificate systemCertificate) {
        systems.add(systemCertificate);
        return this;
    }

    /**
     * @param first the person's first name
     * @param last their surname
     * @param personPesel their PESEL
     * @param epuapAccountId their ePUAP account id
     * @return this: the person who signs from now on
     */
    public TrustedProfileSigningSimulator person(String first, String last, Pesel personPesel, String epuapAccountId) {
        this.firstName = first;
        this.surname = last;
        this.pesel = personPesel;
        this.accountId = epuapAccountId;
        return this;
    }

    /** @return how many SOAP requests the simulator has answered */
    public int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ SOAP

    private void soap(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] answer;
        int status = 200;
        try (InputStream in = exchange.getRequestBody()) {
            Document request = SecureXml.parse(in.readNBytes(16 * 1024 * 1024));
            X509Certificate sender = WsSecurity.senderCertificate(request);
            if (sender == null || !systems.contains(sender)) {
                throw new Fault("soapenv:Client", "Nieznany certyfikat systemu (unknown system certificate)");
            }
            WsSecurity.verify(request, sender);
            Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
            Element op = (Element) body.getElementsByTagNameNS(TrustedProfileSigningClient.NAMESPACE, "*").item(0);
            if (op == null) {
                throw new Fault("soapenv:Client", "unknown operation");
            }
            answer = switch (op.getLocalName()) {
                case "addDocumentToSigning" -> addDocument(op);
                case "getSignedDocument" -> getSigned(op);
                case "verifySignedDocument" -> verify(op);
                default -> throw new Fault("soapenv:Client", "unknown operation " + op.getLocalName());
            };
        } catch (Fault f) {
            status = 500;
            answer = fault(f.code, f.getMessage());
        } catch (WsSecurityException | XmlException e) {
            status = 500;
            answer = fault("soapenv:Client", "the request's security is not acceptable: " + e.getMessage());
        }
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private byte[] addDocument(Element op) {
        byte[] doc = Base64.getMimeDecoder().decode(text(op, "doc"));
        String id = UUID.randomUUID().toString();
        documents.put(id, new Pending(doc, URI.create(text(op, "successURL")), URI.create(text(op, "failureURL")), null));
        return answer("addDocumentToSigningResponse", "addDocumentToSigningReturn", base.resolve("pz/sign/" + id).toString());
    }

    private byte[] getSigned(Element op) {
        String url = text(op, "id");
        String id = url.substring(url.lastIndexOf('/') + 1);
        Pending p = documents.get(id);
        if (p == null) {
            throw new Fault("soapenv:Client", "no such document: " + url);
        }
        return answer("getSignedDocumentResponse", "getSignedDocumentReturn",
                p.signed() == null ? "" : Base64.getEncoder().encodeToString(p.signed()));
    }

    private byte[] verify(Element op) {
        byte[] doc = Base64.getMimeDecoder().decode(text(op, "document"));
        SignatureVerifier verifier = SignatureVerifier.builder()
                .trust(TrustConfiguration.anchors(pki.rootCertificate()))
                .trustedProfileSeals(List.of(pki.trustedProfileSeal().certificate()))
                .build();
        List<VerificationReport> reports = verifier.verify(Content.of(doc, "document.xml")).signatures();
        StringBuilder result = new StringBuilder("<WynikWeryfikacji>");
        for (VerificationReport r : reports) {
            result.append("<Podpis><Wynik>").append(r.verdict()).append("</Wynik><Rodzaj>").append(r.kind())
                    .append("</Rodzaj><Imie>").append(escape(String.valueOf(r.signer().firstName())))
                    .append("</Imie><Nazwisko>").append(escape(String.valueOf(r.signer().surname())))
                    .append("</Nazwisko></Podpis>");
        }
        return answer("verifySignedDocumentResponse", "verifySignedDocumentReturn", result.append("</WynikWeryfikacji>").toString());
    }

    private byte[] answer(String operation, String returnName, String value) {
        Element response = SoapCall.newRequest(TrustedProfileSigningClient.NAMESPACE, operation);
        SoapCall.addChild(response, returnName, value);
        Document doc = response.getOwnerDocument();
        WsSecurity.sign(doc, pki.epuapServer().privateKey(), pki.epuapServer().certificate(), false);
        return SoapCall.serialise(doc);
    }

    private static byte[] fault(String code, String message) {
        return ("<soapenv:Envelope xmlns:soapenv=\"" + WsSecurity.SOAP + "\"><soapenv:Body><soapenv:Fault>"
                + "<faultcode>" + code + "</faultcode><faultstring>" + escape(message) + "</faultstring>"
                + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Element op, String name) {
        String value = SoapCall.text(op, name);
        if (value == null) {
            throw new Fault("soapenv:Client", "missing " + name);
        }
        return value;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    private static final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        Fault(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    // ------------------------------------------------------------------ the person in the browser

    private void personSigns(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/pz/sign/".length());
        Pending p = documents.get(id);
        if (p == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        boolean cancel = "cancel".equals(exchange.getRequestURI().getQuery());
        if (!cancel) {
            byte[] signed = TestTrustedProfile.sign(p.document(), pki.trustedProfileSeal(),
                    TestTrustedProfile.podpisZp(firstName, surname, pesel, accountId,
                            TestTrustedProfile.AccountIdPosition.IN_PERSON_DATA));
            documents.put(id, new Pending(p.document(), p.success(), p.failure(), signed));
        }
        exchange.getResponseHeaders().set("Location", (cancel ? p.failure() : p.success()).toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }
}
