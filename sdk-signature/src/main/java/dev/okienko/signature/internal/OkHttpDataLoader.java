package dev.okienko.signature.internal;

import dev.okienko.core.internal.http.Idempotent;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * DSS's {@link DataLoader} on okienko's OkHttp stack, so that time stamps, OCSP, CRLs and AIA certificates
 * travel the same way (timeouts, retries, masked logs, the caller's proxy and TLS) as everything else.
 * GET answers (CRLs, issuer certificates) are cached for a while; POSTs (OCSP, TSP) never are. Only http
 * and https are supported. A loader is used by one DSS source, which sets its content type once.
 */
public final class OkHttpDataLoader implements DataLoader {
    private static final long serialVersionUID = 1L;
    /** The largest answer read: generous for CRLs, bounded against hostile servers. */
    public static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    private final transient OkHttpClient http;
    private final transient @Nullable GetCache cache;
    private volatile String contentType = "application/octet-stream";

    /**
     * @param http the client
     * @param cache a cache for GET answers shared between loaders, or null for none
     */
    public OkHttpDataLoader(OkHttpClient http, @Nullable GetCache cache) {
        this.http = http;
        this.cache = cache;
    }

    @Override
    public byte[] get(String url) {
        requireHttp(url);
        if (cache != null) {
            byte[] cached = cache.get(url);
            if (cached != null) {
                return cached;
            }
        }
        byte[] body = execute(new Request.Builder().url(url).get().build(), url);
        if (cache != null) {
            cache.put(url, body);
        }
        return body;
    }

    @Override
    public DataAndUrl get(List<String> urls) {
        List<String> failures = new ArrayList<>();
        for (String url : urls) {
            try {
                return new DataAndUrl(url, get(url));
            } catch (DSSExternalResourceException e) {
                failures.add(e.getMessage());
            }
        }
        throw new DSSExternalResourceException("none of " + urls.size() + " URLs answered: " + failures);
    }

    @Override
    public byte[] post(String url, byte[] content) {
        requireHttp(url);
        // an OCSP or time-stamp request has no side effects, so a retry cannot do harm
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(content, MediaType.get(contentType)));
        return execute(Idempotent.mark(b).build(), url);
    }

    @Override
    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    private byte[] execute(Request request, String url) {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new DSSExternalResourceException(request.method() + " " + url + " answered HTTP " + response.code());
            }
            ResponseBody body = response.body();
            long declared = body.contentLength();
            if (declared > MAX_RESPONSE_BYTES) {
                throw new DSSExternalResourceException(url + " answered " + declared + " bytes, more than the "
                        + MAX_RESPONSE_BYTES + " okienko reads");
            }
            try (InputStream in = body.byteStream()) {
                byte[] bytes = in.readNBytes((int) MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    throw new DSSExternalResourceException(url + " answered more than " + MAX_RESPONSE_BYTES + " bytes");
                }
                if (bytes.length == 0) {
                    throw new DSSExternalResourceException(url + " answered an empty body");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new DSSExternalResourceException(request.method() + " " + url + " failed: " + e.getMessage(), e);
        }
    }

    private static void requireHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new DSSExternalResourceException("okienko fetches only http and https, not " + url);
        }
    }

    /** A small, bounded, time-limited cache of GET answers (CRLs, issuer certificates), shared by loaders. */
    public static final class GetCache {
        private final Duration ttl;
        private final ExpiringCache<byte[]> cache;

        /**
         * @param ttl how long an answer is reused
         * @param maxEntries how many answers are kept (least recently used are dropped)
         * @param clock the clock expiry is judged by
         */
        public GetCache(Duration ttl, int maxEntries, Clock clock) {
            this.ttl = ttl;
            this.cache = new ExpiringCache<>(maxEntries, clock);
        }

        byte @Nullable [] get(String url) {
            return cache.get(url);
        }

        void put(String url, byte[] body) {
            cache.put(url, body, cache.clock().instant().plus(ttl));
        }
    }
}
