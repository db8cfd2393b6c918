package dev.okienko.signature.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jspecify.annotations.Nullable;

/**
 * What was drawn onto a signed PDF's pages after the signature: annotations and form fields that the
 * incremental updates after the signed revision added. DSS counts such additions as allowed changes and its
 * visual comparison does not see them, so an overlay (a FreeText or Stamp annotation, or a new filled form
 * field, placed over the signed text) would pass as VALID.
 *
 * <p>The rule follows the signature's permissions. Further signatures and time stamps are always allowed (the
 * widget of a new signature field that holds a signature), and so is filling in fields that were already there. New annotations are
 * allowed only where a certification signature grants it (DocMDP P=3); without a certification signature
 * okienko applies P=2, the reading under which the signed content stays as signed. A new form field (an
 * empty signature field included) is never allowed. Invisible additions (hidden, zero-sized, or a link or pop-up
 * without an appearance of its own) change nothing on the page and pass.
 */
public final class PdfAdditions {
    /**
     * One visible addition.
     *
     * @param page the page, counting from 1; 0 when the revisions could not be read
     * @param what what was added, in words, e.g. {@code a FreeText annotation}
     * @param allowed whether the signature's permissions allow it
     */
    public record Addition(int page, String what, boolean allowed) {
        /** @return the addition in words for a report */
        public String describe() {
            if (page == 0) {
                return what;
            }
            return "page " + page + ": " + what + " was added after signing"
                    + (allowed ? " (the certification's permissions allow annotations)"
                    : ", drawn over the signed page; the signature's permissions do not allow it");
        }
    }

    private PdfAdditions() {
    }

    /**
     * @param revisions the signed revision and the final document
     * @param annotationsAllowed whether a certification signature allows annotations (DocMDP P=3)
     * @return what the later revisions drew onto the pages; empty when nothing was appended; one addition that is
     *     not allowed when the revisions cannot be read
     */
    public static List<Addition> after(PdfRevisions revisions, boolean annotationsAllowed) {
        if (revisions.problem() != null) {
            return unreadable(revisions.problem());
        }
        if (!revisions.appended()) {
            return List.of();
        }
        try {
            PDDocument signed = revisions.signed();
            PDDocument now = revisions.now();
            List<Addition> additions = new ArrayList<>();
            int pages = Math.min(signed.getNumberOfPages(), now.getNumberOfPages());
            for (int i = 0; i < pages; i++) {
                Set<String> before = new HashSet<>();
                for (Annotation a : annotations(signed.getPage(i).getCOSObject())) {
                    before.add(a.identity());
                }
                for (Annotation a : annotations(now.getPage(i).getCOSObject())) {
                    if (before.contains(a.identity()) || !a.isVisible()) {
                        continue;
                    }
                    if (a.isWidget()) {
                        if (!a.isSignedSignatureField()) {
                            additions.add(new Addition(i + 1, (a.isSignatureField() ? "a new empty signature field"
                                    : "a new form field") + a.fieldName() + " " + a.rect(), false));
                        }
                    } else {
                        additions.add(new Addition(i + 1, "a " + a.subtype() + " annotation " + a.rect(), annotationsAllowed));
                    }
                }
            }
            return additions;
        } catch (RuntimeException e) {
            return unreadable(String.valueOf(e.getMessage()));
        }
    }

    /** What was added after signing cannot be seen: nothing is excused (before, this passed as "nothing added"). */
    private static List<Addition> unreadable(String why) {
        return List.of(new Addition(0, "what the revisions after the signature drew on its pages cannot be read ("
                + why + "): nothing added after signing can be excused", false));
    }

    private static List<Annotation> annotations(COSDictionary page) {
        COSArray annots = page.getCOSArray(COSName.ANNOTS);
        List<Annotation> list = new ArrayList<>();
        if (annots == null) {
            return list;
        }
        for (int i = 0; i < annots.size(); i++) {
            COSBase entry = annots.get(i);
            String key = entry instanceof COSObject o && o.getKey() != null ? o.getKey().toString() : null;
            COSBase value = entry instanceof COSObject o ? o.getObject() : entry;
            if (value instanceof COSDictionary d) {
                list.add(new Annotation(key, d));
            }
        }
        return list;
    }

    /** An annotation dictionary and the indirect object it came from, if any. */
    private record Annotation(@Nullable String key, COSDictionary dict) {
        private static final int HIDDEN = 1 << 1;
        private static final int NO_VIEW = 1 << 5;

        /** The object number for an indirect annotation; for a direct one its kind and place. */
        String identity() {
            return key != null ? key : subtype() + " " + rect();
        }

        String subtype() {
            String s = dict.getNameAsString(COSName.SUBTYPE);
            return s == null ? "untyped" : s;
        }

        boolean isWidget() {
            return "Widget".equals(subtype());
        }

        boolean isVisible() {
            int flags = dict.getInt(COSName.F, 0);
            if ((flags & (HIDDEN | NO_VIEW)) != 0) {
                return false;
            }
            COSArray r = dict.getCOSArray(COSName.RECT);
            if (r == null || r.size() != 4) {
                return false;
            }
            float width = Math.abs(number(r, 2) - number(r, 0));
            float height = Math.abs(number(r, 3) - number(r, 1));
            if (width < 1 || height < 1) {
                return false;
            }
            boolean ownAppearance = dict.getDictionaryObject(COSName.AP) != null;
            String s = subtype();
            return ownAppearance || !("Link".equals(s) || "Popup".equals(s) || "Widget".equals(s));
        }

        /** Whether this widget belongs to a signature field: FT /Sig on it or on a parent field. */
        boolean isSignatureField() {
            return signatureField() != null;
        }

        /**
         * Whether this widget belongs to a signature field that holds a signature (/V): a further signature.
         * A visible signature field without one is only a box drawn on the page.
         */
        boolean isSignedSignatureField() {
            COSDictionary field = signatureField();
            return field != null && field.getDictionaryObject(COSName.V) instanceof COSDictionary;
        }

        private @Nullable COSDictionary signatureField() {
            COSDictionary field = dict;
            for (int depth = 0; field != null && depth < 32; depth++) {
                if (COSName.SIG.equals(field.getCOSName(COSName.FT))) {
                    return field;
                }
                field = field.getCOSDictionary(COSName.PARENT);
            }
            return null;
        }

        String fieldName() {
            String name = dict.getString(COSName.T);
            if (name == null && dict.getCOSDictionary(COSName.PARENT) != null) {
                name = dict.getCOSDictionary(COSName.PARENT).getString(COSName.T);
            }
            return name == null ? "" : " \"" + name + "\"";
        }

        String rect() {
            COSArray r = dict.getCOSArray(COSName.RECT);
            if (r == null || r.size() != 4) {
                return "";
            }
            return String.format(Locale.ROOT, "at [%.0f %.0f %.0f %.0f]", number(r, 0), number(r, 1), number(r, 2), number(r, 3));
        }

        private static float number(COSArray r, int i) {
            return r.getObject(i) instanceof org.apache.pdfbox.cos.COSNumber n ? n.floatValue() : 0f;
        }
    }
}
