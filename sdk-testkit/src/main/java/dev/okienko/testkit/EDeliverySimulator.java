package dev.okienko.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.testkit.internal.TokenEndpoint;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An embedded e-Doręczenia on 127.0.0.1. So far: the token endpoint, which takes OAuth2
 * {@code client_credentials} with a client assertion signed by a registered system (RFC 7523) and issues
 * access tokens, as the operator's Keycloak realm {@code EDOR} does.
 */
public final class EDeliverySimulator implements AutoCloseable {
    private final TestPki pki;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI base;
    private final TokenEndpoint tokens;

    private EDeliverySimulator(TestPki pki, Clock clock) throws IOException {
        this.pki = pki;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "okienko-edelivery-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        String tokenPath = "/" + Environment.Service.EDELIVERY_TOKEN.simulatorPath();
        tokens = new TokenEndpoint(base.resolve(tokenPath.substring(1, tokenPath.indexOf("/protocol/"))).toString(), clock);
        server.createContext(tokenPath, tokens);
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

    /** @return the client assertion (a JWT) of the last token request, as it came, or null (for tests) */
    public @org.jspecify.annotations.Nullable String lastClientAssertion() {
        return tokens.lastAssertion();
    }

    /** @return how many access tokens were issued */
    public int tokensIssued() {
        return tokens.issuedCount();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
