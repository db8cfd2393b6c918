package dev.okienko.testkit;

import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.AddressStatus;
import dev.okienko.edelivery.AssignmentDegree;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.testkit.internal.LoopbackServer;
import dev.okienko.testkit.internal.SearchEngine;
import dev.okienko.testkit.internal.TokenEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

/**
 * An embedded e-Doręczenia on 127.0.0.1. So far:
 * <ul>
 *   <li>the token endpoint, which takes OAuth2 {@code client_credentials} with a client assertion signed by a
 *       registered system (RFC 7523) and issues access tokens, as the operator's Keycloak realm {@code EDOR} does;</li>
 *   <li>the SE API (BAE search: {@code bae_search}, {@code eda-search}, {@code eda-confirmation}) over the
 *       entries {@link #addAddress added} to it, for holders of a token.</li>
 * </ul>
 */
public final class EDeliverySimulator implements AutoCloseable {
    /**
     * An entry of the simulated address database (BAE).
     *
     * @param ade the address
     * @param status its status
     * @param degree its assignment degree
     * @param isPublic whether the owner is a public entity
     * @param category the search category it is found under
     * @param entityName the entity's name, or null for a person
     * @param name a person's first name, or null
     * @param surname a person's surname, or null
     * @param officialIds the owner's ids in official registers
     * @param city the city of its correspondence address
     */
    public record BaeEntry(Ade ade, AddressStatus status, AssignmentDegree degree, boolean isPublic,
                           AddressQuery.Category category, @Nullable String entityName, @Nullable String name,
                           @Nullable String surname, List<OfficialId> officialIds, String city) {

        /** Copies the list. */
        public BaeEntry {
            officialIds = List.copyOf(officialIds);
        }

        /**
         * @param ade its address
         * @param name the body's name
         * @param nip its NIP
         * @param city its city
         * @return an active, disclosed address of a public body
         */
        public static BaeEntry publicBody(Ade ade, String name, Nip nip, String city) {
            return new BaeEntry(ade, AddressStatus.ACTIVE, AssignmentDegree.DISCLOSED, true,
                    AddressQuery.Category.PUBLIC_INSTITUTION, name, null, null, List.of(OfficialId.of(nip)), city);
        }

        /**
         * @param ade their address
         * @param name first name
         * @param surname surname
         * @param pesel their PESEL
         * @param city their city
         * @return an active, disclosed address of a natural person
         */
        public static BaeEntry person(Ade ade, String name, String surname, Pesel pesel, String city) {
            return new BaeEntry(ade, AddressStatus.ACTIVE, AssignmentDegree.DISCLOSED, false,
                    AddressQuery.Category.INDIVIDUAL, null, name, surname, List.of(OfficialId.of(pesel)), city);
        }

        /**
         * @param newStatus another status
         * @return this entry with it
         */
        public BaeEntry withStatus(AddressStatus newStatus) {
            return new BaeEntry(ade, newStatus, degree, isPublic, category, entityName, name, surname, officialIds, city);
        }
    }

    private final TestPki pki;
    private final LoopbackServer server;
    private final URI base;
    private final TokenEndpoint tokens;
    private final SearchEngine search;

    private EDeliverySimulator(TestPki pki, Clock clock) throws IOException {
        this.pki = pki;
        server = new LoopbackServer("okienko-edelivery-simulator");
        base = server.base();
        String tokenPath = "/" + Environment.Service.EDELIVERY_TOKEN.simulatorPath();
        tokens = new TokenEndpoint(base.resolve(tokenPath.substring(1, tokenPath.indexOf("/protocol/"))).toString(), clock);
        server.handle(tokenPath, tokens);
        search = new SearchEngine(tokens);
        server.handle("/" + Environment.Service.EDELIVERY_SEARCH.simulatorPath() + "search/", search);
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
     * @param clock the simulator's time, e.g. a {@link SimulatorClock} that tests move forward to expire tokens
     *     or reach presumed delivery
     * @return the running simulator
     */
    public static EDeliverySimulator start(TestPki pki, Clock clock) {
        try {
            return new EDeliverySimulator(pki, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the e-Doręczenia simulator", e);
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

    @Override
    public void close() {
        server.close();
    }
}
