package dev.okienko.edelivery;

import static dev.okienko.edelivery.internal.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.Environment;
import dev.okienko.core.HttpClients;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.core.internal.http.Tls;
import dev.okienko.edelivery.internal.JsonCall;
import dev.okienko.edelivery.internal.Jwt;
import java.io.IOException;
import java.net.URI;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Access tokens for e-Doręczenia by OAuth2 {@code client_credentials} with a client assertion (RFC 7523):
 * a JWT signed RS256 with the system's key, whose {@code iss} and {@code sub} are the client id
 * {@code <ADE>.SYSTEM.<systemName>}, {@code aud} the realm's address, {@code iat}, {@code exp} (300 s later)
 * and a fresh {@code jti}. Tokens are cached until {@link Builder#refreshBefore shortly before} they expire,
 * and fetched again when a service refused one ({@link #invalidate}). Thread-safe; concurrent callers share
 * one fetch.
 *
 * <pre>{@code
 * TokenProvider tokens = SignedJwtTokenProvider.builder()
 *         .environment(environment)
 *         .credentials(SystemCredentials.fromPkcs12(p12, password))
 *         .system(Ade.parse("AE:PL-50419-15057-VDGUG-25"), "EZD")
 *         .build();
 * }</pre>
 */
public final class SignedJwtTokenProvider implements TokenProvider {
    /** What the token server is called in errors. */
    public static final String SERVICE = "e-Doręczenia token endpoint";
    private static final String TOKEN_PATH = "/protocol/openid-connect/token";
    private static final int MAX_ANSWER = 1024 * 1024;

    private final URI tokenEndpoint;
    private final SystemCredentials credentials;
    private final String clientId;
    private final String audience;
    private final Duration assertionLifetime;
    private final Duration refreshBefore;
    private final @Nullable String scope;
    private final Map<String, Object> extraClaims;
    private final Clock clock;
    private final OkHttpClient http;
    private @Nullable AccessToken cached;
    private Instant cachedAt = Instant.EPOCH;

    private SignedJwtTokenProvider(Builder b) {
        this.tokenEndpoint = b.tokenEndpoint != null ? b.tokenEndpoint
                : Objects.requireNonNull(b.environment, "environment or tokenEndpoint").requireEndpoint(Environment.Service.EDELIVERY_TOKEN);
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        // the size is read from the certificate's public key: a key on a PKCS#11 token is RSA without revealing its
        // modulus through the private key object
        boolean rsa = "RSA".equals(credentials.privateKey().getAlgorithm())
                && credentials.certificate().getPublicKey() instanceof RSAKey key && key.getModulus().bitLength() >= 2048;
        if (!rsa) {
            throw new ClientException("e-Doręczenia takes RS256 client assertions: the system key must be RSA of at"
                    + " least 2048 bits, not " + credentials.privateKey().getAlgorithm()
                    + (credentials.certificate().getPublicKey() instanceof RSAKey key ? " of " + key.getModulus().bitLength() + " bits" : ""));
        }
        this.clientId = Objects.requireNonNull(b.clientId, "clientId (set it with system(ade, systemName) or clientId)");
        this.audience = b.audience != null ? b.audience : realmOf(tokenEndpoint);
        this.assertionLifetime = b.assertionLifetime;
        this.refreshBefore = b.refreshBefore;
        this.scope = b.scope;
        this.extraClaims = Map.copyOf(b.extraClaims);
        this.clock = b.clock;
        this.http = b.http != null ? b.http : HttpClients.defaultClient();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the client id the assertions name, e.g. {@code AE:PL-50419-15057-VDGUG-25.SYSTEM.EZD} */
    public String clientId() {
        return clientId;
    }

    @Override
    public synchronized AccessToken token() {
        AccessToken token = cached;
        if (token != null && clock.instant().isBefore(token.expiresAt().minus(margin(token)))) {
            return token;
        }
        cachedAt = clock.instant();
        cached = fetchOnceMore();
        return cached;
    }

    /**
     * Asking for a token is safe to repeat, but only with a new assertion (a resent {@code jti} is a replay),
     * so it is retried here, once, on a transient failure, rather than by the HTTP client.
     */
    private AccessToken fetchOnceMore() {
        try {
            return fetch();
        } catch (ClientException e) {
            if (!e.isRetryable()) {
                throw e;
            }
        } catch (ServiceException e) {
            if (!e.isRetryable()) {
                throw e;
            }
        }
        return fetch();
    }

    @Override
    public synchronized void invalidate(AccessToken refused) {
        if (refused.equals(cached)) {
            cached = null;
        }
    }

    /** A token is renewed {@code refreshBefore} ahead of its expiry, or halfway through a shorter life. */
    private Duration margin(AccessToken token) {
        Duration half = Duration.between(cachedAt, token.expiresAt()).dividedBy(2);
        return half.compareTo(refreshBefore) < 0 ? half : refreshBefore;
    }

    /** @return the client assertion for one token request (a new {@code jti} each time) */
    private String assertion() {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(assertionLifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.putAll(extraClaims);
        return Jwt.rs256(claims, credentials);
    }

    private AccessToken fetch() {
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add("client_assertion", assertion());
        if (scope != null) {
            form.add("scope", scope);
        }
        Request request = new Request.Builder().url(tokenEndpoint.toString()).header("Accept", "application/json")
                .post(form.build()).build();
        Instant asked = clock.instant();
        try (Response response = http.newCall(request).execute()) {
            JsonNode answer = read(response);
            if (!response.isSuccessful()) {
                String error = answer == null ? null : text(answer, "error");
                String description = answer == null ? null : text(answer, "error_description");
                throw new ServiceException(SERVICE, response.code(), error == null ? List.of() : List.of(error), null,
                        JsonCall.retryAfter(response), "refused a token for " + clientId
                        + (description != null ? ": " + description : error != null ? ": " + error : ""), null);
            }
            String value = answer == null ? null : text(answer, "access_token");
            if (answer == null || value == null || value.isBlank()) {
                throw new ClientException(SERVICE + " answered HTTP " + response.code() + " without an access_token");
            }
            String type = text(answer, "token_type");
            if (type != null && !"bearer".equalsIgnoreCase(type)) {
                throw new ClientException(SERVICE + " gave a token of type " + type + ", not Bearer");
            }
            JsonNode expiresIn = answer.get("expires_in");
            if (expiresIn == null || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
                throw new ClientException(SERVICE + " gave a token without a positive expires_in");
            }
            return new AccessToken(value, asked.plusSeconds(expiresIn.asLong()));
        } catch (IOException e) {
            throw Tls.unreachable(SERVICE + " at " + tokenEndpoint, e);
        }
    }

    private static @Nullable JsonNode read(Response response) throws IOException {
        JsonNode node = JsonCall.readJson(response, SERVICE, MAX_ANSWER);
        return node != null && node.isObject() ? node : null;
    }


    /** The realm's address, which Keycloak wants as {@code aud}: the token endpoint without its protocol path. */
    private static String realmOf(URI tokenEndpoint) {
        String s = tokenEndpoint.toString();
        return s.endsWith(TOKEN_PATH) ? s.substring(0, s.length() - TOKEN_PATH.length()) : s;
    }

    /** Builds a {@link SignedJwtTokenProvider}. */
    public static final class Builder {
        private @Nullable Environment environment;
        private @Nullable URI tokenEndpoint;
        private @Nullable SystemCredentials credentials;
        private @Nullable String clientId;
        private @Nullable String audience;
        private Duration assertionLifetime = Duration.ofSeconds(300);
        private Duration refreshBefore = Duration.ofSeconds(30);
        private @Nullable String scope;
        private final Map<String, Object> extraClaims = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private @Nullable OkHttpClient http;

        private Builder() {
        }

        /**
         * @param environment whose {@link Environment.Service#EDELIVERY_TOKEN} endpoint to use
         * @return this
         */
        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param endpoint the token endpoint, e.g. {@code https://.../auth/realms/EDOR/protocol/openid-connect/token};
         *     takes precedence over the environment's
         * @return this
         */
        public Builder tokenEndpoint(URI endpoint) {
            this.tokenEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * @param credentials the system's key (RSA, at least 2048 bits) and the certificate registered in the mailbox
         * @return this
         */
        public Builder credentials(SystemCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param ade the mailbox's e-Delivery address
         * @param systemName the system's name as registered in that mailbox
         * @return this, with the client id {@code <ADE>.SYSTEM.<systemName>}
         */
        public Builder system(Ade ade, String systemName) {
            Objects.requireNonNull(ade, "ade");
            if (Objects.requireNonNull(systemName, "systemName").isBlank()) {
                throw new IllegalArgumentException("systemName cannot be blank");
            }
            this.clientId = ade.value() + ".SYSTEM." + systemName;
            return this;
        }

        /**
         * @param clientId the client id as the operator gave it, when it is not {@code <ADE>.SYSTEM.<systemName>}
         * @return this
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * @param audience the assertion's {@code aud}; by default the realm's address (the token endpoint
         *     without {@code /protocol/openid-connect/token})
         * @return this
         */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /**
         * @param lifetime from {@code iat} to {@code exp} of each assertion, 300 s by default
         * @return this
         */
        public Builder assertionLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("assertionLifetime must be positive and at most an hour, not " + lifetime);
            }
            this.assertionLifetime = lifetime;
            return this;
        }

        /**
         * @param margin how long before a cached token expires a new one is fetched, 30 s by default
         * @return this
         */
        public Builder refreshBefore(Duration margin) {
            if (margin.isNegative()) {
                throw new IllegalArgumentException("refreshBefore cannot be negative");
            }
            this.refreshBefore = margin;
            return this;
        }

        /**
         * @param scope a {@code scope} to ask for, if the operator wants one
         * @return this
         */
        public Builder scope(String scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * @param name a further claim to put into each assertion (it may replace a standard one)
         * @param value its value: a string, number, boolean, list or map
         * @return this
         */
        public Builder claim(String name, Object value) {
            extraClaims.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param clock the clock for {@code iat}, {@code exp} and token expiry (tests)
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param http the HTTP client, e.g. one from {@link HttpClients#builder()} with client TLS
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * @return the provider
         * @throws NullPointerException when the environment (or token endpoint), credentials or client id is missing
         * @throws ClientException when the key cannot make RS256 assertions
         */
        public SignedJwtTokenProvider build() {
            return new SignedJwtTokenProvider(this);
        }
    }
}
