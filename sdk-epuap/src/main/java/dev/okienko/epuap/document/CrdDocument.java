package dev.okienko.epuap.document;

import dev.okienko.core.PrintableText;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Any document made on a form of the Central Repository of Electronic Document Templates (CRD), read generically:
 * every such form is a {@code Dokument} in the form's own namespace ({@code http://crd.gov.pl/wzor/...}) with the
 * same CRD base structures (meta, struktura, adres, osoba, instytucja; the 2008 and 2009 versions both read) for its
 * description, its data (dates, senders, recipients) and its attachments; only its content
 * ({@code TrescDokumentu}) differs from form to form, and is given here as fields, each with its path in the form.
 * Where the form is one okienko knows ({@link #isPismoOgolne()}), {@link PismoOgolne#read(byte[])} gives the typed model.
 *
 * <pre>{@code
 * CrdDocument doc = CrdDocument.read(bytes);
 * System.out.println(doc.form() + ": " + doc.title().orElse(doc.documentName()));
 * doc.fields().forEach(f -> System.out.println(f.path() + " = " + f.value()));
 * }</pre>
 *
 * @param form the form's namespace, e.g. {@code http://crd.gov.pl/wzor/2011/06/08/599/}
 * @param identifiers OpisDokumentu's meta:Identyfikator values by their typIdentyfikatora (e.g. {@code idFormularza})
 * @param documentName str:Naglowek/str:NazwaDokumentu, or the root's local name when the document has none
 * @param dates DaneDokumentu's meta:Data by their typDaty (e.g. {@code stworzony}), those that are dates
 * @param senders str:Nadawcy
 * @param recipients str:Adresaci
 * @param fields TrescDokumentu's content, in document order: each element with text of its own and each attribute,
 *     as its path of local names below TrescDokumentu ({@code Informacje/Informacja},
 *     {@code RodzajWnioskuRozszerzony/@rodzaj}) and its text with white space collapsed; attachments are not fields
 * @param attachments every str:Zalacznik in TrescDokumentu
 */
public record CrdDocument(String form, Map<String, String> identifiers, String documentName, Map<String, LocalDate> dates,
                          List<Party> senders, List<Party> recipients, List<Field> fields, List<Attachment> attachments) {
    /** Where the forms live. */
    public static final String FORMS = "http://crd.gov.pl/wzor/";
    /** Far more than any form holds: beyond it a document is refused as hostile rather than listed. */
    public static final int MAX_FIELDS = 10_000;

    /**
     * One piece of a form's content.
     *
     * @param path local names from TrescDokumentu down, joined by {@code /}; an attribute ends in {@code /@name}
     * @param value the text, white space collapsed
     */
    public record Field(String path, String value) {
        /** Checks the parts. */
        public Field {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Checks the parts and copies the collections. */
    public CrdDocument {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(documentName, "documentName");
        identifiers = Map.copyOf(identifiers);
        dates = Map.copyOf(dates);
        senders = List.copyOf(senders);
        recipients = List.copyOf(recipients);
        fields = List.copyOf(fields);
        attachments = List.copyOf(attachments);
    }

    /**
     * Reads any CRD form document, signed or not, through okienko's hardened parser (a byte order mark, XForms
     * namespaces and the like are fine).
     *
     * @param xml the document
     * @return what it holds
     * @throws XmlException when it is malformed or hostile, not a CRD form document (the message names its root), or a
     *     party or attachment in it is unreadable (the message names it)
     */
    public static CrdDocument read(byte[] xml) {
        return read(SecureXml.parse(xml));
    }

    /**
     * @param doc a parsed document
     * @return what it holds
     * @throws XmlException when it is not a CRD form document, or a party or attachment in it is unreadable
     */
    public static CrdDocument read(Document doc) {
        Element root = doc.getDocumentElement();
        String form = root.getNamespaceURI();
        if (form == null || !form.startsWith(FORMS) || !"Dokument".equals(root.getLocalName())) {
            throw new XmlException("not a CRD form document: the root is {" + form + "}" + root.getLocalName()
                    + ", not Dokument in a form's namespace (" + FORMS + "...)", -1, -1, null);
        }
        Map<String, String> identifiers = new LinkedHashMap<>();
        Element description = PismoReader.child(root, form, "OpisDokumentu");
        if (description != null) {
            for (Element id : PismoReader.children(description, PismoOgolne.META, "Identyfikator")) {
                String value = PismoReader.text(id, PismoOgolne.META, "Wartosc");
                if (value != null) {
                    identifiers.putIfAbsent(id.getAttribute("typIdentyfikatora"), value);
                }
            }
        }
        Element data = PismoReader.child(root, form, "DaneDokumentu");
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        String name = null;
        List<Party> senders = List.of();
        List<Party> recipients = List.of();
        if (data != null) {
            Element header = PismoReader.child(data, PismoOgolne.STR, "Naglowek");
            name = header == null ? null : PismoReader.text(header, PismoOgolne.STR, "NazwaDokumentu");
            for (Element date : PismoReader.children(data, PismoOgolne.META, "Data")) {
                LocalDate value = PismoReader.date(PismoReader.text(date, PismoOgolne.META, "Czas"));
                if (value != null) {
                    dates.putIfAbsent(date.getAttribute("typDaty"), value);
                }
            }
            senders = PismoReader.parties(data, "Nadawcy");
            recipients = PismoReader.parties(data, "Adresaci");
        }
        List<Field> fields = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        Element content = PismoReader.child(root, form, "TrescDokumentu");
        if (content != null) {
            walk(content, "", fields, attachments, 0);
        }
        return new CrdDocument(form, identifiers, name == null ? root.getLocalName() : name, dates, senders, recipients,
                fields, attachments);
    }

    private static void walk(Element element, String path, List<Field> fields, List<Attachment> attachments, int depth) {
        if (depth > 64) {
            throw new XmlException("TrescDokumentu nests deeper than any form (" + path + ")", -1, -1, null);
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            if (PismoReader.matches(PismoOgolne.STR, e.getNamespaceURI()) && "Zalacznik".equals(e.getLocalName())) {
                attachments.add(PismoReader.attachment(e));
                continue;
            }
            String here = path.isEmpty() ? e.getLocalName() : path + "/" + e.getLocalName();
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI()) && !a.getValue().isBlank()) {
                    add(fields, here + "/@" + a.getLocalName(), a.getValue());
                }
            }
            String own = ownText(e);
            if (!own.isEmpty()) {
                add(fields, here, own);
            }
            walk(e, here, fields, attachments, depth + 1);
        }
    }

    private static void add(List<Field> fields, String path, String value) {
        if (fields.size() >= MAX_FIELDS) {
            throw new XmlException("TrescDokumentu holds more than " + MAX_FIELDS + " fields: no form does", -1, -1, null);
        }
        fields.add(new Field(path, value.strip().replaceAll("\\s+", " ")));
    }

    /** The text directly in an element (not in its children), white space collapsed. */
    private static String ownText(Element e) {
        StringBuilder text = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue()).append(' ');
            }
        }
        return text.toString().strip().replaceAll("\\s+", " ");
    }

    /** @return the value of the first field at that path */
    public Optional<String> field(String path) {
        return fields.stream().filter(f -> f.path().equals(path)).map(Field::value).findFirst();
    }

    /** @return the content's title: its {@code Tytul} field, which most forms have */
    public Optional<String> title() {
        return field("Tytul");
    }

    /** @return the date the document was made (typDaty {@code stworzony}) */
    public Optional<LocalDate> created() {
        return Optional.ofNullable(dates.get("stworzony"));
    }

    /** @return whether the form is one of {@link PismoOgolne.Form} */
    public boolean isPismoOgolne() {
        return PismoOgolne.Form.of(form) != null;
    }

    @Override
    public String toString() {
        return PrintableText.of("CrdDocument[" + form + ", \"" + title().orElse(documentName) + "\", " + senders.size()
                + " sender(s), " + recipients.size() + " recipient(s), " + fields.size() + " field(s), " + attachments.size()
                + " attachment(s)]");
    }
}
