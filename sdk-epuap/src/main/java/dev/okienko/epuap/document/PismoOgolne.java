package dev.okienko.epuap.document;

import dev.okienko.core.PrintableText;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;

/**
 * "Pismo ogólne do podmiotu publicznego", the general letter to a public body that most ePUAP traffic is:
 * its model, {@link #toXml() writer} and {@link #read(byte[]) reader}, in either form namespace that
 * circulates ({@link Form}); {@link CrdDocument} reads any other CRD form. Signing is separate: sign the XML from {@link #toXml()} with sdk-signature
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

    /** The form namespaces of "Pismo ogólne" that circulate. */
    public enum Form {
        /**
         * {@code http://crd.gov.pl/wzor/2011/06/08/599/}: the older form, still in documents ePUAP archives and
         * citizens send; read, and written for systems that still expect it.
         */
        V2011("http://crd.gov.pl/wzor/2011/06/08/599/"),
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

    /** @return the letter as UTF-8 XML, unsigned */
    public byte[] toXml() {
        return PismoWriter.write(this);
    }

    /**
     * Reads a letter in any of its forms, signed or not, through okienko's hardened parser. Both versions of the CRD
     * base structures are read (2008/05/09 and 2009/11/16); an empty identifier ({@code <inst:NIP/>}) is none.
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
        return PismoReader.read(doc);
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
