package dev.okienko.testkit.edelivery.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) for the simulators: the boundary from the content type,
 * each part's {@code Content-Disposition} name and file name, its {@code Content-Type} and its bytes. Strict:
 * anything malformed, or a name given twice, is an {@link IllegalArgumentException} naming what is wrong.
 */
public final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
    private static final int MAX_PARTS = 32;

    /**
     * One part.
     *
     * @param name its form field name
     * @param filename its file name, or null for a plain field
     * @param contentType its content type, or null
     * @param content its bytes
     */
    public record Part(String name, @Nullable String filename, @Nullable String contentType, byte[] content) {
        /** @return the content as UTF-8 text */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /**
     * @param contentType the request's {@code Content-Type}
     * @param body the whole body
     * @return the parts by name, in order
     * @throws IllegalArgumentException when the body is not well-formed {@code multipart/form-data}
     */
    public static Map<String, Part> parse(@Nullable String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("the request is not multipart/form-data but " + contentType);
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("the multipart/form-data content type has no boundary");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, first, 0);
        if (pos != 0 && (pos < 0 || body[pos - 1] != '\n')) {
            throw new IllegalArgumentException("the body does not start with the boundary");
        }
        pos += first.length;
        Map<String, Part> parts = new LinkedHashMap<>();
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return parts; // the close delimiter
            }
            if (!startsWith(body, pos, CRLF)) {
                throw new IllegalArgumentException("a boundary is not followed by CRLF");
            }
            pos += 2;
            int headersEnd = indexOf(body, HEADERS_END, pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a part's headers do not end");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int start = headersEnd + HEADERS_END.length;
            int end = indexOf(body, delimiter, start);
            if (end < 0) {
                throw new IllegalArgumentException("the body ends inside a part, without the closing boundary");
            }
            Part part = part(headers, Arrays.copyOfRange(body, start, end));
            if (parts.put(part.name(), part) != null) {
                throw new IllegalArgumentException("form field " + part.name() + " occurs twice");
            }
            if (parts.size() > MAX_PARTS) {
                throw new IllegalArgumentException("more than " + MAX_PARTS + " parts");
            }
            pos = end + delimiter.length;
        }
    }

    private static Part part(String headers, byte[] content) {
        String disposition = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a part has a malformed header: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-disposition")) {
                disposition = value;
            } else if (name.equals("content-type")) {
                type = value;
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IllegalArgumentException("a part has no Content-Disposition: form-data");
        }
        Matcher name = NAME.matcher(disposition);
        if (!name.find() || name.group(1).isEmpty()) {
            throw new IllegalArgumentException("a part's Content-Disposition has no name");
        }
        Matcher filename = FILENAME.matcher(disposition);
        return new Part(name.group(1), filename.find() ? filename.group(1) : null, type, content);
    }

    private static boolean startsWith(byte[] body, int pos, byte[] prefix) {
        return pos + prefix.length <= body.length && Arrays.equals(body, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        byte head = target[0];
        for (int i = from, last = body.length - target.length; i <= last; i++) {
            if (body[i] == head && Arrays.equals(body, i, i + target.length, target, 0, target.length)) {
                return i;
            }
        }
        return -1;
    }
}
