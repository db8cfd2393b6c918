package dev.okienko.core;

import dev.okienko.core.internal.http.LoggingInterceptor;
import dev.okienko.core.internal.http.RetryInterceptor;
import dev.okienko.core.internal.http.Tls;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@link OkHttpClient} every okienko client talks through: sane timeouts, the
 * {@link RetryPolicy}, a {@code User-Agent}, and a log of each exchange in which secrets
 * ({@code Authorization}, cookies, tokens, client assertions, passwords) and PESEL numbers are masked.
 *
 * <p>Pass your own client with {@link Builder#baseClient(OkHttpClient)} to share its connection pool,
 * dispatcher, proxy, TLS and interceptors; okienko derives its client from it with
 * {@link OkHttpClient#newBuilder()} and never changes the original.
 *
 * <pre>{@code
 * OkHttpClient http = HttpClients.builder()
 *     .readTimeout(Duration.ofSeconds(30))
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
 *     .clientCertificate(systemCredentials)   // mutual TLS, where the service asks for it
 *     .build();
 * }</pre>
 */
public final class HttpClients {
    /** The default timeout for establishing a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default timeout for reading and for writing (between bytes, not for the whole body). */
    public static final Duration DEFAULT_READ_WRITE_TIMEOUT = Duration.ofSeconds(60);
    /** The default limit for a whole call, from connecting to the last byte read, retries included. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.http");

    private HttpClients() {
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a client with all defaults */
    public static OkHttpClient defaultClient() {
        return builder().build();
    }

    /** How much of each exchange is logged. */
    public enum LogLevel {
        /** Nothing. */
        NONE,
        /** Method, URL (secrets masked), status, duration, attempt number. */
        BASIC,
        /** As BASIC, plus request and response headers with secrets masked. */
        HEADERS
    }

    /**
     * Told of each retry the {@link RetryPolicy} decides, before the wait: for metrics (the Spring Boot starter
     * counts them) or your own log. It runs on the calling thread; a listener that throws is logged and ignored.
     */
    @FunctionalInterface
    public interface RetryListener {
        /**
         * @param request the request about to be repeated (its URL may hold identifiers: mask it before logging)
         * @param nextAttempt the attempt about to be made, 2 or more
         * @param reason why: the status code answered ({@code "503"}) or the transport failure's class name
         *     ({@code "SocketTimeoutException"})
         * @param wait how long okienko waits before it
         */
        void retrying(okhttp3.Request request, int nextAttempt, String reason, Duration wait);
    }

    /** Builds the SDK's {@link OkHttpClient}. */
    public static final class Builder {
        private @Nullable OkHttpClient baseClient;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_WRITE_TIMEOUT;
        private Duration writeTimeout = DEFAULT_READ_WRITE_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RetryListener retryListener = (request, attempt, reason, wait) -> { };
        private LogLevel logLevel = LogLevel.BASIC;
        private Consumer<String> logSink = LOG::debug;
        private BooleanSupplier logEnabled = LOG::isDebugEnabled;
        private String userAgent = "okienko/" + Version.current();
        private @Nullable SystemCredentials clientCertificate;
        private @Nullable List<X509Certificate> trustAnchors;

        private Builder() {
        }

        /**
         * Starts from the caller's client; its pool, dispatcher, proxy, TLS settings and interceptors are
         * kept, and so are its timeouts unless set on this builder.
         *
         * @param client the caller's client
         * @return this
         */
        public Builder baseClient(OkHttpClient client) {
            this.baseClient = Objects.requireNonNull(client, "client");
            this.connectTimeout = Duration.ofMillis(client.connectTimeoutMillis());
            this.readTimeout = Duration.ofMillis(client.readTimeoutMillis());
            this.writeTimeout = Duration.ofMillis(client.writeTimeoutMillis());
            this.callTimeout = Duration.ofMillis(client.callTimeoutMillis());
            return this;
        }

        /**
         * @param timeout how long to wait for a connection (zero: no limit)
         * @return this
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param timeout the longest silence while reading an answer (zero: no limit)
         * @return this
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param timeout the longest stall while sending a request (zero: no limit)
         * @return this
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param timeout the longest a whole call may take, retries and their waits included (zero: no limit)
         * @return this
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param policy when to repeat idempotent calls; {@link RetryPolicy#none()} to never repeat
         * @return this
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param level how much of each exchange is logged (bodies never are)
         * @return this
         */
        public Builder logLevel(LogLevel level) {
            this.logLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * Where log lines go; by default SLF4J logger {@code dev.okienko.http} at DEBUG. Lines arrive with
         * secrets already masked.
         *
         * @param sink receives each log line
         * @return this
         */
        public Builder logSink(Consumer<String> sink) {
            this.logSink = Objects.requireNonNull(sink, "sink");
            this.logEnabled = () -> true;
            return this;
        }

        /**
         * @param listener told of each retry, before the wait
         * @return this
         */
        public Builder retryListener(RetryListener listener) {
            this.retryListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param userAgent the {@code User-Agent} sent when a request has none
         * @return this
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * Mutual TLS: presents the system's certificate and chain when a server asks for a client certificate
         * (e-Doręczenia may, per OAuth 2.0 mutual-TLS client authentication). The key never leaves its
         * {@link SystemCredentials}, so keys in a PKCS#11 store work too. TLS signs only through the JVM's installed
         * providers, so a token's provider that is not installed is appended to them (at the lowest priority, asked
         * only for keys no other provider can use) when the client is built.
         *
         * @throws IllegalStateException (from {@link #build()}) when another provider of the token provider's name is
         *     installed, which TLS would use instead
         *
         * @param credentials the system's credentials
         * @return this
         */
        public Builder clientCertificate(SystemCredentials credentials) {
            this.clientCertificate = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * Trusts only servers whose certificate chains to one of these anchors, instead of the JDK's trust
         * store: for test environments with their own CA, such as the embedded simulators over HTTPS.
         *
         * @param anchors the trusted root (or intermediate) certificates, at least one
         * @return this
         */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("give at least one trust anchor");
            }
            this.trustAnchors = List.copyOf(anchors);
            return this;
        }

        /** @return a new client; built from the base client, if one was given, sharing its resources */
        public OkHttpClient build() {
            OkHttpClient.Builder b = baseClient == null ? new OkHttpClient.Builder() : baseClient.newBuilder();
            b.connectTimeout(connectTimeout)
                    .readTimeout(readTimeout)
                    .writeTimeout(writeTimeout)
                    .callTimeout(callTimeout)
                    // OkHttp would silently repeat on connection failures; the retry policy decides instead
                    .retryOnConnectionFailure(false);
            if (clientCertificate != null || trustAnchors != null) {
                Tls tls = Tls.of(clientCertificate, trustAnchors);
                b.sslSocketFactory(tls.context().getSocketFactory(), tls.trust());
            }
            b.addInterceptor(new RetryInterceptor(retryPolicy, userAgent, retryListener));
            if (logLevel != LogLevel.NONE) {
                b.addNetworkInterceptor(new LoggingInterceptor(logSink, logLevel == LogLevel.HEADERS, logEnabled));
            }
            return b.build();
        }
    }
}
