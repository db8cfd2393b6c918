package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CMS signatures and time-stamp tokens saved as text: PEM ({@code -----BEGIN PKCS7-----}, {@code CMS},
 * {@code PKCS #7 SIGNED DATA}) or bare base64, as some tools and mail gateways save {@code .p7s} files. The text is
 * decoded only when it is what it looks like: the armour's label, base64 inside, and a DER SignedData (or
 * TimeStampResp) once decoded.
 */
public final class Armor {
    /** Text armour is for small signatures; a detached CMS signature with its chain is a few kilobytes. */
    public static final long MAX_SIZE = 16L << 20;
    private static final Pattern PEM = Pattern.compile(
            "\\A\\s*-----BEGIN (PKCS7|CMS|PKCS #7 SIGNED DATA)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----\\s*\\z");
    private static final Pattern BASE64 = Pattern.compile("\\A\\s*(MI[A-Za-z0-9+/][A-Za-z0-9+/=\\s]*)\\z");

    private Armor() {
    }

    /**
     * @param content a file that begins as none of the binary formats
     * @return the decoded signature, named as the file, when it is a PEM or base64 text of a CMS SignedData or
     *     TimeStampResp; null otherwise
     */
    public static @Nullable Content unwrap(Content content) {
        if (content.size() > MAX_SIZE) {
            return null;
        }
        String text;
        try (InputStream in = content.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher pem = PEM.matcher(text);
        String body = pem.matches() ? pem.group(2) : null;
        if (body == null) {
            Matcher bare = BASE64.matcher(text);
            body = bare.matches() ? bare.group(1) : null;
        }
        if (body == null) {
            return null;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] head = java.util.Arrays.copyOf(der, Math.min(der.length, 64));
        return FileKinds.isSignedData(head) || FileKinds.isTimestampResponse(head) ? Content.of(der, content.name()) : null;
    }
}
