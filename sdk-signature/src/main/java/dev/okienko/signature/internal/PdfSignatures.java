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
        if (byteRange == null || byteRange.size() != 4 || byteRange.get(0).signum() != 0) {
            return false;
        }
        return byteRange.get(2).add(byteRange.get(3)).equals(BigInteger.valueOf(fileSize));
    }

    /**
     * Streams the file once, in constant memory.
     *
     * @param pdf a PDF
     * @return whether it names a signature byte range anywhere: a signed PDF (or one that was, before damage)
     */
    public static boolean hasByteRange(Content pdf) {
        return Bytes.containsAny(pdf, BYTE_RANGE);
    }
}
