package dev.okienko.epuap.document;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/** Writes a {@link PismoOgolne} as the form's XML, with StAX, in the element order of the form. */
final class PismoWriter {
    private PismoWriter() {
    }

    /**
     * @param p the letter
     * @return it as UTF-8 XML, unsigned
     */
    static byte[] write(PismoOgolne p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            String wnio = p.form().namespace();
            w.writeStartDocument("UTF-8", "1.0");
            Map<String, String> prefixes = new LinkedHashMap<>();
            prefixes.put("wnio", wnio);
            prefixes.put("meta", PismoOgolne.META);
            prefixes.put("str", PismoOgolne.STR);
            prefixes.put("adr", PismoOgolne.ADR);
            prefixes.put("oso", PismoOgolne.OSO);
            prefixes.put("inst", PismoOgolne.INST);
            for (Map.Entry<String, String> e : prefixes.entrySet()) {
                w.setPrefix(e.getKey(), e.getValue());
            }
            w.writeStartElement(wnio, "Dokument");
            for (Map.Entry<String, String> e : prefixes.entrySet()) {
                w.writeNamespace(e.getKey(), e.getValue());
            }
            w.writeEmptyElement(wnio, "OpisDokumentu");
            w.writeStartElement(wnio, "DaneDokumentu");
            w.writeStartElement(PismoOgolne.STR, "Naglowek");
            text(w, PismoOgolne.STR, "NazwaDokumentu", p.documentName());
            w.writeEndElement();
            if (p.created() != null) {
                w.writeStartElement(PismoOgolne.META, "Data");
                w.writeAttribute("typDaty", "stworzony");
                text(w, PismoOgolne.META, "Czas", p.created().toString());
                w.writeEndElement();
            }
            parties(w, "Adresaci", p.recipients());
            parties(w, "Nadawcy", p.senders());
            w.writeEndElement();
            w.writeStartElement(wnio, "TrescDokumentu");
            w.writeAttribute("format", "text/xml");
            w.writeAttribute("kodowanie", "XML");
            text(w, wnio, "MiejscowoscDokumentu", p.place());
            text(w, wnio, "Tytul", p.title());
            if (p.kind() != null) {
                w.writeEmptyElement(wnio, "RodzajWnioskuRozszerzony");
                w.writeAttribute("rodzaj", p.kind());
                w.writeAttribute("jakiInny", p.otherKind() == null ? "" : p.otherKind());
            }
            w.writeStartElement(wnio, "Informacje");
            for (String paragraph : p.paragraphs()) {
                text(w, wnio, "Informacja", paragraph);
            }
            w.writeEndElement();
            if (!p.attachments().isEmpty()) {
                w.writeStartElement(PismoOgolne.STR, "Zalaczniki");
                for (Attachment a : p.attachments()) {
                    w.writeStartElement(PismoOgolne.STR, "Zalacznik");
                    w.writeAttribute("format", a.mimeType());
                    w.writeAttribute("kodowanie", a.uri().isPresent() ? "URI" : "base64");
                    w.writeAttribute("nazwaPliku", a.fileName());
                    text(w, PismoOgolne.STR, "DaneZalacznika", a.uri().map(URI::toString)
                            .orElseGet(() -> Base64.getEncoder().encodeToString(a.content().orElseThrow())));
                    text(w, PismoOgolne.STR, "OpisZalacznika", a.description().orElse(null));
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
        w.writeStartElement(PismoOgolne.STR, name);
        for (Party p : parties) {
            w.writeStartElement(PismoOgolne.META, "Podmiot");
            if (p instanceof Party.Person person) {
                w.writeStartElement(PismoOgolne.OSO, "Osoba");
                if (person.pesel() != null) {
                    w.writeStartElement(PismoOgolne.OSO, "IdOsoby");
                    text(w, PismoOgolne.OSO, "PESEL", person.pesel().value());
                    w.writeEndElement();
                }
                text(w, PismoOgolne.OSO, "Imie", person.firstName());
                text(w, PismoOgolne.OSO, "Nazwisko", person.surname());
                addressAndContact(w, person);
                w.writeEndElement();
            } else if (p instanceof Party.Institution inst) {
                w.writeStartElement(PismoOgolne.INST, "Instytucja");
                if (inst.nip() != null || inst.regon() != null) {
                    w.writeStartElement(PismoOgolne.INST, "IdInstytucji");
                    text(w, PismoOgolne.INST, "NIP", inst.nip() == null ? null : inst.nip().value());
                    text(w, PismoOgolne.INST, "REGON", inst.regon() == null ? null : inst.regon().value());
                    w.writeEndElement();
                }
                text(w, PismoOgolne.INST, "NazwaInstytucji", inst.name());
                addressAndContact(w, inst);
                if (inst.unit() != null) {
                    w.writeStartElement(PismoOgolne.INST, "Jednostka");
                    text(w, PismoOgolne.INST, "NazwaInstytucji", inst.unit());
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
            w.writeStartElement(PismoOgolne.ADR, "Adres");
            text(w, PismoOgolne.ADR, "KodPocztowy", a.postalCode());
            text(w, PismoOgolne.ADR, "Poczta", a.post());
            text(w, PismoOgolne.ADR, "Miejscowosc", a.town());
            text(w, PismoOgolne.ADR, "Ulica", a.street());
            text(w, PismoOgolne.ADR, "Budynek", a.building());
            text(w, PismoOgolne.ADR, "Lokal", a.flat());
            w.writeEndElement();
        }
        if (p.email() != null) {
            w.writeStartElement(PismoOgolne.ADR, "Kontakt");
            text(w, PismoOgolne.ADR, "Email", p.email());
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
}
