package dev.okienko.testkit.epuap;

import dev.okienko.testkit.pki.internal.XmlText;
import com.sun.net.httpserver.HttpExchange;
import dev.okienko.core.Environment;
import dev.okienko.core.Pesel;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationReport;
import dev.okienko.testkit.internal.LoopbackServer;
import dev.okienko.testkit.epuap.internal.SoapEndpoint;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestTrustedProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    private record Pending(byte[] document, URI success, URI failure, byte @Nullable [] signed) {
    }

    private final TestPki pki;
    private final LoopbackServer server;
    private final URI base;
    private final java.util.Map<X509Certificate, Set<String>> systems = new ConcurrentHashMap<>();
    private final Map<String, Pending> documents = new ConcurrentHashMap<>();
    private final SoapEndpoint endpoint;
    private volatile String firstName = "Anna";
    private volatile String surname = "Zając";
    private volatile Pesel pesel = TestData.pesel(LocalDate.of(1992, 4, 17), Pesel.Sex.FEMALE, 321);
    private volatile String accountId = "anna.zajac";

    private TrustedProfileSigningSimulator(TestPki pki) throws IOException {
        this.pki = pki;
        this.server = new LoopbackServer("okienko-pz-simulator");
        this.base = server.base();
        this.endpoint = new SoapEndpoint(systems, pki.epuapServer(), this::answer);
        server.handle(PATH, endpoint).handle("/pz/sign/", this::personSigns).start();
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
        systems.put(systemCertificate, Set.of());
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
        return endpoint.requestCount();
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ SOAP

    private Element answer(Document request) {
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        Element op = (Element) body.getElementsByTagNameNS(Namespaces.TRUSTED_PROFILE_SIGNING, "*").item(0);
        if (op == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "unknown operation", null);
        }
        return switch (op.getLocalName()) {
            case "addDocumentToSigning" -> addDocument(op);
            case "getSignedDocument" -> getSigned(op);
            case "verifySignedDocument" -> verify(op);
            default -> throw new SoapEndpoint.Fault("soapenv:Client", "unknown operation " + op.getLocalName(), null);
        };
    }

    private Element addDocument(Element op) {
        byte[] doc = Base64.getMimeDecoder().decode(SoapEndpoint.required(op, "doc"));
        String id = UUID.randomUUID().toString();
        documents.put(id, new Pending(doc, URI.create(SoapEndpoint.required(op, "successURL")),
                URI.create(SoapEndpoint.required(op, "failureURL")), null));
        return answer("addDocumentToSigningResponse", "addDocumentToSigningReturn", base.resolve("pz/sign/" + id).toString());
    }

    private Element getSigned(Element op) {
        String url = SoapEndpoint.required(op, "id");
        String id = url.substring(url.lastIndexOf('/') + 1);
        Pending p = documents.get(id);
        if (p == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "no such document: " + url, null);
        }
        return answer("getSignedDocumentResponse", "getSignedDocumentReturn",
                p.signed() == null ? "" : Base64.getEncoder().encodeToString(p.signed()));
    }

    private Element verify(Element op) {
        byte[] doc = Base64.getMimeDecoder().decode(SoapEndpoint.required(op, "document"));
        SignatureVerifier verifier = SignatureVerifier.builder()
                .trust(TrustConfiguration.anchors(pki.rootCertificate()))
                .trustedProfileSeals(List.of(pki.trustedProfileSeal().certificate()))
                .build();
        List<VerificationReport> reports = verifier.verify(Content.of(doc, "document.xml")).signatures();
        StringBuilder result = new StringBuilder("<WynikWeryfikacji>");
        for (VerificationReport r : reports) {
            result.append("<Podpis><Wynik>").append(r.verdict()).append("</Wynik><Rodzaj>").append(r.kind())
                    .append("</Rodzaj><Imie>").append(XmlText.escape(String.valueOf(r.signer().firstName())))
                    .append("</Imie><Nazwisko>").append(XmlText.escape(String.valueOf(r.signer().surname())))
                    .append("</Nazwisko></Podpis>");
        }
        return answer("verifySignedDocumentResponse", "verifySignedDocumentReturn", result.append("</WynikWeryfikacji>").toString());
    }

    private static Element answer(String operation, String returnName, String value) {
        Element response = SoapCall.newRequest(Namespaces.TRUSTED_PROFILE_SIGNING, operation);
        SoapCall.addChild(response, returnName, value);
        return response;
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
