package dev.okienko.core.internal.http;

import dev.okienko.core.PrintableText;
import dev.okienko.core.internal.Secrets;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs each exchange on the wire (so retries show as separate lines) with secrets masked. Bodies are
 * never logged: they carry documents and personal data.
 */
public final class LoggingInterceptor implements Interceptor {
    private final Consumer<String> sink;
    private final boolean headers;
    private final BooleanSupplier enabled;

    /**
     * @param sink where lines go
     * @param headers whether to log headers too
     * @param enabled whether the sink takes lines now (the default sink's logger may be off): when not, no line is
     *     built and nothing is masked
     */
    public LoggingInterceptor(Consumer<String> sink, boolean headers, BooleanSupplier enabled) {
        this.sink = sink;
        this.headers = headers;
        this.enabled = enabled;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!enabled.getAsBoolean()) {
            return chain.proceed(request);
        }
        String url = Secrets.maskUrl(request.url());
        StringBuilder out = new StringBuilder("--> ").append(request.method()).append(' ').append(url);
        if (request.body() != null) {
            long length = request.body().contentLength();
            out.append(" (").append(length < 0 ? "streamed" : length + " bytes").append(" body)");
        }
        if (headers) {
            appendHeaders(out, request.headers());
        }
        sink.accept(out.toString());
        long start = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            sink.accept("<-- FAILED " + request.method() + ' ' + url + " after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms: " + PrintableText.of(Secrets.maskText(String.valueOf(e))));
            throw e;
        }
        StringBuilder in = new StringBuilder("<-- ").append(response.code());
        if (!response.message().isEmpty()) {
            in.append(' ').append(PrintableText.of(Secrets.maskText(response.message())));
        }
        in.append(' ').append(request.method()).append(' ').append(url)
                .append(" (").append((System.nanoTime() - start) / 1_000_000).append(" ms)");
        if (headers) {
            appendHeaders(in, response.headers());
        }
        sink.accept(in.toString());
        return response;
    }

    private static void appendHeaders(StringBuilder out, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            // a server's header values are outside text: one line each, nothing that acts on a terminal
            out.append("\n    ").append(PrintableText.of(headers.name(i))).append(": ")
                    .append(PrintableText.of(Secrets.maskHeader(headers.name(i), headers.value(i))));
        }
    }
}
