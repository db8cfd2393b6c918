package dev.okienko.testkit.pki.internal;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Creates the JDK HTTP servers that the test PKI and every simulator run on: bound to 127.0.0.1 on a free
 * port, with Nagle's algorithm off on their connections.
 *
 * <p>Why Nagle matters: the JDK server writes an answer's headers and its body as separate small writes. With
 * Nagle on, the second write waits for the client's acknowledgement of the first, and clients delay that
 * acknowledgement by up to 40 ms, so every answer on a kept-alive connection came about 40 ms late (22
 * requests a second). The JDK server has no API for TCP_NODELAY, only the system property
 * {@value #NODELAY}, read once when the server's configuration class loads; it is set here, before the first
 * server is made, unless the application set it itself. It changes only the JDK's built-in server
 * ({@code com.sun.net.httpserver}), and only for the better.
 */
public final class LoopbackHttp {
    /** The JDK server's switch for TCP_NODELAY on accepted connections. */
    public static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private LoopbackHttp() {
    }

    /**
     * @return an HTTP server on 127.0.0.1 and a free port, not yet started
     * @throws IOException when no port can be bound
     */
    public static HttpServer http() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    }

    /**
     * @return an HTTPS server on 127.0.0.1 and a free port, not yet configured or started
     * @throws IOException when no port can be bound
     */
    public static HttpsServer https() throws IOException {
        return HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    }
}
