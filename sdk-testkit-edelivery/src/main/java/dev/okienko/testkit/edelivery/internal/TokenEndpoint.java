package dev.okienko.testkit.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.internal.Mishaps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * The e-Doręczenia token endpoint as Keycloak does it for {@code client_credentials} with a signed-JWT client
 * assertion (RFC 7523): checks the form, the assertion's header ({@code RS256} only), its claims ({@code iss}
 * = {@code sub} = a registered client id, {@code aud} = the realm, {@code exp} in the future and at most
 * {@link #MAX_ASSERTION_LIFETIME} after {@code iat}, a {@code jti} never seen before) and its signature with
 * the certificate registered for that client, then issues an opaque access token. Errors are OAuth2 error
 * answers ({@code {"error", "error_description"}}), 400 or 401.
 *
 * <p>Over mutual TLS the client's TLS certificate must be the one registered for the client id, and the token
 * is bound to it (RFC 8705): {@link #clientOf} then accepts it only over a connection with that certificate.
 *
 * <p>Independent of okienko's own JWT code: it parses and verifies with the JDK alone.
 */
public final class TokenEndpoint implements HttpHandler {
    /** The longest {@code exp - iat} accepted. */
    public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    /**
     * A token issued.
     *
     * @param clientId to whom
     * @param expiresAt until when it is good
     * @param boundTo the TLS client certificate it was asked for with, or null over plain HTTP
     */
    public record Issued(String clientId, Instant expiresAt, @Nullable X509Certificate boundTo) {
    }

    private final String realm;
    private final Clock clock;
    private final Map<String, X509Certificate> clients = new ConcurrentHashMap<>();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private volatile Duration lifetime = Duration.ofMinutes(5);
    private volatile @Nullable String lastAssertion;
    private final Queue<Mishap> mishaps = new ConcurrentLinkedQueue<>();

    /**
     * @param realm the realm's address, which assertions must name as {@code aud}
     * @param clock the clock for expiry
     */
    public TokenEndpoint(String realm, Clock clock) {
        this.realm = realm;
        this.clock = clock;
    }

    /**
     * @param clientId a client id
     * @param certificate the certificate its assertions are signed with
     */
    public void register(String clientId, X509Certificate certificate) {
        clients.put(clientId, certificate);
    }

    /** @param lifetime how long issued tokens are good for */
    public void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Makes every token issued so far invalid, as after a restart of the operator's Keycloak. */
    public void revokeAll() {
        tokens.clear();
    }

    /** @return the client assertion of the last token request, as it came, or null */
    public @Nullable String lastAssertion() {
        return lastAssertion;
    }

    /** @param mishap what goes wrong with the next token request, before it is processed */
    public void inject(Mishap mishap) {
        mishaps.add(mishap);
    }

    /**
     * @return the audiences a Keycloak realm accepts in a client assertion (RFC 7523 section 3, OpenID Connect Core
     *     section 9; Keycloak's {@code JWTClientAuthenticator} without strict issuer-only checking): the realm's issuer
     *     URL, its token endpoint, its pushed authorization request endpoint and its CIBA authentication endpoint,
     *     compared as strings (so {@code :443} or a trailing slash makes another, refused, audience)
     */
    public List<String> audiences() {
        String oidc = realm + "/protocol/openid-connect";
        return List.of(realm, oidc + "/token", oidc + "/ext/par/request", oidc + "/ext/ciba/auth");
    }

    /** @return how many tokens were issued */
    public int issuedCount() {
        return issued.get();
    }

    /**
     * @param exchange a request to one of the APIs
     * @return the client id whose valid token its {@code Authorization} header carries, or null when it carries
     *     none, or the token is bound to another TLS client certificate than the request's
     */
    public @Nullable String clientOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        Issued token = tokens.get(authorization.substring(7).strip());
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            return null;
        }
        return token.boundTo() == null || token.boundTo().equals(tlsClient(exchange)) ? token.clientId() : null;
    }

    /**
     * @param exchange a request
     * @return the certificate its TLS client presented, or null (plain HTTP, or none)
     */
    static @Nullable X509Certificate tlsClient(HttpExchange exchange) {
        if (exchange instanceof HttpsExchange https) {
            try {
                Certificate[] chain = https.getSSLSession().getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
            } catch (SSLPeerUnverifiedException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Mishap mishap = mishaps.poll();
            if (mishap != null && Mishaps.play(mishap, exchange, "application/json")) {
                return;
            }
            int status;
            Map<String, Object> answer = new LinkedHashMap<>();
            try {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    throw new OAuthError(405, "invalid_request", "use POST");
                }
                Map<String, String> form = form(exchange);
                if (!"client_credentials".equals(form.get("grant_type"))) {
                    throw new OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
                }
                if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
                    throw new OAuthError(400, "invalid_client", "client_assertion_type must be jwt-bearer");
                }
                lastAssertion = form.get("client_assertion");
                String clientId = verify(lastAssertion);
                X509Certificate tls = tlsClient(exchange);
                if (exchange instanceof HttpsExchange && (tls == null || !tls.equals(clients.get(clientId)))) {
                    throw new OAuthError(401, "invalid_client", "the TLS client certificate is not the one registered for "
                            + clientId);
                }
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                Duration life = lifetime;
                tokens.put(token, new Issued(clientId, clock.instant().plus(life), tls));
                issued.incrementAndGet();
                answer.put("access_token", token);
                answer.put("expires_in", life.toSeconds());
                answer.put("refresh_expires_in", 0);
                answer.put("token_type", "Bearer");
                answer.put("not-before-policy", 0);
                answer.put("scope", "profile email");
                status = 200;
            } catch (OAuthError e) {
                status = e.status;
                answer.put("error", e.error);
                answer.put("error_description", e.getMessage());
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String verify(@Nullable String assertion) {
        if (assertion == null || assertion.isEmpty()) {
            throw new OAuthError(400, "invalid_client", "client_assertion is missing");
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new OAuthError(400, "invalid_client", "client_assertion is not a compact JWS");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode claims = json(parts[1], "payload");
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new OAuthError(401, "invalid_client", "only RS256 client assertions are accepted, not " + header.path("alg").asText());
        }
        String iss = claims.path("iss").asText("");
        X509Certificate certificate = clients.get(iss);
        if (certificate == null) {
            throw new OAuthError(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(certificate.getPublicKey());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(B64URL.decode(parts[2]))) {
                throw new OAuthError(401, "invalid_client", "Invalid client or Invalid client credentials (signature)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new OAuthError(401, "invalid_client", "the assertion's signature cannot be checked: " + e.getMessage());
        }
        if (!iss.equals(claims.path("sub").asText())) {
            throw new OAuthError(401, "invalid_client", "sub must equal iss");
        }
        JsonNode aud = claims.path("aud");
        List<String> accepted = audiences();
        boolean audOk = aud.isTextual() ? accepted.contains(aud.asText())
                : aud.isArray() && java.util.stream.StreamSupport.stream(aud.spliterator(), false).anyMatch(a -> accepted.contains(a.asText()));
        if (!audOk) {
            throw new OAuthError(401, "invalid_client", "Token audience doesn't match domain. Expected audiences are any of "
                    + accepted + " but audience from token is '" + aud + "'");
        }
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong() || !claims.path("iat").canConvertToLong()) {
            throw new OAuthError(401, "invalid_client", "exp and iat must be numbers");
        }
        Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
        Instant iat = Instant.ofEpochSecond(claims.path("iat").asLong());
        if (!now.isBefore(exp.plus(SKEW))) {
            throw new OAuthError(401, "invalid_client", "the assertion expired at " + exp);
        }
        if (iat.isAfter(now.plus(SKEW))) {
            throw new OAuthError(401, "invalid_client", "the assertion is issued in the future (" + iat + ")");
        }
        if (Duration.between(iat, exp).compareTo(MAX_ASSERTION_LIFETIME) > 0) {
            throw new OAuthError(401, "invalid_client", "the assertion lives longer than " + MAX_ASSERTION_LIFETIME);
        }
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty() || !usedJtis.add(jti)) {
            throw new OAuthError(401, "invalid_client", jti.isEmpty() ? "jti is missing" : "the assertion was used before (jti " + jti + ")");
        }
        return iss;
    }

    private static JsonNode json(String part, String what) {
        try {
            JsonNode node = JSON.readTree(B64URL.decode(part));
            if (node == null || !node.isObject()) {
                throw new OAuthError(400, "invalid_client", "the assertion's " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new OAuthError(400, "invalid_client", "the assertion's " + what + " cannot be read");
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new OAuthError(400, "invalid_request", "the request must be application/x-www-form-urlencoded");
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(64 * 1024 + 1);
        }
        if (bytes.length > 64 * 1024) {
            throw new OAuthError(400, "invalid_request", "the request is too large");
        }
        return UrlEncoded.decode(new String(bytes, StandardCharsets.US_ASCII));
    }

    private static final class OAuthError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;

        OAuthError(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }
    }
}
