package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jspecify.annotations.Nullable;

/**
 * A signed PDF's signed revision and its final document, opened once with PDFBox for every comparison of them
 * ({@link PdfAdditions}, {@link PdfFormFills}). Either nothing was appended after the signature, or both are open,
 * or they could not be read ({@link #problem()}), which the comparisons treat as excusing nothing.
 */
public final class PdfRevisions implements AutoCloseable {
    private final @Nullable PDDocument signed;
    private final @Nullable PDDocument now;
    private final @Nullable String problem;

    private PdfRevisions(@Nullable PDDocument signed, @Nullable PDDocument now, @Nullable String problem) {
        this.signed = signed;
        this.now = now;
        this.problem = problem;
    }

    /**
     * @param pdf the whole PDF
     * @param byteRange a signature's byte range; its signed revision ends where it ends
     * @return the two revisions; never throws
     */
    public static PdfRevisions open(Content pdf, List<BigInteger> byteRange) {
        long signedEnd = PdfSignatures.signedEnd(byteRange);
        if (signedEnd <= 0 || signedEnd >= pdf.size()) {
            return new PdfRevisions(null, null, null);
        }
        PDDocument signed = null;
        try {
            signed = PdfSignatures.signedRevision(pdf, signedEnd);
            return new PdfRevisions(signed, PdfSignatures.whole(pdf), null);
        } catch (IOException | RuntimeException e) {
            if (signed != null) {
                try {
                    signed.close();
                } catch (IOException ignored) {
                    // the read failed already; that is what is reported
                }
            }
            return new PdfRevisions(null, null, String.valueOf(e.getMessage()));
        }
    }

    /** @return whether revisions follow the signed one (false also when they could not be read) */
    public boolean appended() {
        return signed != null && now != null;
    }

    /** @return why the revisions could not be read, or null */
    public @Nullable String problem() {
        return problem;
    }

    /** @return the signed revision; only when {@link #appended()} */
    public PDDocument signed() {
        return java.util.Objects.requireNonNull(signed, "nothing was appended");
    }

    /** @return the final document; only when {@link #appended()} */
    public PDDocument now() {
        return java.util.Objects.requireNonNull(now, "nothing was appended");
    }

    @Override
    public void close() {
        for (PDDocument d : new PDDocument[] {signed, now}) {
            if (d != null) {
                try {
                    d.close();
                } catch (IOException e) {
                    // read-only documents: nothing to lose
                }
            }
        }
    }
}
