package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
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
     * Opens the revision a signature signed: the file's first bytes up to the end of its byte range, copied (PDFBox
     * cannot read every PDF through a view of a longer file: one with object streams fails "Page tree root must be a
     * dictionary"). Up to {@link LargeDocuments#THRESHOLD} in memory, beyond it in a temporary file that is gone
     * once opened.
     *
     * @param pdf the whole PDF
     * @param signedEnd where the signed revision ends
     * @return the signed revision, for the caller to close
     * @throws IOException when it cannot be read
     */
    public static PDDocument signedRevision(Content pdf, long signedEnd) throws IOException {
        try (InputStream in = pdf.openStream()) {
            if (signedEnd <= LargeDocuments.THRESHOLD) {
                return Loader.loadPDF(new RandomAccessReadBuffer(in.readNBytes((int) signedEnd)));
            }
            Path copy = Files.createTempFile("okienko-revision", ".pdf");
            try {
                try (OutputStream out = Files.newOutputStream(copy)) {
                    byte[] buffer = new byte[1 << 16];
                    long left = signedEnd;
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new EOFException("the file ends before its signed revision does");
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                }
                return Loader.loadPDF(new RandomAccessReadBufferedFile(copy));
            } finally {
                Files.deleteIfExists(copy); // an open file outlives its name where the system allows it
            }
        }
    }

    /**
     * @param pdf a PDF
     * @return the whole PDF opened, for the caller to close (a file stays on disk)
     * @throws IOException when it cannot be read
     */
    public static PDDocument whole(Content pdf) throws IOException {
        if (pdf.file().isPresent()) {
            return Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.file().get()));
        }
        return Loader.loadPDF(new RandomAccessReadBuffer(pdf.toBytes()));
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
        } catch (java.io.IOException | java.io.UncheckedIOException | dev.okienko.core.LocalFileException e) {
            return false;
        }
    }
}
