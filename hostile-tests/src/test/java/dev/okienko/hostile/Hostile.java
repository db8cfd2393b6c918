package dev.okienko.hostile;

import dev.okienko.core.SecureXml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationRubberStamp;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Makes hostile inputs at test time, as an attacker would, without okienko's own writers: XML by hand, ZIP
 * archives by the JDK with their headers patched, overlays by an incremental PDF update from PDFBox.
 */
final class Hostile {
    private Hostile() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code <r>} holding {@code depth} nested elements: a signed document's content made deep. */
    static byte[] deep(int depth) {
        StringBuilder b = new StringBuilder(depth * 8 + 64).append("<r>");
        b.append("<d>".repeat(depth)).append("x").append("</d>".repeat(depth));
        return utf8(b.append("</r>").toString());
    }

    /** Grafts {@code count} empty elements into a signed XML document, just inside its root. */
    static byte[] withManyElements(byte[] signedXml, int count) {
        String s = new String(signedXml, StandardCharsets.UTF_8);
        int rootEnd = s.indexOf('>', s.indexOf('<', s.startsWith("<?xml") ? s.indexOf("?>") + 2 : 0)) + 1;
        return utf8(s.substring(0, rootEnd) + "<a/>".repeat(count) + s.substring(rootEnd));
    }

    /**
     * Takes the {@code ds:Signature} of an enveloping signature (over its own {@code ds:Object}) and grafts it
     * into another document as the root's last child: a signature by the right key over the wrong content.
     */
    static byte[] graft(byte[] envelopingSignature, byte[] target) {
        Document signature = SecureXml.parse(envelopingSignature);
        Document doc = SecureXml.parse(target);
        Node imported = doc.importNode(signature.getDocumentElement(), true);
        doc.getDocumentElement().appendChild(imported);
        return serialise(doc);
    }

    static byte[] serialise(Document doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SecureXml.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A UPP or UPD document's fields, unsigned, in the official namespace. */
    static byte[] receipt(String kind, String id, String documentId) {
        return utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><upo:Dokument xmlns:upo=\"http://crd.gov.pl/xml/schematy/UPO/2008/05/09/\">"
                + "<upo:" + kind + "><upo:IdentyfikatorPoswiadczenia>" + id + "</upo:IdentyfikatorPoswiadczenia>"
                + "<upo:Adresat>/PodlaskaWKOHP/SkrytkaESP</upo:Adresat><upo:Nadawca>Jan Kowalski</upo:Nadawca>"
                + "<upo:DataDoreczenia>2026-11-30T10:00:00Z</upo:DataDoreczenia>"
                + "<upo:IdentyfikatorDokumentu>" + documentId + "</upo:IdentyfikatorDokumentu></upo:" + kind + "></upo:Dokument>");
    }

    /** An ETSI EN 319 522 evidence's fields, unsigned. */
    static byte[] evidence(String id, String messageId) {
        return utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ev:Evidence xmlns:ev=\"http://uri.etsi.org/19522/v1#\">"
                + "<ev:EvidenceIdentifier>" + id + "</ev:EvidenceIdentifier>"
                + "<ev:ERDSEventId>http://uri.etsi.org/19522/Event/ContentHandover</ev:ERDSEventId>"
                + "<ev:EventTime>2026-11-30T10:00:00Z</ev:EventTime>"
                + "<ev:UserContentInfo><ev:MessageIdentifier>" + messageId + "</ev:MessageIdentifier></ev:UserContentInfo>"
                + "</ev:Evidence>");
    }

    // ------------------------------------------------------------------ archives

    /** A ZIP of the given entries (deflated), names written as given. */
    static Path zip(Path file, Map<String, byte[]> entries) {
        return zipOf(file, entries.entrySet().stream().map(e -> Map.entry(e.getKey(), (Object) e.getValue())).toList());
    }

    /** A ZIP of the given entries (deflated), each entry's content given as bytes or as a number of zero bytes. */
    static Path zipOf(Path file, List<Map.Entry<String, Object>> entries) {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (Map.Entry<String, Object> e : entries) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() instanceof byte[] b) {
                    zip.write(b);
                } else {
                    long left = ((Number) e.getValue()).longValue();
                    while (left > 0) {
                        int n = (int) Math.min(zeros.length, left);
                        zip.write(zeros, 0, n);
                        left -= n;
                    }
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Rewrites every occurrence of one name in a ZIP's local and central headers with another of the same
     * length: how two entries with the same name, or with names equal but for case, are made.
     */
    static Path renameInHeaders(Path zip, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("names must be as long");
        }
        try {
            byte[] b = Files.readAllBytes(zip);
            byte[] f = from.getBytes(StandardCharsets.UTF_8);
            byte[] t = to.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i + f.length <= b.length; i++) {
                if (java.util.Arrays.equals(b, i, i + f.length, f, 0, f.length)) {
                    System.arraycopy(t, 0, b, i, t.length);
                }
            }
            return Files.write(zip, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets every central-directory and local header's uncompressed (and, for local, compressed) sizes to lie. */
    static Path lieAboutSizes(Path zip, int claimedSize) {
        try {
            byte[] b = Files.readAllBytes(zip);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + 46 <= b.length; i++) {
                int sig = buf.getInt(i);
                if (sig == 0x02014b50) {          // central directory header: uncompressed size at +24
                    buf.putInt(i + 24, claimedSize);
                } else if (sig == 0x08074b50) {   // data descriptor: uncompressed size at +12
                    buf.putInt(i + 12, claimedSize);
                }
            }
            return Files.write(zip, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The emergency export's descriptor listing these paths (a path may be listed more than once). */
    static String descriptor(List<String> paths) {
        StringBuilder docs = new StringBuilder();
        for (String path : paths) {
            docs.append("<Dokument><DanePodmiotu><Identyfikator>jan</Identyfikator><NazwiskoNazwa>Kowalski</NazwiskoNazwa>")
                    .append("</DanePodmiotu><DataNadania>2026-11-20T10:15:00</DataNadania><NazwaSkrytki>SkrytkaESP</NazwaSkrytki>")
                    .append("<AdresSkrytki>/urzad/SkrytkaESP</AdresSkrytki><NazwaPliku>").append(path)
                    .append("</NazwaPliku><SciezkaWArchiwum>").append(path).append("</SciezkaWArchiwum></Dokument>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Dokumenty>" + docs + "</Dokumenty>";
    }

    // ------------------------------------------------------------------ PDF overlays

    /** What an attacker draws over the signed page in an incremental update. */
    enum Overlay {
        FREE_TEXT, STAMP_WITH_APPEARANCE, NEW_FILLED_FIELD, EMPTY_SIGNATURE_FIELD, HIDDEN_ANNOTATION
    }

    /** Appends an incremental update to a signed PDF that draws {@code overlay} over page 1's text. */
    static byte[] overlay(byte[] signedPdf, Overlay overlay) {
        try (PDDocument doc = Loader.loadPDF(signedPdf)) {
            PDPage page = doc.getPage(0);
            PDRectangle where = new PDRectangle(60, 680, 300, 40);
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            switch (overlay) {
                case FREE_TEXT -> {
                    PDAnnotationFreeText text = new PDAnnotationFreeText();
                    text.setRectangle(where);
                    text.setContents("Decyzja nr 999/2026: odmowa");
                    text.setDefaultAppearance("/Helv 14 Tf 0 g");
                    text.setAppearance(appearance(doc, where, "Decyzja nr 999/2026: odmowa"));
                    add(page, text);
                }
                case STAMP_WITH_APPEARANCE, HIDDEN_ANNOTATION -> {
                    PDAnnotationRubberStamp stamp = new PDAnnotationRubberStamp();
                    stamp.setRectangle(where);
                    stamp.setAppearance(appearance(doc, where, "UNIEWAZNIONO"));
                    stamp.setHidden(overlay == Overlay.HIDDEN_ANNOTATION);
                    add(page, stamp);
                }
                case EMPTY_SIGNATURE_FIELD -> {
                    PDAcroForm form = acroForm(doc);
                    PDSignatureField field = new PDSignatureField(form);
                    field.setPartialName("Podpis2");
                    PDAnnotationWidget widget = field.getWidgets().get(0);
                    widget.setRectangle(where);
                    widget.setPage(page);
                    widget.setAppearance(appearance(doc, where, "Decyzja nr 999/2026: odmowa"));
                    form.getFields().add(field);
                    add(page, widget);
                    markFields(form, catalog);
                }
                case NEW_FILLED_FIELD -> {
                    PDAcroForm form = acroForm(doc);
                    PDResources resources = form.getDefaultResources() == null ? new PDResources() : form.getDefaultResources();
                    resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
                    form.setDefaultResources(resources);
                    PDTextField field = new PDTextField(form);
                    field.setPartialName("kwota");
                    field.setDefaultAppearance("/Helv 14 Tf 0 g");
                    PDAnnotationWidget widget = field.getWidgets().get(0);
                    widget.setRectangle(where);
                    widget.setPage(page);
                    form.getFields().add(field);
                    add(page, widget);
                    field.setValue("Kwota: 999 000 PLN");
                    markFields(form, catalog);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDAcroForm acroForm(PDDocument doc) {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
        if (form == null) {
            form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
        }
        return form;
    }

    private static void markFields(PDAcroForm form, PDDocumentCatalog catalog) {
        form.getCOSObject().setNeedToBeUpdated(true);
        COSArray fields = form.getCOSObject().getCOSArray(COSName.FIELDS);
        if (fields != null) {
            fields.setNeedToBeUpdated(true);
        }
        catalog.getCOSObject().setNeedToBeUpdated(true);
    }

    private static void add(PDPage page, PDAnnotation annotation) throws IOException {
        List<PDAnnotation> annotations = page.getAnnotations();
        annotations.add(annotation);
        page.setAnnotations(annotations);
        annotation.setPage(page);
        page.getCOSObject().setNeedToBeUpdated(true);
        COSArray array = page.getCOSObject().getCOSArray(COSName.ANNOTS);
        if (array != null) {
            array.setNeedToBeUpdated(true);
        }
    }

    /** An opaque white box with text: it hides what the signed page says beneath it. */
    private static PDAppearanceDictionary appearance(PDDocument doc, PDRectangle where, String text) throws IOException {
        PDAppearanceStream stream = new PDAppearanceStream(doc);
        stream.setBBox(new PDRectangle(where.getWidth(), where.getHeight()));
        stream.setResources(new PDResources());
        try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
            cs.setNonStrokingColor(1f, 1f, 1f);
            cs.addRect(0, 0, where.getWidth(), where.getHeight());
            cs.fill();
            cs.setNonStrokingColor(0f, 0f, 0f);
            cs.beginText();
            cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 14);
            cs.newLineAtOffset(4, 14);
            cs.showText(text);
            cs.endText();
        }
        PDAppearanceDictionary dictionary = new PDAppearanceDictionary();
        dictionary.setNormalAppearance(stream);
        return dictionary;
    }

    /** The signed PDF with its signature's bytes (the hex in /Contents) replaced by random hex of the same length. */
    static byte[] randomSignatureBytes(byte[] signedPdf) {
        String s = new String(signedPdf, StandardCharsets.ISO_8859_1);
        int contents = s.lastIndexOf("/Contents <");
        if (contents < 0) {
            contents = s.lastIndexOf("/Contents<");
        }
        int start = s.indexOf('<', contents) + 1;
        int end = s.indexOf('>', start);
        StringBuilder hex = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = start; i < end; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return (s.substring(0, start) + hex + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
