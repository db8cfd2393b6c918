package dev.okienko.testkit.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.okienko.testkit.pki.internal.LoopbackHttp;
import java.io.IOException;
import dev.okienko.testkit.Exchange;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP server every simulator runs on: 127.0.0.1 on a free port, Nagle's algorithm off (see
 * {@link LoopbackHttp}), four daemon threads, stopped without waiting for open exchanges. Plain HTTP, or HTTPS
 * that requires a client certificate (mutual TLS).
 */
public final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI base;
    private final java.util.ArrayDeque<Exchange> traffic = new java.util.ArrayDeque<>();
    /** How many exchanges the traffic log keeps. */
    public static final int KEPT = 10_000;
    private static final ThreadLocal<String> OPERATION = new ThreadLocal<>();
    /** Exchanges being answered; guarded by {@link #traffic}. */
    private int inFlight;

    /**
     * Binds the server; it answers once {@link #start()}ed.
     *
     * @param threadName the name of its threads, e.g. {@code okienko-epuap-simulator}
     * @throws IOException when it cannot bind
     */
    public LoopbackServer(String threadName) throws IOException {
        this(threadName, LoopbackHttp.http(), "http");
    }

    /**
     * Binds an HTTPS server that requires every client to present a certificate its context trusts.
     *
     * @param threadName the name of its threads
     * @param tls the server's key and the client trust
     * @return the server; it answers once {@link #start()}ed
     * @throws IOException when it cannot bind
     */
    public static LoopbackServer mutualTls(String threadName, SSLContext tls) throws IOException {
        HttpsServer https = LoopbackHttp.https();
        https.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        return new LoopbackServer(threadName, https, "https");
    }

    private LoopbackServer(String threadName, HttpServer server, String scheme) {
        this.server = server;
        base = URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/");
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    /**
     * @param path a path prefix, e.g. {@code /pk_external_ws/services/skrytka}
     * @param handler what answers under it (also after {@link #start()})
     * @return this
     */
    public LoopbackServer handle(String path, HttpHandler handler) {
        server.createContext(path, handler).getFilters().add(new Recorder());
        return this;
    }

    /**
     * Names the SOAP operation of an exchange for the traffic log.
     *
     * @param exchange the exchange being answered
     * @param operation the operation's name
     */
    public static void operation(HttpExchange exchange, String operation) {
        // the filter and the handler run on the same thread; exchange attributes are shared by the whole context
        OPERATION.set(operation);
    }

    /**
     * @return the requests answered so far, oldest first (the last {@value #KEPT} at most); requests being answered
     *     right now are waited for (up to a second), so that an answer a client has already read is in the log
     */
    public List<Exchange> traffic() {
        synchronized (traffic) {
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    traffic.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return List.copyOf(traffic);
        }
    }

    /** Keeps each exchange in the traffic log once it is answered, or dropped. */
    private final class Recorder extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            Instant at = Instant.now();
            long start = System.nanoTime();
            synchronized (traffic) {
                inFlight++;
            }
            OPERATION.remove();
            try {
                chain.doFilter(exchange);
            } finally {
                String op = OPERATION.get();
                OPERATION.remove();
                int status = exchange.getResponseCode();
                Exchange e = new Exchange(at, exchange.getRequestMethod(), String.valueOf(exchange.getRequestURI()),
                        op, Math.max(status, 0), (System.nanoTime() - start) / 1_000_000);
                synchronized (traffic) {
                    if (traffic.size() == KEPT) {
                        traffic.removeFirst();
                    }
                    traffic.addLast(e);
                    inFlight--;
                    traffic.notifyAll();
                }
            }
        }

        @Override
        public String description() {
            return "okienko traffic log";
        }
    }

    /** Starts answering. */
    public void start() {
        server.start();
    }

    /** @return {@code http://127.0.0.1:PORT/} or {@code https://127.0.0.1:PORT/} */
    public URI base() {
        return base;
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
