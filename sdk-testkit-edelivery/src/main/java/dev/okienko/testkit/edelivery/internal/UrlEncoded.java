package dev.okienko.testkit.edelivery.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads {@code application/x-www-form-urlencoded} text: a form body or a URL's raw query. */
public final class UrlEncoded {
    private UrlEncoded() {
    }

    /**
     * @param text {@code name=value&...}, percent-encoded, or null
     * @return the pairs in order (a name given twice keeps its last value; pairs without a name are skipped)
     * @throws IllegalArgumentException when a percent escape is malformed
     */
    public static Map<String, String> decode(@Nullable String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    pairs.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return pairs;
    }
}
