package dev.okienko.signature.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jspecify.annotations.Nullable;

/**
 * The fill-then-sign workflow of forms, judged by the PDF's own rules (ISO 32000-1 12.8.2): which form fields that
 * existed when a signature was made were given another value by a later revision, and whether that explains the
 * visual difference DSS found on a page. A page is explained when, with the widgets of the filled fields left out of
 * both renderings, the signed revision and the final document look the same, pixel for pixel; any other difference
 * (changed text, a hidden or replaced object, an overlay that is no field) is not.
 *
 * <p>Whether a fill is permitted is the caller's to judge from the signature's locks (FieldMDP, SigFieldLock); a
 * certification that allows no change (DocMDP P=1) is DSS's check.
 */
public final class PdfFormFills {
    /** Rendering resolution: enough to see any change of text, cheap for a page. */
    private static final float DPI = 50;

    /**
     * One field filled after signing.
     *
     * @param field its fully qualified name
     * @param page the page its first widget is on, counting from 1; 0 when it has none on a page
     */
    public record Fill(String field, int page) {
    }

    /**
     * @param fills the fields filled after signing
     * @param unexplained the pages with a visual difference that filling those fields does not explain
     */
    public record Judgement(List<Fill> fills, List<Integer> unexplained) {
    }

    private PdfFormFills() {
    }

    /**
     * @param revisions the signed revision and the final document
     * @param visualDifferences the pages (from 1) where DSS found that the final document looks different
     * @return the fills, and the pages they do not explain; when nothing was appended or the revisions cannot be
     *     read, no fill and every page unexplained (a difference is never excused by a PDF okienko could not read)
     */
    public static Judgement judge(PdfRevisions revisions, List<Integer> visualDifferences) {
        if (!revisions.appended()) {
            return new Judgement(List.of(), List.copyOf(visualDifferences));
        }
        try {
            PDDocument signed = revisions.signed();
            PDDocument now = revisions.now();
            Map<String, PDTerminalField> before = fields(signed);
            Map<String, PDTerminalField> after = fields(now);
            List<Fill> fills = new ArrayList<>();
            for (Map.Entry<String, PDTerminalField> e : after.entrySet()) {
                PDTerminalField old = before.get(e.getKey());
                if (old != null && !Objects.equals(value(old), value(e.getValue()))) {
                    fills.add(new Fill(e.getKey(), pageOf(now, e.getValue())));
                }
            }
            List<Integer> unexplained = new ArrayList<>();
            if (!visualDifferences.isEmpty()) {
                Set<COSDictionary> hiddenBefore = widgets(before, fills);
                Set<COSDictionary> hiddenAfter = widgets(after, fills);
                PDFRenderer signedRenderer = renderer(signed, hiddenBefore);
                PDFRenderer nowRenderer = renderer(now, hiddenAfter);
                for (int page : visualDifferences) {
                    if (fills.isEmpty() || page < 1 || page > signed.getNumberOfPages() || page > now.getNumberOfPages()
                            || !same(signedRenderer.renderImageWithDPI(page - 1, DPI, ImageType.RGB),
                                     nowRenderer.renderImageWithDPI(page - 1, DPI, ImageType.RGB))) {
                        unexplained.add(page);
                    }
                }
            }
            return new Judgement(fills, unexplained);
        } catch (IOException | RuntimeException e) {
            return new Judgement(List.of(), List.copyOf(visualDifferences));
        }
    }

    /**
     * @param field a field's fully qualified name
     * @param action the lock's action: ALL, INCLUDE or EXCLUDE
     * @param fields the fields the lock names
     * @return whether the lock covers that field
     */
    public static boolean locks(String field, String action, List<String> fields) {
        return switch (action) {
            case "ALL" -> true;
            case "INCLUDE" -> fields.contains(field);
            case "EXCLUDE" -> !fields.contains(field);
            default -> true; // a lock okienko cannot read locks everything
        };
    }

    private static Map<String, PDTerminalField> fields(PDDocument doc) {
        Map<String, PDTerminalField> out = new LinkedHashMap<>();
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return out;
        }
        int count = 0;
        for (PDField f : form.getFieldTree()) {
            if (++count > 10_000) {
                break; // no real form has more; the rest is not judged, so nothing in it is excused
            }
            if (f instanceof PDTerminalField t && !(f instanceof PDSignatureField) && f.getFullyQualifiedName() != null) {
                out.put(f.getFullyQualifiedName(), t);
            }
        }
        return out;
    }

    private static @Nullable String value(PDTerminalField field) {
        COSBase v = field.getCOSObject().getDictionaryObject(org.apache.pdfbox.cos.COSName.V);
        if (v == null) {
            return null;
        }
        // the value as text, or its structure for a name, an array or a stream: compared, never shown
        return field.getValueAsString() + "|" + v.getClass().getSimpleName();
    }

    private static int pageOf(PDDocument doc, PDTerminalField field) {
        List<PDAnnotationWidget> widgets = field.getWidgets();
        if (widgets.isEmpty()) {
            return 0;
        }
        COSDictionary widget = widgets.get(0).getCOSObject();
        int i = 1;
        for (PDPage page : doc.getPages()) {
            try {
                for (PDAnnotation a : page.getAnnotations()) {
                    if (a.getCOSObject() == widget) {
                        return i;
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            i++;
        }
        return 0;
    }

    private static Set<COSDictionary> widgets(Map<String, PDTerminalField> fields, List<Fill> fills) {
        Set<COSDictionary> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Fill fill : fills) {
            PDTerminalField f = fields.get(fill.field());
            if (f != null) {
                f.getWidgets().forEach(w -> out.add(w.getCOSObject()));
            }
        }
        return out;
    }

    private static PDFRenderer renderer(PDDocument doc, Set<COSDictionary> hidden) {
        PDFRenderer renderer = new PDFRenderer(doc);
        renderer.setAnnotationsFilter(a -> !hidden.contains(a.getCOSObject()));
        return renderer;
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
