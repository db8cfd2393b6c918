package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Facts about PDF signatures that DSS's report does not state outright. */
public final class PdfSignatures {
    private static final byte[] BYTE_RANGE = "/ByteRange".getBytes(StandardCharsets.US_ASCII);

    private PdfSignatures() {
    }

    /**
     * @param byteRange a signature's byte range: offset and length of the part before the signature value,
     *     offset and length of the part after it
     * @param fileSize the file's size
     * @return whether the signed bytes run from the start to the very end of the file: nothing was appended
     *     after the signature's revision
     */
    public static boolean coversWholeFile(@Nullable List<BigInteger> byteRange, long fileSize) {
        return byteRange != null && byteRange.size() == 4 && byteRange.get(0).signum() == 0
                && signedEnd(byteRange) == fileSize;
    }

    /**
     * @param byteRange a signature's byte range (four numbers)
     * @return where its signed revision ends: the offset of the second part plus its length; -1 for a byte range
     *     that is not four numbers or does not fit a file
     */
    public static long signedEnd(List<BigInteger> byteRange) {
        if (byteRange.size() != 4) {
            return -1;
        }
        BigInteger end = byteRange.get(2).add(byteRange.get(3));
        return end.bitLength() < 63 ? end.longValue() : -1;
    }

    /**
     * Why a PDF in which DSS found no signature is damaged rather than unsigned, if it is: it does not end
     * with {@code %%EOF} (cut short), or it names a signature byte range that no readable signature belongs
     * to (its signature bytes are not a signature). Streams the file once, in constant memory.
     *
     * @param pdf a PDF in which no signature was found
     * @return what is wrong, in words, or null when it looks like a whole, unsigned PDF
     */
    public static @Nullable String damage(Content pdf) {
        if (!endsWithEof(pdf)) {
            return "it does not end with %%EOF (cut short?), and no signature in it could be read";
        }
        if (Bytes.containsAny(pdf, BYTE_RANGE)) {
            return "it has a signature byte range, but no signature in it could be read (its signature bytes are not a signature)";
        }
        return null;
    }

    private static boolean endsWithEof(Content pdf) {
        long size = pdf.size();
        try (java.io.InputStream in = pdf.openStream()) {
            in.skipNBytes(Math.max(0, size - 1024));
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("%%EOF");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
