package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import eu.europa.esig.dss.pdf.IPdfObjFactory;
import eu.europa.esig.dss.pdf.PdfMemoryUsageSetting;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.signature.resources.TempFileResourcesHandlerBuilder;

/**
 * How large PDFs are handled: above {@link #THRESHOLD} bytes, and when the document is a file, PDFBox works
 * on temporary files instead of the heap and DSS writes its result to a temporary file. Small documents stay
 * in memory, which is faster.
 */
public final class LargeDocuments {
    /** From this size a PDF file is processed through temporary files. */
    public static final long THRESHOLD = 32L * 1024 * 1024;

    private LargeDocuments() {
    }

    /**
     * @param content a document
     * @return whether it is a file of at least {@link #THRESHOLD} bytes
     */
    public static boolean isLarge(Content content) {
        return content.file().isPresent() && content.size() >= THRESHOLD;
    }

    /** @return a PDFBox factory that keeps document data in temporary files, not on the heap */
    public static IPdfObjFactory fileBackedPdfFactory() {
        PdfBoxDefaultObjectFactory factory = new PdfBoxDefaultObjectFactory();
        factory.setPdfMemoryUsageSetting(PdfMemoryUsageSetting.fileOnly());
        factory.setResourcesHandlerBuilder(new TempFileResourcesHandlerBuilder());
        return factory;
    }
}
