package dev.okienko.testkit.pki;

import dev.okienko.testkit.pki.internal.XmlText;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small, valid documents to sign in tests: a one-page PDF written byte by byte (no PDF library needed), an
 * incremental update that changes its text afterwards (the "modified after signing" case), and a letter in
 * XML.
 */
public final class TestDocuments {
    private TestDocuments() {
    }

    /**
     * @param text one line of text for the page (ASCII; other characters become '?')
     * @return a one-page PDF 1.7 with classic cross-reference table
     */
    public static byte[] pdf(String text) {
        return pdf(text, 0);
    }

    /**
     * @param text one line of text for the page
     * @param paddingBytes the size of an extra stream object (pseudo-random bytes), to make large PDFs
     * @return a one-page PDF 1.7 of about {@code paddingBytes} plus a kilobyte
     */
    public static byte[] pdf(String text, int paddingBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(paddingBytes + 2048);
        try {
            writePdf(out, text, paddingBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a one-page PDF with a padding stream of any size straight to a file, without holding it in memory:
     * for tests of signing large documents.
     *
     * @param file where to write
     * @param text one line of text for the page
     * @param paddingBytes the size of the extra stream object
     * @return {@code file}
     */
    public static Path writePdf(Path file, String text, long paddingBytes) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writePdf(out, text, paddingBytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePdf(OutputStream sink, String text, long paddingBytes) throws IOException {
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                stream(text),
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        long[] offset = {0};
        OutputStream out = new FilterOutputStream(sink) {
            @Override
            public void write(int b) throws IOException {
                sink.write(b);
                offset[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sink.write(b, off, len);
                offset[0] += len;
            }
        };
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(offset[0]);
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        if (paddingBytes > 0) {
            offsets.add(offset[0]);
            write(out, (objects.size() + 1) + " 0 obj\n<< /Length " + paddingBytes + " >>\nstream\n");
            byte[] chunk = new byte[1 << 16];
            java.util.Random random = new java.util.Random(42);
            for (long left = paddingBytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            write(out, "\nendstream\nendobj\n");
        }
        long xref = offset[0];
        StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
        for (long o : offsets) {
            table.append(String.format("%010d 00000 n \n", o));
        }
        write(out, table + "trailer\n<< /Size " + (offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        out.flush();
    }

    /**
     * Appends an incremental update that replaces the page's text, as someone altering a signed PDF would.
     * Works on PDFs made by {@link #pdf(String)} and on those signed since (their page content is object 4).
     *
     * @param pdf a PDF whose last section has a classic cross-reference table
     * @param newText the replacement text
     * @return the PDF with the update appended
     */
    public static byte[] changeTextIncrementally(byte[] pdf, String newText) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        int prev = lastNumberAfter(s, "startxref");
        int size = lastNumberAfter(s, "/Size");
        Matcher root = Pattern.compile("/Root (\\d+ \\d+ R)").matcher(s);
        String rootRef = null;
        while (root.find()) {
            rootRef = root.group(1);
        }
        if (rootRef == null) {
            throw new IllegalArgumentException("no /Root in the PDF's trailers");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pdf);
        if (pdf[pdf.length - 1] != '\n') {
            write(out, "\n");
        }
        int offset = out.size();
        write(out, "4 0 obj\n" + stream(newText) + "\nendobj\n");
        int xref = out.size();
        write(out, "xref\n4 1\n" + String.format("%010d 00000 n \n", offset) + "trailer\n<< /Size " + size + " /Root "
                + rootRef + " /Prev " + prev + " >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    /**
     * @param title the letter's title
     * @return a small XML letter in UTF-8 (with Polish characters), suitable for an enveloped signature
     */
    public static byte[] xmlLetter(String title) {
        return xmlLetter(title, 0);
    }

    /**
     * @param title the letter's title
     * @param approximateSize the size to grow the letter to with further paragraphs, in bytes
     * @return an XML letter of about that size
     */
    public static byte[] xmlLetter(String title, int approximateSize) {
        StringBuilder paragraphs = new StringBuilder();
        for (int i = 0; paragraphs.length() < approximateSize; i++) {
            paragraphs.append("  <Akapit nr=\"").append(i).append("\">Treść akapitu ").append(i)
                    .append(": uprzejmie informuję, że sprawa jest w toku.</Akapit>\n");
        }
        return xmlLetterWith(title, paragraphs.toString());
    }

    private static byte[] xmlLetterWith(String title, String paragraphs) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Pismo xmlns=\"urn:okienko:test:pismo\">\n"
                + "  <Tytul>" + XmlText.escape(title) + "</Tytul>\n"
                + "  <Tresc>Uprzejmie proszę o wydanie zaświadczenia. Zażółć gęślą jaźń.</Tresc>\n"
                + paragraphs
                + "</Pismo>\n").getBytes(StandardCharsets.UTF_8);
    }


    private static String stream(String text) {
        String safe = text.chars().mapToObj(c -> c >= 32 && c < 127 && c != '(' && c != ')' && c != '\\'
                ? String.valueOf((char) c) : "?").reduce("", String::concat);
        String content = "BT /F1 14 Tf 72 770 Td (" + safe + ") Tj ET";
        return "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
    }

    private static int lastNumberAfter(String s, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + "\\s+(\\d+)").matcher(s);
        int value = -1;
        while (m.find()) {
            value = Integer.parseInt(m.group(1));
        }
        if (value < 0) {
            throw new IllegalArgumentException("no " + key + " in the PDF");
        }
        return value;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
