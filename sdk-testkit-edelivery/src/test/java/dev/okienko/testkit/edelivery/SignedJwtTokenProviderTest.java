package dev.okienko.testkit.edelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AccessToken;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The signed-JWT token provider against the embedded e-Doręczenia token endpoint. */
@ExtendWith(TestPkiExtension.class)
class SignedJwtTokenProviderTest {
    private static final Ade URZAD = Ade.parse("AE:PL-50419-15057-VDGUG-25");

    private TestPki pki;
    private EDeliverySimulator edelivery;
    private SystemCredentials system;
    private final SimulatorClock clock = SimulatorClock.systemUtc();

    @BeforeEach
    void start(TestPki testPki) {
        pki = testPki;
        system = pki.seal().toSystemCredentials();
        edelivery = EDeliverySimulator.start(pki, clock).registerSystem(URZAD, "EZD", system.certificate());
    }

    @AfterEach
    void stop() {
        edelivery.close();
    }

    private SignedJwtTokenProvider.Builder provider() {
        return SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(system)
                .system(URZAD, "EZD").clock(clock);
    }

    @Test
    void tokenRequestLost_askedOnceMoreWithAFreshAssertion() {
        edelivery.injectToken(Mishap.dropConnection());

        assertThat(provider().build().token().value()).isNotBlank();
        assertThat(edelivery.tokensIssued()).isEqualTo(1);
    }

    @Test
    void tokenEndpointDownTwice_retryableServiceException() {
        edelivery.injectToken(Mishap.status(503)).injectToken(Mishap.status(503));

        assertThatThrownBy(() -> provider().build().token()).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.isRetryable()).isTrue();
        });
        assertThat(edelivery.tokensIssued()).isZero();
    }

    @Test
    void token_registeredSystem_issuedAndCachedUntilShortlyBeforeExpiry() {
        SignedJwtTokenProvider tokens = provider().refreshBefore(Duration.ofSeconds(30)).build();

        AccessToken first = tokens.token();
        assertThat(tokens.token()).isSameAs(first);
        assertThat(edelivery.tokensIssued()).isEqualTo(1);
        assertThat(first.expiresAt()).isBetween(clock.instant().plusSeconds(290), clock.instant().plusSeconds(301));

        clock.advance(Duration.ofSeconds(260));
        assertThat(tokens.token()).isSameAs(first);
        clock.advance(Duration.ofSeconds(15));   // 25 s before expiry: within the 30 s margin
        AccessToken second = tokens.token();
        assertThat(second).isNotEqualTo(first);
        assertThat(edelivery.tokensIssued()).isEqualTo(2);
    }

    @Test
    void token_shortLivedTokens_renewedHalfwayNotOnEveryCall() {
        edelivery.tokenLifetime(Duration.ofSeconds(20));
        SignedJwtTokenProvider tokens = provider().refreshBefore(Duration.ofSeconds(30)).build();

        AccessToken first = tokens.token();
        assertThat(tokens.token()).isSameAs(first);
        clock.advance(Duration.ofSeconds(11));
        assertThat(tokens.token()).isNotEqualTo(first);
        assertThat(edelivery.tokensIssued()).isEqualTo(2);
    }

    @Test
    void invalidate_theCachedToken_nextCallFetchesAnother_butAStaleOneIsIgnored() {
        SignedJwtTokenProvider tokens = provider().build();
        AccessToken first = tokens.token();

        tokens.invalidate(first);
        AccessToken second = tokens.token();
        tokens.invalidate(first);   // another thread, refused with the old token a moment later

        assertThat(second).isNotEqualTo(first);
        assertThat(tokens.token()).isSameAs(second);
        assertThat(edelivery.tokensIssued()).isEqualTo(2);
    }

    @Test
    void token_concurrentCallers_shareOneFetch() throws Exception {
        SignedJwtTokenProvider tokens = provider().build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AccessToken>> all = pool.invokeAll(java.util.Collections.nCopies(16, (Callable<AccessToken>) tokens::token));
            AccessToken one = all.get(0).get();
            for (Future<AccessToken> f : all) {
                assertThat(f.get()).isSameAs(one);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(edelivery.tokensIssued()).isEqualTo(1);
    }

    @Test
    void assertion_carriesTheClaimsTheOperatorWants() throws Exception {
        SignedJwtTokenProvider tokens = provider().claim("scope", "read_messages").build();
        String realm = edelivery.tokenEndpoint().toString().replace("/protocol/openid-connect/token", "");

        tokens.token();
        String first = edelivery.lastClientAssertion();
        String[] parts = first.split("\\.");
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));

        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.has("x5t#S256")).isTrue();
        assertThat(claims.get("iss").asText()).isEqualTo("AE:PL-50419-15057-VDGUG-25.SYSTEM.EZD").isEqualTo(tokens.clientId());
        assertThat(claims.get("sub").asText()).isEqualTo(claims.get("iss").asText());
        assertThat(claims.get("aud").asText()).isEqualTo(realm);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(claims.get("scope").asText()).isEqualTo("read_messages");
        tokens.invalidate(tokens.token());
        tokens.token();
        String second = new String(Base64.getUrlDecoder().decode(edelivery.lastClientAssertion().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(second).as("a fresh jti each time").doesNotContain(claims.get("jti").asText());
    }

    @Test
    void token_unregisteredSystem_serviceExceptionWithTheOAuthError() {
        SignedJwtTokenProvider stranger = provider().system(URZAD, "Obcy").build();

        assertThatThrownBy(stranger::token).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.errorCodes()).containsExactly("invalid_client");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("AE:PL-50419-15057-VDGUG-25.SYSTEM.Obcy");
        });
    }

    @Test
    void token_signedWithAnotherKey_refused() {
        SignedJwtTokenProvider impostor = provider().credentials(pki.person().toSystemCredentials()).build();

        assertThatThrownBy(impostor::token).isInstanceOf(ServiceException.class).hasMessageContaining("signature");
    }

    @Test
    void token_wrongAudience_refused() {
        SignedJwtTokenProvider lost = provider().audience("https://example.invalid/auth/realms/OTHER").build();

        assertThatThrownBy(lost::token).isInstanceOf(ServiceException.class).hasMessageContaining("Token audience doesn't match domain");
    }

    @Test
    void token_everyAudienceAKeycloakRealmAccepts_isAccepted_andNearMissesAreNot() {
        String realm = edelivery.tokenEndpoint().toString().replace("/protocol/openid-connect/token", "");
        for (String accepted : List.of(realm, realm + "/protocol/openid-connect/token", realm + "/protocol/openid-connect/ext/par/request",
                realm + "/protocol/openid-connect/ext/ciba/auth")) {
            assertThat(provider().audience(accepted).build().token().value()).as(accepted).isNotBlank();
        }
        java.net.URI u = java.net.URI.create(realm);
        for (String refused : List.of(realm + "/", realm.replace("/EDOR", "/edor"), u.getScheme() + "://localhost:" + u.getPort() + u.getPath(),
                realm + "/protocol/openid-connect/token/introspect", realm + "/protocol/openid-connect/userinfo")) {
            assertThatThrownBy(() -> provider().audience(refused).build().token()).as(refused).isInstanceOf(ServiceException.class)
                    .hasMessageContaining("Expected audiences are any of");
        }
    }

    @Test
    void token_assertionFromASkewedClock_refused() {
        SimulatorClock ahead = SimulatorClock.systemUtc().advance(Duration.ofHours(1));   // an hour ahead of the server

        assertThatThrownBy(() -> provider().clock(ahead).build().token()).isInstanceOf(ServiceException.class)
                .hasMessageContaining("issued in the future");
    }

    @Test
    void token_serverDown_retryableClientException() {
        SignedJwtTokenProvider tokens = provider().build();
        edelivery.close();

        assertThatThrownBy(tokens::token).isInstanceOfSatisfying(ClientException.class,
                e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void accessToken_toString_hidesTheToken() {
        AccessToken token = provider().build().token();

        assertThat(token.toString()).doesNotContain(token.value());
    }
}
