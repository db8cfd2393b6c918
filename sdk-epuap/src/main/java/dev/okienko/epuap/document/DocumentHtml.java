package dev.okienko.epuap.document;

import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Renders a document from ePUAP to HTML for a person to read: with the form's own stylesheet when you have
 * it ({@link #render(byte[], Path)}), or with okienko's built-in layout ({@link #render(byte[])}) that knows
 * "Pismo ogólne" and shows any other document as an outline. Input goes through okienko's hardened parser;
 * stylesheets run with secure processing and cannot reach files or the network; all text is escaped, so
 * the HTML carries no markup or script from the document.
 */
public final class DocumentHtml {
    /** The longest a stylesheet may run in {@link #render(byte[], Path)}. */
    public static final Duration STYLESHEET_TIME_LIMIT = Duration.ofSeconds(10);
    /** The stack a stylesheet runs on in {@link #render(byte[], Path)}: ample for forms, bounded for recursion. */
    public static final long STYLESHEET_STACK_BYTES = 16L << 20;
    /** The most characters a stylesheet may write in {@link #render(byte[], Path)}: a form's page is far smaller. */
    public static final int STYLESHEET_MAX_OUTPUT = 16 << 20;
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final int MAX_TEXT = 2_000;
    private static final String[] MONTHS = {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
        "sierpnia", "września", "października", "listopada", "grudnia"};

    private DocumentHtml() {
    }

    /**
     * @param xml the document
     * @return a complete HTML page
     * @throws XmlException when the document is malformed or hostile, or is a Pismo ogólne with unreadable fields
     */
    public static String render(byte[] xml) {
        Document doc = SecureXml.parse(xml);
        int signatures = doc.getElementsByTagNameNS(DS, "Signature").getLength();
        Element root = doc.getDocumentElement();
        boolean letter = "Dokument".equals(root.getLocalName()) && PismoOgolne.Form.of(root.getNamespaceURI()) != null;
        StringBuilder html = new StringBuilder(4096);
        if (letter) {
            PismoOgolne p = PismoOgolne.read(doc);
            page(html, p.title().isEmpty() ? p.documentName() : p.title());
            html.append("<div class=\"senders\">");
            parties(html, p.senders());
            html.append("</div>\n<p class=\"place\">").append(escape(p.place() == null ? "" : p.place()))
                    .append(p.created() == null ? "" : (p.place() == null ? "" : ", ") + polishDate(p.created())).append("</p>\n");
            html.append("<div class=\"recipients\">");
            parties(html, p.recipients());
            html.append("</div>\n<h1>").append(escape(p.documentName())).append("</h1>\n");
            String kind = "inne pismo".equals(p.kind()) ? p.otherKind() : p.kind();
            if (kind != null && !kind.isBlank()) {
                html.append("<h2>").append(escape(kind)).append("</h2>\n");
            }
            html.append("<h3>").append(escape(p.title())).append("</h3>\n");
            for (String paragraph : p.paragraphs()) {
                html.append("<p class=\"text\">").append(escape(paragraph)).append("</p>\n");
            }
            if (!p.attachments().isEmpty()) {
                html.append("<h4>Załączniki:</h4>\n<ol>\n");
                for (Attachment a : p.attachments()) {
                    html.append("<li>").append(escape(a.fileName()))
                            .append(a.uri().map(u -> " (" + escape(u.toString()) + ")").orElse(""))
                            .append(a.description().map(d -> " – " + escape(d)).orElse("")).append("</li>\n");
                }
                html.append("</ol>\n");
            }
        } else if (root.getNamespaceURI() != null && root.getNamespaceURI().startsWith(CrdDocument.FORMS)
                && "Dokument".equals(root.getLocalName())) {
            // another CRD form: its parties and dates as in a letter, its content as the form's fields
            CrdDocument d = CrdDocument.read(doc);
            page(html, d.title().orElse(d.documentName()));
            html.append("<div class=\"senders\">");
            parties(html, d.senders());
            html.append("</div>\n<p class=\"place\">").append(d.created().map(DocumentHtml::polishDate).orElse("")).append("</p>\n");
            html.append("<div class=\"recipients\">");
            parties(html, d.recipients());
            html.append("</div>\n<h1>").append(escape(d.documentName())).append("</h1>\n<dl>\n");
            for (CrdDocument.Field f : d.fields()) {
                html.append("<dt>").append(escape(f.path())).append("</dt><dd>").append(escape(f.value())).append("</dd>\n");
            }
            html.append("</dl>\n");
            if (!d.attachments().isEmpty()) {
                html.append("<h4>Załączniki:</h4>\n<ol>\n");
                for (Attachment a : d.attachments()) {
                    html.append("<li>").append(escape(a.fileName())).append("</li>\n");
                }
                html.append("</ol>\n");
            }
        } else {
            page(html, root.getLocalName());
            html.append("<dl>\n");
            outline(html, root, 0);
            html.append("</dl>\n");
        }
        html.append("<p class=\"signature\">").append(signatures == 0 ? "Dokument nie zawiera podpisu."
                : "Dokument zawiera " + signatures + (signatures == 1 ? " podpis" : " podpisy")
                        + " elektroniczne; sprawdź je programem do weryfikacji podpisu (np. okienko verify).")
                .append("</p>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Renders with the form's stylesheet (XSLT 1.0), e.g. the {@code styl.xsl} published with the form, kept
     * locally: nothing is fetched, and a stylesheet that tries to read files or URLs is refused. The
     * stylesheet runs on a thread of its own with a bounded stack ({@value #STYLESHEET_STACK_BYTES} bytes) and
     * for at most {@link #STYLESHEET_TIME_LIMIT}, writing at most {@value #STYLESHEET_MAX_OUTPUT} characters:
     * an endlessly recursive stylesheet ends in an {@link XmlException}, not a {@code StackOverflowError},
     * and a runaway one is stopped at its next output once over time or size. (The JDK's transformer cannot be
     * interrupted: a stylesheet that computes on without writing anything is given up after that time and
     * runs on to its end in the background, on a daemon thread.)
     *
     * @param xml the document
     * @param stylesheet the stylesheet file
     * @return what the stylesheet made
     * @throws XmlException when the document or the stylesheet is malformed or hostile, the transformation
     *     fails, recurses too deeply or runs too long
     */
    public static String render(byte[] xml, Path stylesheet) {
        Objects.requireNonNull(stylesheet, "stylesheet");
        Document doc = SecureXml.parse(xml);
        Transformer t;
        try (InputStream in = Files.newInputStream(stylesheet)) {
            t = SecureXml.newTransformer(in);
        } catch (IOException e) {
            throw new XmlException("cannot read the stylesheet " + stylesheet + ": " + e.getMessage(), -1, -1, e);
        }
        String name = String.valueOf(stylesheet.getFileName());
        long deadline = System.nanoTime() + STYLESHEET_TIME_LIMIT.toNanos();
        StringWriter out = new DeadlineWriter(deadline, name);
        FutureTask<String> run = new FutureTask<>(() -> {
            SecureXml.transform(t, new DOMSource(doc), new StreamResult(out));
            return out.toString();
        });
        Thread worker = new Thread(null, run, "okienko-stylesheet", STYLESHEET_STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            return run.get(STYLESHEET_TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw tooLong(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmlException("interrupted while the stylesheet " + name + " ran", -1, -1, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StackOverflowError) {
                throw new XmlException("the stylesheet " + name + " recursed more deeply than okienko allows"
                        + " (endless recursion?)", -1, -1, cause);
            }
            if (cause instanceof XmlException x) {
                throw x;
            }
            throw new XmlException("the stylesheet " + name + " failed: " + cause, -1, -1, cause);
        }
    }

    private static XmlException tooLong(String name) {
        return new XmlException("the stylesheet " + name + " ran for more than " + STYLESHEET_TIME_LIMIT.toSeconds()
                + " s and was given up (a runaway stylesheet?)", -1, -1, null);
    }

    /** Output that stops a transformation which is past its time or size, at its next write. */
    private static final class DeadlineWriter extends StringWriter {
        private final long deadline;
        private final String name;

        DeadlineWriter(long deadline, String name) {
            this.deadline = deadline;
            this.name = name;
        }

        private void check(int more) {
            if (System.nanoTime() - deadline > 0) {
                throw tooLong(name);
            }
            if (getBuffer().length() + (long) more > STYLESHEET_MAX_OUTPUT) {
                throw new XmlException("the stylesheet " + name + " wrote more than " + STYLESHEET_MAX_OUTPUT
                        + " characters and was stopped (a runaway stylesheet?)", -1, -1, null);
            }
        }

        @Override
        public void write(int c) {
            check(1);
            super.write(c);
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            check(len);
            super.write(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            check(len);
            super.write(str, off, len);
        }
    }

    private static void page(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>body{font-family:Verdana,sans-serif;font-size:13px;line-height:1.6;max-width:48em;margin:2em auto}"
                        + ".senders{float:left}.place{text-align:right}.recipients{clear:both;text-align:right}"
                        + ".text{white-space:pre-wrap;text-align:justify}h1,h2,h3{text-align:center;font-size:14px}"
                        + ".signature{margin-top:3em;font-size:11px}dd{margin-left:1.5em}</style>\n</head>\n<body>\n");
    }

    private static void parties(StringBuilder html, List<Party> parties) {
        for (Party party : parties) {
            html.append("<p>");
            if (party instanceof Party.Person person) {
                html.append(escape(person.firstName() + " " + person.surname()));
                if (person.pesel() != null) {
                    html.append("<br>PESEL: ").append(escape(person.pesel().value()));
                }
            } else if (party instanceof Party.Institution inst) {
                html.append(escape(inst.name()));
                if (inst.unit() != null) {
                    html.append("<br>").append(escape(inst.unit()));
                }
                if (inst.nip() != null) {
                    html.append("<br>NIP: ").append(escape(inst.nip().value()));
                }
            }
            PostalAddress a = party.address();
            if (a != null) {
                String street = a.street() == null ? a.town() : a.street();
                html.append("<br>").append(escape(street + (a.building() == null ? "" : " " + a.building())
                        + (a.flat() == null ? "" : " / " + a.flat())));
                html.append("<br>").append(escape((a.postalCode() == null ? "" : a.postalCode() + " ")
                        + (a.post() != null ? a.post() : a.town())));
            }
            if (party.email() != null) {
                html.append("<br>Email: ").append(escape(party.email()));
            }
            html.append("</p>");
        }
    }

    private static void outline(StringBuilder html, Element e, int depth) {
        if (DS.equals(e.getNamespaceURI()) || depth > 64) {
            return;
        }
        html.append("<dt>").append(escape(e.getLocalName())).append("</dt>");
        StringBuilder text = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        String t = text.toString().strip();
        if (!t.isEmpty()) {
            html.append("<dd>").append(escape(t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + " … (" + t.length()
                    + " characters)" : t)).append("</dd>");
        }
        html.append('\n');
        boolean hasChildren = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && !DS.equals(child.getNamespaceURI())) {
                if (!hasChildren) {
                    html.append("<dd><dl>\n");
                    hasChildren = true;
                }
                outline(html, child, depth + 1);
            }
        }
        if (hasChildren) {
            html.append("</dl></dd>\n");
        }
    }

    private static String polishDate(LocalDate date) {
        return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " " + date.getYear() + " r.";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
