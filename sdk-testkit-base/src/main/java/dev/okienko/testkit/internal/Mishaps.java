package dev.okienko.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.okienko.testkit.Mishap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Plays the transport part of a {@link Mishap} on an exchange, the same way for every simulator. */
public final class Mishaps {
    private Mishaps() {
    }

    /**
     * Waits the mishap's delay, then drops the connection or answers with its status or raw bytes when it says so.
     *
     * @param mishap what goes wrong
     * @param exchange the exchange
     * @param contentType the content type of a status or raw answer
     * @return whether the mishap took the place of the answer (the exchange is then closed); false when the
     *     simulator should go on and answer (after the delay)
     * @throws IOException when the exchange fails
     */
    public static boolean play(Mishap mishap, HttpExchange exchange, String contentType) throws IOException {
        if (mishap.delayMillis() > 0) {
            try {
                Thread.sleep(mishap.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mishap.drop()) {
            exchange.getRequestBody().readAllBytes();
            exchange.close(); // no status line: the client sees the connection end
            return true;
        }
        if (mishap.status() > 0 || mishap.raw() != null) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = mishap.raw() != null ? mishap.raw() : ("HTTP " + mishap.status()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (mishap.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(Math.max(0, mishap.retryAfter().toSeconds())));
            }
            // a raw answer goes chunked, without a Content-Length, so that a client must bound what it reads
            exchange.sendResponseHeaders(mishap.status() > 0 ? mishap.status() : 200, mishap.raw() != null ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return true;
        }
        return false;
    }
}
