package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * What a file is, told by its structure (how it begins, and for damaged files how it ends), never by its name or a
 * substring: the verifier and the signer ask here before handing a file to DSS.
 */
public final class FileKinds {
    private FileKinds() {
    }

    /** What a file is, judged by its structure. */
    public enum Kind {
        /** Begins with the PDF header (at the start, or after junk that PDF readers skip, but never after {@code <}). */
        PDF,
        /** Begins with markup: an XML document, for the XML parser to judge. */
        XML,
        /** A CMS SignedData in DER (a ContentInfo whose contentType is id-signedData): CAdES, PKCS#7. */
        CMS,
        /** An RFC 3161 TimeStampResp in DER (a PKIStatusInfo, then the token): what a TSA answers, kept as a file. */
        TIMESTAMP_RESPONSE,
        /** A ZIP archive (a local file header first): an ASiC container, an office document, or a plain archive. */
        ZIP,
        /** Begins with '{': a JSON document, for the JAdES parser to judge (JWS JSON serialization). */
        JSON,
        /** A JWS in compact serialization: three base64url parts, the first a JSON header ("eyJ"). */
        JWS_COMPACT,
        /** Nothing at all. */
        EMPTY,
        /** Neither. */
        OTHER
    }

    /**
     * Tells the formats apart by how the file begins, never by a substring anywhere: a file whose first character
     * (after a byte order mark and white space) is {@code <} is XML, whatever a comment in it says, and a PDF
     * starts with {@code %PDF-} (PDF readers also skip junk before the header in the first kilobyte, as long
     * as it does not look like markup).
     *
     * @param content the file
     * @return its kind
     * @throws UncheckedIOException when it cannot be read
     */
    public static Kind kind(Content content) {
        byte[] head;
        try (InputStream in = content.openStream()) {
            head = in.readNBytes(1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (head.length == 0) {
            return Kind.EMPTY;
        }
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        } else if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
            return Kind.XML; // UTF-16 with a byte order mark: only XML among the two
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i < head.length && head[i] == '<') {
            return Kind.XML;
        }
        if (i < head.length && head[i] == '{') {
            return Kind.JSON;
        }
        if (isSignedData(head)) {
            return Kind.CMS;
        }
        if (isTimestampResponse(head)) {
            return Kind.TIMESTAMP_RESPONSE;
        }
        if (isCompactJws(head, i)) {
            return Kind.JWS_COMPACT;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Kind.ZIP;
        }
        // the header is %PDF-1.n or %PDF-2.n
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        return java.util.regex.Pattern.compile("%PDF-[12]\\.\\d").matcher(text).find() ? Kind.PDF : Kind.OTHER;
    }

    /** DER of the OID id-signedData (1.2.840.113549.1.7.2), tag and length included. */
    private static final byte[] SIGNED_DATA = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x02};

    /**
     * @param head a file's first bytes
     * @return whether they begin an ASN.1 ContentInfo SEQUENCE (definite or indefinite length) whose first element is the
     *     OID id-signedData: a CMS signature, by its structure and not by its name
     */
    public static boolean isSignedData(byte[] head) {
        if (head.length < 2 + SIGNED_DATA.length || head[0] != 0x30) {
            return false;
        }
        int length = head[1] & 0xFF;
        int at = 2;
        if (length > 0x80) {
            at += length - 0x80; // long form: that many length octets
            if (length - 0x80 > 4) {
                return false;
            }
        }
        if (head.length < at + SIGNED_DATA.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(head, at, at + SIGNED_DATA.length), SIGNED_DATA);
    }

    /**
     * @param head a file's first bytes
     * @return whether they begin a TimeStampResp: a SEQUENCE whose first element is a PKIStatusInfo SEQUENCE that
     *     begins with the INTEGER status
     */
    public static boolean isTimestampResponse(byte[] head) {
        if (head.length < 7 || head[0] != 0x30) {
            return false;
        }
        int at = afterLength(head, 1);
        if (at < 0 || at + 3 >= head.length || head[at] != 0x30) {
            return false;
        }
        int inner = afterLength(head, at + 1);
        return inner > 0 && inner + 2 < head.length && head[inner] == 0x02 && head[inner + 1] == 0x01 && !isSignedData(head);
    }

    /** @return the index after a DER length starting at {@code at}, or -1 when it is not one okienko reads */
    private static int afterLength(byte[] head, int at) {
        if (at >= head.length) {
            return -1;
        }
        int first = head[at] & 0xFF;
        if (first < 0x80) {
            return at + 1;
        }
        int octets = first - 0x80;
        return octets >= 1 && octets <= 4 ? at + 1 + octets : -1;
    }

    /**
     * Whether the text from {@code from} is a compact JWS's start: "eyJ" and base64url characters up to a dot, or up
     * to the end of what was read (a header with a certificate chain runs longer than that).
     */
    private static boolean isCompactJws(byte[] head, int from) {
        if (head.length < from + 8 || head[from] != 'e' || head[from + 1] != 'y' || head[from + 2] != 'J') {
            return false;
        }
        for (int j = from; j < head.length; j++) {
            byte b = head[j];
            if (b == '.') {
                return true;
            }
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_')) {
                return false;
            }
        }
        return head.length >= 1024;
    }

    /**
     * @param content a file that does not begin as any format okienko reads
     * @return whether it names id-signedData in its first bytes without beginning as a DER SEQUENCE: a CMS signature
     *     whose first bytes are damaged
     */
    public static boolean looksLikeDamagedCms(Content content) {
        try (InputStream in = content.openStream()) {
            byte[] head = in.readNBytes(24);
            for (int i = 1; i + SIGNED_DATA.length <= head.length; i++) {
                if (Arrays.equals(Arrays.copyOfRange(head, i, i + SIGNED_DATA.length), SIGNED_DATA)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param content a file that does not begin as any format okienko reads
     * @return whether it ends as a ZIP archive does (an end-of-central-directory record in its last 64 KiB): a ZIP,
     *     or an ASiC container, whose beginning is damaged
     */
    public static boolean endsLikeZip(Content content) {
        long size = content.size();
        long from = Math.max(0, size - 65_557);
        try (InputStream in = content.openStream()) {
            in.skipNBytes(from);
            byte[] tail = in.readAllBytes();
            for (int i = tail.length - 22; i >= 0; i--) {
                if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param content a ZIP archive
     * @return what its {@code mimetype} entry (stored first, as ASiC and OpenDocument put it) says it is, for a message
     */
    public static String zipKind(Content content) {
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(content.openStream())) {
            java.util.zip.ZipEntry first = zip.getNextEntry();
            if (first != null && first.getName().equals("mimetype")) {
                String type = new String(zip.readNBytes(200), java.nio.charset.StandardCharsets.US_ASCII).trim();
                return type.startsWith("application/vnd.etsi.asic") ? "an ASiC container, " + type : "mimetype " + type;
            }
            return "no mimetype entry: a plain archive, or an ASiC container without one";
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /**
     * @param content a file
     * @return whether it is a PDF by {@link #kind(Content)}
     * @throws UncheckedIOException when it cannot be read
     */
    public static boolean isPdf(Content content) {
        return kind(content) == Kind.PDF;
    }
}
