package dev.okienko.testkit.pki.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test PKI's HTTP server on 127.0.0.1 and an ephemeral port. It is bound before any certificate is
 * issued, so that certificates can name its real address in their CRL and AIA extensions.
 */
public final class PkiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PkiServer.class);
    /** The largest request body the server reads. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final PkiUrls urls;
    private final Map<String, CertificateAuthority> authorities = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final Map<String, Answer> published = new ConcurrentHashMap<>();
    private volatile @Nullable TimeStampAuthority tsa;
    private volatile @Nullable OcspResponder ocsp;
    private final Clock clock;

    /**
     * Binds the server (it does not answer until {@link #start()}).
     *
     * @param clock the clock CRLs are dated by
     * @throws IOException when no port can be bound
     */
    public PkiServer(Clock clock) throws IOException {
        this.clock = clock;
        this.server = LoopbackHttp.http();
        this.urls = new PkiUrls(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "okienko-test-pki-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/tsa", e -> handle(e, "tsa", this::tsa));
        server.createContext("/ocsp", e -> handle(e, "ocsp", this::ocsp));
        server.createContext("/crl/", e -> handle(e, "crl", this::crl));
        server.createContext("/certs/", e -> handle(e, "certs", this::certificate));
        server.createContext("/published/", e -> handle(e, "published", this::published));
    }

    /** @return the server's addresses */
    public PkiUrls urls() {
        return urls;
    }

    /**
     * @param ca a CA whose CRL and certificate to publish
     */
    public void publish(CertificateAuthority ca) {
        authorities.put(ca.id(), ca);
    }

    /**
     * @param tsa the time-stamping authority to serve at {@code /tsa}
     * @param ocsp the responder to serve at {@code /ocsp}
     */
    public void serve(TimeStampAuthority tsa, OcspResponder ocsp) {
        this.tsa = tsa;
        this.ocsp = ocsp;
    }

    /**
     * Serves {@code body} at {@code /published/<name>} until withdrawn.
     *
     * @param name the file name
     * @param body the content
     * @param contentType its media type
     * @return its address
     */
    public URI publish(String name, byte[] body, String contentType) {
        published.put(name, new Answer(200, contentType, body.clone()));
        return urls.base().resolve("published/" + name);
    }

    /**
     * @param name a published file name; it answers 404 from now on
     */
    public void withdraw(String name) {
        published.remove(name);
    }

    /** Starts answering. */
    public void start() {
        server.start();
    }

    /**
     * @param endpoint {@code tsa}, {@code ocsp}, {@code crl} or {@code certs}
     * @return how many requests it has answered
     */
    public int requestCount(String endpoint) {
        AtomicInteger c = requestCounts.get(endpoint);
        return c == null ? 0 : c.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private interface Handler {
        Answer answer(HttpExchange exchange) throws IOException;
    }

    private record Answer(int status, String contentType, byte[] body) {
        static Answer error(int status, String message) {
            return new Answer(status, "text/plain; charset=utf-8", message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void handle(HttpExchange exchange, String endpoint, Handler handler) throws IOException {
        requestCounts.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
        Answer answer;
        try {
            answer = handler.answer(exchange);
        } catch (RuntimeException e) {
            LOG.warn("test PKI failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            answer = Answer.error(500, "test PKI failure: " + e);
        }
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
        exchange.close();
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
            if (bytes.length > MAX_REQUEST_BYTES) {
                throw new IOException("request larger than " + MAX_REQUEST_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private Answer tsa(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Answer.error(405, "POST an application/timestamp-query");
        }
        TimeStampAuthority serving = tsa;
        if (serving == null) {
            return Answer.error(503, "no time-stamping authority is served yet");
        }
        return new Answer(200, "application/timestamp-reply", serving.respond(body(exchange)));
    }

    private Answer ocsp(HttpExchange exchange) throws IOException {
        byte[] request;
        if ("POST".equals(exchange.getRequestMethod())) {
            request = body(exchange);
        } else if ("GET".equals(exchange.getRequestMethod())) {
            String path = exchange.getRequestURI().getRawPath();
            String encoded = path.length() > "/ocsp/".length() ? path.substring("/ocsp/".length()) : "";
            try {
                request = Base64.getDecoder().decode(java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                request = new byte[0];
            }
        } else {
            return Answer.error(405, "POST or GET an OCSP request");
        }
        OcspResponder serving = ocsp;
        if (serving == null) {
            return Answer.error(503, "no OCSP responder is served yet");
        }
        return new Answer(200, "application/ocsp-response", serving.respond(request));
    }

    private Answer crl(HttpExchange exchange) {
        CertificateAuthority ca = authorityFor(exchange, "/crl/", ".crl");
        if (ca == null) {
            return Answer.error(404, "no such CRL");
        }
        try {
            return new Answer(200, "application/pkix-crl", ca.crl(clock.instant(), Duration.ofDays(1)).getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer certificate(HttpExchange exchange) {
        CertificateAuthority ca = authorityFor(exchange, "/certs/", ".cer");
        if (ca == null) {
            return Answer.error(404, "no such certificate");
        }
        try {
            return new Answer(200, "application/pkix-cert", ca.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer published(HttpExchange exchange) {
        Answer answer = published.get(exchange.getRequestURI().getPath().substring("/published/".length()));
        return answer != null ? answer : Answer.error(404, "not published");
    }

    private @Nullable CertificateAuthority authorityFor(HttpExchange exchange, String prefix, String suffix) {
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(prefix) || !path.endsWith(suffix)) {
            return null;
        }
        return authorities.get(path.substring(prefix.length(), path.length() - suffix.length()));
    }
}
