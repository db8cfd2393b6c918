package dev.okienko.epuap.document;

import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import dev.okienko.core.Regon;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * "Pismo ogólne do podmiotu publicznego", the general letter to a public body that most ePUAP traffic is:
 * its model, {@link #toXml() writer} and {@link #read(byte[]) reader}, in either form namespace that
 * circulates ({@link Form}). Signing is separate: sign the XML from {@link #toXml()} with sdk-signature
 * (XAdES enveloped); {@link #read} ignores signatures.
 *
 * <pre>{@code
 * PismoOgolne letter = PismoOgolne.builder(PismoOgolne.Form.V2013)
 *     .sender(Party.person("Jan", "Kowalski", Pesel.parse("44051401359"), PostalAddress.of("15-950", "Białystok", "Lipowa", "1")))
 *     .recipient(Party.institution("Urząd Gminy Testowo", null))
 *     .place("Białystok").created(LocalDate.now()).title("Wniosek o wydanie zaświadczenia")
 *     .paragraph("Proszę o wydanie zaświadczenia ...")
 *     .build();
 * byte[] xml = letter.toXml();
 * }</pre>
 *
 * <p>The element names and order follow the CRD structures as DOMAIN.md and the published form stylesheet
 * describe them; the CRD schemas themselves were not available to check against (see the README).
 *
 * @param form the form (namespace) it is written in
 * @param documentName str:Naglowek/str:NazwaDokumentu
 * @param created meta:Data typDaty="stworzony", if given
 * @param place MiejscowoscDokumentu, if given
 * @param title Tytul
 * @param kind RodzajWnioskuRozszerzony/@rodzaj, e.g. {@code wniosek}, {@code skarga}, {@code inne pismo}
 * @param otherKind RodzajWnioskuRozszerzony/@jakiInny, naming the kind when it is {@code inne pismo}
 * @param paragraphs Informacje/Informacja: the letter's text, one entry per paragraph
 * @param senders str:Nadawcy
 * @param recipients str:Adresaci
 * @param attachments str:Zalaczniki
 */
public record PismoOgolne(Form form, String documentName, @Nullable LocalDate created, @Nullable String place, String title,
                          @Nullable String kind, @Nullable String otherKind, List<String> paragraphs, List<Party> senders,
                          List<Party> recipients, List<Attachment> attachments) {

    /** The name the form gives itself. */
    public static final String DEFAULT_NAME = "Pismo ogólne do podmiotu publicznego";
    /** CRD meta-data structures. */
    public static final String META = "http://crd.gov.pl/xml/schematy/meta/2009/11/16/";
    /** CRD document structures. */
    public static final String STR = "http://crd.gov.pl/xml/schematy/struktura/2009/11/16/";
    /** CRD addresses. */
    public static final String ADR = "http://crd.gov.pl/xml/schematy/adres/2009/11/09/";
    /** CRD persons. */
    public static final String OSO = "http://crd.gov.pl/xml/schematy/osoba/2009/11/16/";
    /** CRD institutions. */
    public static final String INST = "http://crd.gov.pl/xml/schematy/instytucja/2009/11/16/";

    /** The two form namespaces of "Pismo ogólne" that circulate. */
    public enum Form {
        /** {@code http://crd.gov.pl/wzor/2013/12/12/1410/} */
        V2013("http://crd.gov.pl/wzor/2013/12/12/1410/"),
        /** {@code http://crd.gov.pl/wzor/2017/10/24/4566/} */
        V2017("http://crd.gov.pl/wzor/2017/10/24/4566/");

        private final String namespace;

        Form(String namespace) {
            this.namespace = namespace;
        }

        /** @return the form's namespace */
        public String namespace() {
            return namespace;
        }

        /**
         * @param namespace a namespace
         * @return the form with it, or null
         */
        static @Nullable Form of(@Nullable String namespace) {
            for (Form f : values()) {
                if (f.namespace.equals(namespace)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** Checks the parts and copies the lists. */
    public PismoOgolne {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(documentName, "documentName");
        Objects.requireNonNull(title, "title");
        paragraphs = List.copyOf(paragraphs);
        senders = List.copyOf(senders);
        recipients = List.copyOf(recipients);
        attachments = List.copyOf(attachments);
    }

    /**
     * @param form the form to write
     * @return a builder
     */
    public static Builder builder(Form form) {
        return new Builder(form);
    }

    // ------------------------------------------------------------------------------------------- writing

    /** @return the letter as UTF-8 XML, unsigned */
    public byte[] toXml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            String wnio = form.namespace;
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("wnio", wnio);
            w.setPrefix("meta", META);
            w.setPrefix("str", STR);
            w.setPrefix("adr", ADR);
            w.setPrefix("oso", OSO);
            w.setPrefix("inst", INST);
            w.writeStartElement(wnio, "Dokument");
            w.writeNamespace("wnio", wnio);
            w.writeNamespace("meta", META);
            w.writeNamespace("str", STR);
            w.writeNamespace("adr", ADR);
            w.writeNamespace("oso", OSO);
            w.writeNamespace("inst", INST);
            w.writeEmptyElement(wnio, "OpisDokumentu");
            w.writeStartElement(wnio, "DaneDokumentu");
            w.writeStartElement(STR, "Naglowek");
            text(w, STR, "NazwaDokumentu", documentName);
            w.writeEndElement();
            if (created != null) {
                w.writeStartElement(META, "Data");
                w.writeAttribute("typDaty", "stworzony");
                text(w, META, "Czas", created.toString());
                w.writeEndElement();
            }
            parties(w, "Adresaci", recipients);
            parties(w, "Nadawcy", senders);
            w.writeEndElement();
            w.writeStartElement(wnio, "TrescDokumentu");
            w.writeAttribute("format", "text/xml");
            w.writeAttribute("kodowanie", "XML");
            text(w, wnio, "MiejscowoscDokumentu", place);
            text(w, wnio, "Tytul", title);
            if (kind != null) {
                w.writeEmptyElement(wnio, "RodzajWnioskuRozszerzony");
                w.writeAttribute("rodzaj", kind);
                w.writeAttribute("jakiInny", otherKind == null ? "" : otherKind);
            }
            w.writeStartElement(wnio, "Informacje");
            for (String p : paragraphs) {
                text(w, wnio, "Informacja", p);
            }
            w.writeEndElement();
            if (!attachments.isEmpty()) {
                w.writeStartElement(STR, "Zalaczniki");
                for (Attachment a : attachments) {
                    w.writeStartElement(STR, "Zalacznik");
                    w.writeAttribute("format", a.mimeType());
                    w.writeAttribute("kodowanie", a.uri().isPresent() ? "URI" : "base64");
                    w.writeAttribute("nazwaPliku", a.fileName());
                    text(w, STR, "DaneZalacznika", a.uri().map(URI::toString)
                            .orElseGet(() -> Base64.getEncoder().encodeToString(a.content().orElseThrow())));
                    text(w, STR, "OpisZalacznika", a.description().orElse(null));
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a Pismo ogólne", e);
        }
        return out.toByteArray();
    }

    private static void parties(XMLStreamWriter w, String name, List<Party> parties) throws XMLStreamException {
        w.writeStartElement(STR, name);
        for (Party p : parties) {
            w.writeStartElement(META, "Podmiot");
            if (p instanceof Party.Person person) {
                w.writeStartElement(OSO, "Osoba");
                if (person.pesel() != null) {
                    w.writeStartElement(OSO, "IdOsoby");
                    text(w, OSO, "PESEL", person.pesel().value());
                    w.writeEndElement();
                }
                text(w, OSO, "Imie", person.firstName());
                text(w, OSO, "Nazwisko", person.surname());
                addressAndContact(w, person);
                w.writeEndElement();
            } else if (p instanceof Party.Institution inst) {
                w.writeStartElement(INST, "Instytucja");
                if (inst.nip() != null || inst.regon() != null) {
                    w.writeStartElement(INST, "IdInstytucji");
                    text(w, INST, "NIP", inst.nip() == null ? null : inst.nip().value());
                    text(w, INST, "REGON", inst.regon() == null ? null : inst.regon().value());
                    w.writeEndElement();
                }
                text(w, INST, "NazwaInstytucji", inst.name());
                addressAndContact(w, inst);
                if (inst.unit() != null) {
                    w.writeStartElement(INST, "Jednostka");
                    text(w, INST, "NazwaInstytucji", inst.unit());
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void addressAndContact(XMLStreamWriter w, Party p) throws XMLStreamException {
        PostalAddress a = p.address();
        if (a != null) {
            w.writeStartElement(ADR, "Adres");
            text(w, ADR, "KodPocztowy", a.postalCode());
            text(w, ADR, "Poczta", a.post());
            text(w, ADR, "Miejscowosc", a.town());
            text(w, ADR, "Ulica", a.street());
            text(w, ADR, "Budynek", a.building());
            text(w, ADR, "Lokal", a.flat());
            w.writeEndElement();
        }
        if (p.email() != null) {
            w.writeStartElement(ADR, "Kontakt");
            text(w, ADR, "Email", p.email());
            w.writeEndElement();
        }
    }

    private static void text(XMLStreamWriter w, String ns, String name, @Nullable String value) throws XMLStreamException {
        if (value != null) {
            w.writeStartElement(ns, name);
            w.writeCharacters(value);
            w.writeEndElement();
        }
    }

    // ------------------------------------------------------------------------------------------- reading

    /**
     * Reads a letter in either form, signed or not, through okienko's hardened parser.
     *
     * @param xml the document
     * @return the letter
     * @throws XmlException when it is malformed or hostile, not a Pismo ogólne, or a field is unreadable
     *     (the message names the field)
     */
    public static PismoOgolne read(byte[] xml) {
        return read(SecureXml.parse(xml));
    }

    /**
     * @param doc a parsed document (e.g. from {@link SecureXml#parse(byte[])})
     * @return the letter
     * @throws XmlException when it is not a Pismo ogólne or a field is unreadable
     */
    public static PismoOgolne read(Document doc) {
        Element root = doc.getDocumentElement();
        Form form = Form.of(root.getNamespaceURI());
        if (form == null || !"Dokument".equals(root.getLocalName())) {
            throw new XmlException("not a Pismo ogólne: the root is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", not Dokument in " + Form.V2013.namespace + " or " + Form.V2017.namespace, -1, -1, null);
        }
        String wnio = form.namespace;
        Element data = required(root, wnio, "DaneDokumentu");
        Element content = required(root, wnio, "TrescDokumentu");
        Element header = child(data, STR, "Naglowek");
        String name = header == null ? null : text(header, STR, "NazwaDokumentu");
        LocalDate created = null;
        for (Element date : children(data, META, "Data")) {
            if ("stworzony".equals(date.getAttribute("typDaty"))) {
                created = date(text(date, META, "Czas"));
            }
        }
        Element kindElement = child(content, wnio, "RodzajWnioskuRozszerzony");
        List<String> paragraphs = new ArrayList<>();
        Element info = child(content, wnio, "Informacje");
        if (info != null) {
            for (Element p : children(info, wnio, "Informacja")) {
                paragraphs.add(p.getTextContent());
            }
        }
        List<Attachment> attachments = new ArrayList<>();
        Element list = child(content, STR, "Zalaczniki");
        if (list != null) {
            for (Element a : children(list, STR, "Zalacznik")) {
                attachments.add(attachment(a));
            }
        }
        String title = text(content, wnio, "Tytul");
        return new PismoOgolne(form, name == null ? DEFAULT_NAME : name, created, text(content, wnio, "MiejscowoscDokumentu"),
                title == null ? "" : title, kindElement == null ? null : kindElement.getAttribute("rodzaj"),
                kindElement == null || kindElement.getAttribute("jakiInny").isEmpty() ? null : kindElement.getAttribute("jakiInny"),
                paragraphs, parties(data, "Nadawcy"), parties(data, "Adresaci"), attachments);
    }

    private static Attachment attachment(Element a) {
        String fileName = a.getAttribute("nazwaPliku");
        String format = a.getAttribute("format");
        String encoding = a.getAttribute("kodowanie");
        String payload = String.valueOf(text(a, STR, "DaneZalacznika"));
        String description = text(a, STR, "OpisZalacznika");
        if (fileName.isBlank()) {
            throw new XmlException("str:Zalacznik without nazwaPliku", -1, -1, null);
        }
        if ("URI".equalsIgnoreCase(encoding)) {
            try {
                return Attachment.byReference(fileName, format, new URI(payload.strip()), description);
            } catch (URISyntaxException e) {
                throw new XmlException("attachment " + fileName + ": DaneZalacznika is not a URI", -1, -1, e);
            }
        }
        if (!"base64".equalsIgnoreCase(encoding)) {
            throw new XmlException("attachment " + fileName + ": unknown kodowanie \"" + encoding + "\" (base64 or URI)", -1, -1, null);
        }
        try {
            return Attachment.inline(fileName, format, SoapCall.strictBase64(payload), description);
        } catch (IllegalArgumentException e) {
            throw new XmlException("attachment " + fileName + ": DaneZalacznika is not valid base64: " + e.getMessage(), -1, -1, e);
        }
    }

    private static List<Party> parties(Element data, String name) {
        List<Party> out = new ArrayList<>();
        Element list = child(data, STR, name);
        if (list == null) {
            return out;
        }
        for (Element podmiot : children(list, META, "Podmiot")) {
            Element person = child(podmiot, OSO, "Osoba");
            Element inst = child(podmiot, INST, "Instytucja");
            try {
                if (person != null) {
                    Element id = child(person, OSO, "IdOsoby");
                    String pesel = id == null ? null : text(id, OSO, "PESEL");
                    out.add(new Party.Person(String.valueOf(text(person, OSO, "Imie")), String.valueOf(text(person, OSO, "Nazwisko")),
                            pesel == null ? null : Pesel.parse(pesel), address(person), email(person)));
                } else if (inst != null) {
                    Element id = child(inst, INST, "IdInstytucji");
                    String nip = id == null ? null : text(id, INST, "NIP");
                    String regon = id == null ? null : text(id, INST, "REGON");
                    Element unit = child(inst, INST, "Jednostka");
                    out.add(new Party.Institution(String.valueOf(text(inst, INST, "NazwaInstytucji")),
                            unit == null ? null : text(unit, INST, "NazwaInstytucji"), nip == null ? null : Nip.parse(nip),
                            regon == null ? null : Regon.parse(regon), address(inst), email(inst)));
                } else {
                    throw new XmlException("str:" + name + " holds a meta:Podmiot that is neither oso:Osoba nor inst:Instytucja",
                            -1, -1, null);
                }
            } catch (InvalidIdentifierException e) {
                throw new XmlException("str:" + name + ": " + e.getMessage(), -1, -1, e);
            }
        }
        return out;
    }

    private static @Nullable PostalAddress address(Element party) {
        Element a = child(party, ADR, "Adres");
        if (a == null) {
            return null;
        }
        String town = text(a, ADR, "Miejscowosc");
        if (town == null) {
            throw new XmlException("adr:Adres without adr:Miejscowosc", -1, -1, null);
        }
        return new PostalAddress(text(a, ADR, "KodPocztowy"), text(a, ADR, "Poczta"), town, text(a, ADR, "Ulica"),
                text(a, ADR, "Budynek"), text(a, ADR, "Lokal"));
    }

    private static @Nullable String email(Element party) {
        Element contact = child(party, ADR, "Kontakt");
        return contact == null ? null : text(contact, ADR, "Email");
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new XmlException("meta:Data/meta:Czas is not a date: " + value, -1, -1, e);
        }
    }

    private static Element required(Element parent, String ns, String name) {
        Element e = child(parent, ns, name);
        if (e == null) {
            throw new XmlException("not a Pismo ogólne: no " + name + " under " + parent.getLocalName(), -1, -1, null);
        }
        return e;
    }

    static @Nullable Element child(Element parent, String ns, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static @Nullable String text(Element parent, String ns, String name) {
        Element e = child(parent, ns, name);
        return e == null ? null : e.getTextContent().strip();
    }

    @Override
    public String toString() {
        return PrintableText.of("PismoOgolne[" + form + ", \"" + title + "\", " + senders.size() + " sender(s), "
                + recipients.size() + " recipient(s), " + attachments.size() + " attachment(s)]");
    }

    /** Builds a {@link PismoOgolne}. */
    public static final class Builder {
        private final Form form;
        private String documentName = DEFAULT_NAME;
        private @Nullable LocalDate created;
        private @Nullable String place;
        private String title = "";
        private @Nullable String kind;
        private @Nullable String otherKind;
        private final List<String> paragraphs = new ArrayList<>();
        private final List<Party> senders = new ArrayList<>();
        private final List<Party> recipients = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();

        private Builder(Form form) {
            this.form = Objects.requireNonNull(form, "form");
        }

        /** @param name the document's name; by default {@link #DEFAULT_NAME} @return this */
        public Builder documentName(String name) {
            this.documentName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param date when it was made @return this */
        public Builder created(LocalDate date) {
            this.created = Objects.requireNonNull(date, "date");
            return this;
        }

        /** @param town where it was made (MiejscowoscDokumentu) @return this */
        public Builder place(String town) {
            this.place = Objects.requireNonNull(town, "town");
            return this;
        }

        /** @param title the letter's title (Tytul) @return this */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * @param kind e.g. {@code wniosek}, {@code skarga}, {@code inne pismo}
         * @param other what kind, when {@code inne pismo}; null otherwise
         * @return this
         */
        public Builder kind(String kind, @Nullable String other) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.otherKind = other;
            return this;
        }

        /** @param text a paragraph of the letter @return this */
        public Builder paragraph(String text) {
            paragraphs.add(Objects.requireNonNull(text, "text"));
            return this;
        }

        /** @param party a sender @return this */
        public Builder sender(Party party) {
            senders.add(Objects.requireNonNull(party, "party"));
            return this;
        }

        /** @param party a recipient @return this */
        public Builder recipient(Party party) {
            recipients.add(Objects.requireNonNull(party, "party"));
            return this;
        }

        /** @param attachment an attachment @return this */
        public Builder attachment(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * @return the letter
         * @throws IllegalStateException without a title, a sender and a recipient
         */
        public PismoOgolne build() {
            if (title.isBlank() || senders.isEmpty() || recipients.isEmpty()) {
                throw new IllegalStateException("a Pismo ogólne needs a title, a sender and a recipient");
            }
            return new PismoOgolne(form, documentName, created, place, title, kind, otherKind, paragraphs, senders, recipients,
                    attachments);
        }
    }
}
