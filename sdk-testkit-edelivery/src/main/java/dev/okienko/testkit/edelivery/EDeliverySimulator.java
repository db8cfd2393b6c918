package dev.okienko.testkit.edelivery;

import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.edelivery.AddressStatus;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.edelivery.internal.SearchEngine;
import dev.okienko.testkit.edelivery.internal.TokenEndpoint;
import dev.okienko.testkit.edelivery.internal.ua.MailboxService;
import dev.okienko.testkit.internal.LoopbackServer;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * An embedded e-Doręczenia on 127.0.0.1:
 * <ul>
 *   <li>the token endpoint, which takes OAuth2 {@code client_credentials} with a client assertion signed by a
 *   registered system (RFC 7523) and issues access tokens, as the operator's Keycloak realm {@code EDOR} does;</li>
 *   <li>the SE API (BAE search: {@code bae_search}, {@code eda-search}, {@code eda-confirmation}) over the entries
 *   {@link #addAddress added} to it, for holders of a token;</li>
 *   <li>the UA API: a mailbox for each registered system's address and each active address added; sending answers
 *   202 with a task that finishes {@link #taskDelay a moment later}, delivering to the recipients' mailboxes; drafts
 *   with multipart attachment uploads; listing and reading in the contract's formats (the recipient's {@code full}
 *   read opens the message); attachment download; subscriptions (webhooks); evidences A.1 (submitted), D.1 (in the
 *   recipient's mailbox), E.1 (opened, or presumed delivered once the clock passes D.1 by
 *   {@link #presumedDeliveryAfter 14 days}), each an ETSI EN 319 522 evidence XAdES-signed with the
 *   {@link #evidenceIssuer() evidence issuer's seal}.</li>
 * </ul>
 * Over plain HTTP ({@link #start}) or HTTPS with mutual TLS ({@link #startMutualTls}).
 * Things go wrong on demand: {@link #inject(Mishap)} before a UA request is processed,
 * {@link #injectAfterSend(Mishap)} after a message was accepted (the answer is lost, the letter is not),
 * {@link #injectSearch(Mishap)} before an SE API request, {@link #injectToken(Mishap)} before a token request,
 * and {@link #failNextSearch} answers an SE API request with an error in the SE API's shape.
 */
public final class EDeliverySimulator implements AutoCloseable {
    private final TestPki pki;
    private final LoopbackServer server;
    private final URI base;
    private final TokenEndpoint tokens;
    private final SearchEngine search;
    private final MailboxService mailboxes;
    private final TestIdentity evidenceIssuer;

    /** The most bytes an attachment sent inline in {@code POST /messages} may have; larger ones go through a draft. */
    public static final int MAX_INLINE_ATTACHMENT = dev.okienko.testkit.edelivery.internal.ua.MailboxService.MAX_INLINE_ATTACHMENT;

    /** The name of the simulated evidence issuer (the e-Delivery provider), as its seal and evidences give it. */
    public static final String EVIDENCE_ISSUER = "Operator e-Doręczeń (symulator okienko)";

    private EDeliverySimulator(TestPki pki, Clock clock, boolean mutualTls) throws IOException {
        this.pki = pki;
        server = mutualTls ? LoopbackServer.mutualTls("okienko-edelivery-simulator", serverTls(pki))
                : new LoopbackServer("okienko-edelivery-simulator");
        base = server.base();
        String tokenPath = "/" + Environment.Service.EDELIVERY_TOKEN.simulatorPath();
        tokens = new TokenEndpoint(base.resolve(tokenPath.substring(1, tokenPath.indexOf("/protocol/"))).toString(), clock);
        server.handle(tokenPath, tokens);
        search = new SearchEngine(tokens);
        server.handle("/" + Environment.Service.EDELIVERY_SEARCH.simulatorPath() + "search/", search);
        evidenceIssuer = pki.issueSeal(EVIDENCE_ISSUER, TestData.nip(525000731));
        String uaPath = "/" + Environment.Service.EDELIVERY_MAILBOX.simulatorPath();
        mailboxes = new MailboxService(tokens, clock,
                (xml, at) -> TestXadesSigner.signEnveloped(xml, evidenceIssuer, at, List.of()), EVIDENCE_ISSUER, uaPath);
        server.handle(uaPath, mailboxes);
        server.start();
    }

    /**
     * @param pki the test PKI (it signs the evidences)
     * @return the running simulator
     */
    public static EDeliverySimulator start(TestPki pki) {
        return start(pki, Clock.systemUTC());
    }

    /**
     * @param pki the test PKI (it signs the evidences)
     * @param clock the simulator's time, e.g. a {@link dev.okienko.testkit.SimulatorClock} that tests move forward to expire tokens
     *     or reach presumed delivery
     * @return the running simulator
     */
    public static EDeliverySimulator start(TestPki pki, Clock clock) {
        try {
            return new EDeliverySimulator(pki, clock, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the e-Doręczenia simulator", e);
        }
    }

    /**
     * Starts the simulator over HTTPS with mutual TLS: its server certificate ({@link TestPki#epuapServer()},
     * for 127.0.0.1) chains to the test PKI's root, and every client must present a certificate that does too.
     * Tokens are bound to the certificate they were asked for with (OAuth 2.0 mutual-TLS client
     * authentication, RFC 8705): the token endpoint takes only the client's registered certificate, and the
     * APIs take a token only over a connection with that same certificate. Clients connect with
     * {@code HttpClients.builder().clientCertificate(systemCredentials).trustAnchors(List.of(pki.rootCertificate()))}.
     *
     * @param pki the test PKI
     * @param clock the simulator's time
     * @return the running simulator
     */
    public static EDeliverySimulator startMutualTls(TestPki pki, Clock clock) {
        try {
            return new EDeliverySimulator(pki, clock, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the e-Doręczenia simulator", e);
        }
    }

    private static SSLContext serverTls(TestPki pki) {
        try {
            char[] password = "simulator".toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(pki.epuapServer().toKeyStore(password), password);
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("root", pki.rootCertificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the simulator's TLS", e);
        }
    }

    /** @return an environment whose e-Doręczenia services are this simulator */
    public Environment environment() {
        return Environment.custom(base);
    }

    /** @return the token endpoint */
    public URI tokenEndpoint() {
        return base.resolve(Environment.Service.EDELIVERY_TOKEN.simulatorPath());
    }

    /**
     * Registers a system of a mailbox, as its administrator does in the mailbox: its assertions are then
     * accepted under the client id {@code <ADE>.SYSTEM.<systemName>}.
     *
     * @param ade the mailbox
     * @param systemName the system's name
     * @param certificate the certificate its assertions are signed with
     * @return this
     */
    public EDeliverySimulator registerSystem(Ade ade, String systemName, X509Certificate certificate) {
        tokens.register(ade.value() + ".SYSTEM." + systemName, certificate);
        mailboxes.open(ade.value());
        return this;
    }

    /**
     * @param lifetime how long access tokens issued from now on are good for (5 minutes by default)
     * @return this
     */
    public EDeliverySimulator tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
        return this;
    }

    /** Makes every access token issued so far invalid, so that the next call with one gets HTTP 401. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /**
     * @param entry an entry to add to the address database
     * @return this
     */
    public EDeliverySimulator addAddress(BaeEntry entry) {
        Map<String, String> ids = new LinkedHashMap<>();
        entry.officialIds().forEach(id -> ids.put(id.registry().wireName(), id.id()));
        search.add(new SearchEngine.Entry(entry.ade().value(), entry.status().name(), entry.degree().code(), entry.isPublic(),
                entry.category().name(), entry.entityName(), entry.name(), entry.surname(), ids, entry.city()));
        if (entry.status() == AddressStatus.ACTIVE) {
            mailboxes.open(entry.ade().value());
        } else {
            mailboxes.close(entry.ade().value());
        }
        return this;
    }

    /**
     * Makes the next SE API request (after its token was checked) fail with an error in the SE API's shape;
     * called several times, as many requests fail in turn.
     *
     * @param status the HTTP status, e.g. 400 or 503
     * @param code the error code, e.g. {@code SEAPI-00002}
     * @param message the message
     * @return this
     */
    public EDeliverySimulator failNextSearch(int status, String code, String message) {
        search.failNext(status, code, message);
        return this;
    }

    /**
     * Makes the next SE API request go wrong before it is processed; called several times, as many requests
     * go wrong in turn.
     *
     * @param mishap a status, a delay, a dropped connection or a raw answer
     * @return this
     */
    public EDeliverySimulator injectSearch(Mishap mishap) {
        transportOnly(mishap);
        search.inject(mishap);
        return this;
    }

    /**
     * Makes the next token request go wrong before it is processed.
     *
     * @param mishap a status, a delay, a dropped connection or a raw answer
     * @return this
     */
    public EDeliverySimulator injectToken(Mishap mishap) {
        transportOnly(mishap);
        tokens.inject(mishap);
        return this;
    }

    /** @return how many SE API requests came, including those a mishap spoiled */
    public int searchRequests() {
        return search.requests();
    }

    /** @return the last SE API request body, as it came, or null (for contract tests) */
    public com.fasterxml.jackson.databind.@Nullable JsonNode lastSearchRequest() {
        return search.lastRequest();
    }

    /** @return the client assertion (a JWT) of the last token request, as it came, or null (for tests) */
    public @Nullable String lastClientAssertion() {
        return tokens.lastAssertion();
    }

    /** @return how many access tokens were issued */
    public int tokensIssued() {
        return tokens.issuedCount();
    }

    /** @return the seal that signs the evidences (trust its certificate to check them) */
    public TestIdentity evidenceIssuer() {
        return evidenceIssuer;
    }

    /** @return the certificate of the seal that signs the evidences */
    public X509Certificate evidenceCertificate() {
        return evidenceIssuer.certificate();
    }

    /** @return the base URL under which the UA API's official paths ({@code /{eDeliveryAddress}/messages}, ...) answer */
    public URI mailboxUrl() {
        return base.resolve(Environment.Service.EDELIVERY_MAILBOX.simulatorPath());
    }

    /**
     * @param delay how long a sending task stays PENDING before it delivers (150 ms by default)
     * @return this
     */
    public EDeliverySimulator taskDelay(Duration delay) {
        mailboxes.taskDelay(delay);
        return this;
    }

    /**
     * @param period how long after D.1 an unopened message is presumed delivered (14 days by default); the
     *     simulator's clock decides when that is
     * @return this
     */
    public EDeliverySimulator presumedDeliveryAfter(Duration period) {
        mailboxes.presumedAfter(period);
        return this;
    }

    /**
     * Makes the next UA API request go wrong before it is processed; called several times, as many requests
     * in turn.
     *
     * @param mishap what goes wrong: an HTTP status, a delay, a dropped connection, a raw answer
     * @return this
     */
    public EDeliverySimulator inject(Mishap mishap) {
        transportOnly(mishap);
        mailboxes.inject(mishap);
        return this;
    }

    /**
     * Makes the answer to the next accepted {@code POST /messages} go wrong after the message was accepted and
     * its task started: the letter goes out, the sender does not learn it from the answer.
     *
     * @param mishap what happens to the answer: a status (e.g. 502), a delay (past the client's timeout), a
     *     dropped connection
     * @return this
     */
    public EDeliverySimulator injectAfterSend(Mishap mishap) {
        transportOnly(mishap);
        mailboxes.injectAfterSend(mishap);
        return this;
    }

    /** The UA API's answers are JSON, not signed XML: a mishap that alters a signed answer has nothing to act on. */
    private static void transportOnly(Mishap mishap) {
        if (mishap.alter() != null) {
            throw new IllegalArgumentException("Mishap.alterAnswer changes signed SOAP answers; e-Doręczenia answers JSON"
                    + " (use alterEvidences, or rawAnswer)");
        }
    }

    /** @return the last message sent ({@code POST /messages} body as it came, or the sent draft as made), or null */
    public com.fasterxml.jackson.databind.@Nullable JsonNode lastSendRequest() {
        return mailboxes.lastSend();
    }

    /** @return how many sending requests ({@code POST /messages}, {@code POST /drafts/send}) came, accepted or not */
    public int sendRequests() {
        return mailboxes.sendRequests();
    }

    /** @return how many drafts the mailboxes keep (made and neither sent nor deleted) */
    public int draftCount() {
        return mailboxes.drafts();
    }

    /**
     * @param ade a mailbox
     * @return how many messages it has received
     */
    public long receivedCount(Ade ade) {
        return mailboxes.received(ade.value());
    }

    /**
     * Changes the bytes of every attachment download from now on, while the message still declares the original
     * size and hash: an attachment damaged in transit or altered in the operator's store, for tests of the
     * receiver's checks.
     *
     * @param change takes an attachment's bytes, gives the ones served; return them unchanged to leave one alone
     * @return this
     */
    public EDeliverySimulator alterDownloads(UnaryOperator<byte[]> change) {
        mailboxes.alterDownloads(change);
        return this;
    }

    /**
     * Changes every evidence document issued from now on, after the operator has signed it: a forged or altered
     * evidence, for tests (and conformance scenarios) of the client's checks.
     *
     * @param change takes a signed evidence document, gives the one issued instead
     * @return this
     */
    public EDeliverySimulator forgeEvidences(UnaryOperator<byte[]> change) {
        mailboxes.forgeEvidences(java.util.Objects.requireNonNull(change, "change"));
        return this;
    }

    /**
     * Changes every evidence document issued so far, e.g. to forge one (for tests of the client's checks).
     *
     * @param change takes an evidence document, gives the one served from now on
     * @return this
     */
    public EDeliverySimulator alterEvidences(UnaryOperator<byte[]> change) {
        mailboxes.alterEvidences(change);
        return this;
    }

    /** @return the requests answered so far (token, SE, UA), oldest first, without their bodies */
    public java.util.List<dev.okienko.testkit.Exchange> traffic() {
        return server.traffic();
    }

    @Override
    public void close() {
        mailboxes.shutdown();
        server.close();
    }
}
