package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.okienko.core.internal.http.Idempotent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP stack against a real HTTP server on loopback that answers from a script. */
class HttpClientsTest {
    private static final RetryPolicy FAST = RetryPolicy.builder().initialDelay(Duration.ofMillis(5)).build();

    private HttpServer server;
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private String base;

    /** One scripted answer. */
    record Scripted(int status, String body, String retryAfter, long delayMillis) {
        static Scripted of(int status) {
            return new Scripted(status, "body " + status, null, 0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        exchange.getRequestBody().readAllBytes();
        Scripted s;
        synchronized (script) {
            s = script.isEmpty() ? Scripted.of(200) : script.poll();
        }
        if (s.delayMillis() > 0) {
            try {
                Thread.sleep(s.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (s.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", s.retryAfter());
        }
        byte[] body = s.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(s.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // the client timed out and left; nothing to answer
        }
        exchange.close();
    }

    private void enqueue(Scripted... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
    }

    private static Request get(String url) {
        return new Request.Builder().url(url).build();
    }

    private static Request post(String url) {
        return new Request.Builder().url(url).post(RequestBody.create("<letter/>", MediaType.get("application/xml"))).build();
    }

    private static int execute(OkHttpClient client, Request request) throws IOException {
        try (Response r = client.newCall(request).execute()) {
            r.body().string();
            return r.code();
        }
    }

    // ------------------------------------------------------------------ retries

    @Test
    void get_serverErrorThenSuccess_retriedAndSucceeds() throws IOException {
        enqueue(Scripted.of(503), Scripted.of(502), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        assertThat(execute(client, get(base + "/x"))).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void retryListener_toldOfEachRetry_withTheReason_andAThrowingOneChangesNothing() throws IOException {
        enqueue(Scripted.of(503), new Scripted(200, "late", null, 1500), Scripted.of(200));
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).readTimeout(Duration.ofMillis(300))
                .retryListener((request, attempt, reason, wait) -> {
                    told.add(request.url().encodedPath() + " attempt " + attempt + ": " + reason);
                    throw new IllegalStateException("a broken listener");
                }).build();

        assertThat(execute(client, get(base + "/x"))).isEqualTo(200);
        assertThat(told).containsExactly("/x attempt 2: 503", "/x attempt 3: SocketTimeoutException");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void get_serverKeepsFailing_returnsLastAnswerAfterMaxAttempts() throws IOException {
        enqueue(Scripted.of(500), Scripted.of(500), Scripted.of(500), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        assertThat(execute(client, get(base + "/x"))).isEqualTo(500);
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void post_serverError_neverRepeated() throws IOException {
        enqueue(Scripted.of(503), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        assertThat(execute(client, post(base + "/send"))).isEqualTo(503);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void post_markedIdempotent_retried() throws IOException {
        enqueue(Scripted.of(503), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();
        Request request = Idempotent.mark(post(base + "/pull").newBuilder()).build();

        assertThat(execute(client, request)).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void get_clientError_notRetried() throws IOException {
        enqueue(Scripted.of(404), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        assertThat(execute(client, get(base + "/x"))).isEqualTo(404);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void get_retryAfterSeconds_waitsThatLong() throws IOException {
        enqueue(new Scripted(429, "slow down", "1", 0), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        long start = System.nanoTime();
        assertThat(execute(client, get(base + "/x"))).isEqualTo(200);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(requests.get()).isEqualTo(2);
        // FAST's own backoff is 5 ms: only Retry-After explains a wait of a second
        assertThat(waitedMillis).isGreaterThanOrEqualTo(950);
    }

    @Test
    void get_retryAfterLongerThanAllowed_answerReturnedAtOnce() throws IOException {
        enqueue(new Scripted(503, "maintenance", "3600", 0), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        assertThat(execute(client, get(base + "/x"))).isEqualTo(503);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void get_retryAfterHttpDate_understood() throws IOException {
        String inOneSecond = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1));
        enqueue(new Scripted(503, "later", inOneSecond, 0), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        assertThat(execute(client, get(base + "/x"))).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void get_readTimeout_retriedThenSucceeds() throws IOException {
        enqueue(new Scripted(200, "late", null, 1500), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).readTimeout(Duration.ofMillis(300)).build();

        assertThat(execute(client, get(base + "/x"))).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void get_readTimeoutEveryTime_throwsTimeoutAfterMaxAttempts() {
        enqueue(new Scripted(200, "late", null, 1000), new Scripted(200, "late", null, 1000));
        OkHttpClient client = HttpClients.builder()
                .retryPolicy(FAST.toBuilder().maxAttempts(2).build())
                .readTimeout(Duration.ofMillis(200))
                .build();

        assertThatThrownBy(() -> execute(client, get(base + "/x"))).isInstanceOf(SocketTimeoutException.class);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void post_readTimeout_notRepeated() {
        enqueue(new Scripted(200, "late", null, 1000), Scripted.of(200));
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).readTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> execute(client, post(base + "/send"))).isInstanceOf(SocketTimeoutException.class);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void get_callTimeout_endsRetries() {
        enqueue(new Scripted(200, "late", null, 2000), new Scripted(200, "late", null, 2000),
                new Scripted(200, "late", null, 2000));
        OkHttpClient client = HttpClients.builder()
                .retryPolicy(FAST)
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofMillis(500))
                .build();

        assertThatThrownBy(() -> execute(client, get(base + "/x"))).isInstanceOf(IOException.class);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void get_droppedConnection_retriedOnFreshConnection() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        try (Socket s = raw.accept()) {
                            connections.incrementAndGet();
                            readRequestHead(s.getInputStream());
                            if (i == 0) {
                                continue; // drop the first connection without a byte of answer
                            }
                            OutputStream out = s.getOutputStream();
                            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                } catch (IOException ignored) {
                    // the test's assertions say what happened
                }
            });
            t.start();
            OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

            try (Response r = client.newCall(get("http://127.0.0.1:" + raw.getLocalPort() + "/x")).execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).isEqualTo("ok");
            }
            t.join(5000);
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Test
    void get_connectionRefused_retriedThenThrows() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).build();

        assertThatThrownBy(() -> execute(client, get("http://127.0.0.1:" + closedPort + "/x")))
                .isInstanceOf(java.net.ConnectException.class);
    }

    // ------------------------------------------------------------------ logging, user agent, base client

    @Test
    void logging_headersLevel_masksSecretsAndPesel() throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        OkHttpClient client = HttpClients.builder()
                .logLevel(HttpClients.LogLevel.HEADERS)
                .logSink(lines::add)
                .build();
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJBRTpQTC0xIn0.c2lnbmF0dXJlLXZhbHVl";
        Request request = new Request.Builder()
                .url(base + "/search/44051401359?access_token=s3cr3t-t0ken&pesel=44051401359&limit=10")
                .header("Authorization", "Bearer " + jwt)
                .header("Cookie", "JSESSIONID=abcdef123456")
                .header("X-Note", "client_assertion=" + jwt)
                .build();

        execute(client, request);

        String log = String.join("\n", lines);
        assertThat(lines).hasSize(2);
        assertThat(log).contains("--> GET", "<-- 200", "limit=10", "*******1359")
                .doesNotContain("s3cr3t-t0ken", "44051401359", jwt, "abcdef123456", "c2lnbmF0dXJl");
    }

    @Test
    void logging_basicLevel_noHeaders() throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        OkHttpClient client = HttpClients.builder().logSink(lines::add).build();

        execute(client, new Request.Builder().url(base + "/x").header("X-Visible", "value").build());

        assertThat(String.join("\n", lines)).contains("GET").doesNotContain("X-Visible");
    }

    @Test
    void logging_retries_oneLinePairPerAttempt() throws IOException {
        enqueue(Scripted.of(503), Scripted.of(200));
        List<String> lines = new CopyOnWriteArrayList<>();
        OkHttpClient client = HttpClients.builder().retryPolicy(FAST).logSink(lines::add).build();

        execute(client, get(base + "/x"));

        assertThat(lines).filteredOn(l -> l.startsWith("<--")).hasSize(2);
    }

    @Test
    void build_setsUserAgentUnlessCallerDid() throws IOException {
        OkHttpClient client = HttpClients.builder().userAgent("ezd-vendor/1.0 okienko").build();

        execute(client, get(base + "/a"));
        execute(client, new Request.Builder().url(base + "/b").header("User-Agent", "mine").build());

        assertThat(userAgents).containsExactly("ezd-vendor/1.0 okienko", "mine");
    }

    @Test
    void baseClient_sharesPoolAndDispatcherAndLeavesOriginalAlone() throws IOException {
        OkHttpClient callers = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(7)).build();

        OkHttpClient ours = HttpClients.builder().baseClient(callers).build();

        assertThat(ours.connectionPool()).isSameAs(callers.connectionPool());
        assertThat(ours.dispatcher()).isSameAs(callers.dispatcher());
        assertThat(ours.readTimeoutMillis()).isEqualTo(7000);
        assertThat(callers.interceptors()).isEmpty();
        assertThat(callers.networkInterceptors()).isEmpty();
        assertThat(ours.interceptors()).hasSize(1);
        assertThat(execute(ours, get(base + "/x"))).isEqualTo(200);
    }

    @Test
    void defaults_areSane() {
        OkHttpClient client = HttpClients.defaultClient();

        assertThat(client.connectTimeoutMillis()).isEqualTo(10_000);
        assertThat(client.readTimeoutMillis()).isEqualTo(60_000);
        assertThat(client.callTimeoutMillis()).isEqualTo(300_000);
        assertThat(client.retryOnConnectionFailure()).isFalse();
    }
}
