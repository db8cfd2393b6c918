package dev.okienko.core.internal;

import dev.okienko.core.Pesel;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Masks secrets and PESEL numbers in text that may reach a log. */
public final class Secrets {
    /** What a masked secret is replaced with. */
    public static final String MASK = "***";

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "api-key");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|password|passwd|assertion|apikey|api_key|api-key|credential|session|pesel|code).*");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<![0-9])[0-9]{11}(?![0-9])");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(\"?[a-z_-]*(?:token|secret|password|assertion)[a-z_-]*\"?\\s*[:=]\\s*\"?)([^\"&\\s,}]+)");

    private Secrets() {
    }

    /**
     * @param name a header name
     * @param value its value
     * @return the value, or a mask when the header carries a secret
     */
    public static String maskHeader(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SECRET_HEADERS.contains(lower) || SECRET_NAME.matcher(lower).matches()) {
            return MASK;
        }
        return maskText(value);
    }

    /**
     * @param url a URL
     * @return the URL with secret query parameters and PESEL-like numbers masked
     */
    public static String maskUrl(HttpUrl url) {
        HttpUrl.Builder b = url.newBuilder().query(null).username("").password("");
        for (int i = 0; i < url.querySize(); i++) {
            String name = url.queryParameterName(i);
            String value = url.queryParameterValue(i);
            String masked = value == null ? null
                    : SECRET_NAME.matcher(name).matches() ? MASK : maskText(value);
            b.addQueryParameter(name, masked);
        }
        return maskText(b.build().toString().replace("%2A%2A%2A", MASK));
    }

    /**
     * Masks JWTs, bearer and basic credentials, {@code token=...}-style values and every run of exactly 11
     * digits (a PESEL may be any of them).
     *
     * @param text any text
     * @return the text with secrets masked
     */
    public static String maskText(String text) {
        String s = JWT.matcher(text).replaceAll(MASK);
        s = BEARER.matcher(s).replaceAll("$1 " + MASK);
        s = KEY_VALUE.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        Matcher m = ELEVEN_DIGITS.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Pesel.mask(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
