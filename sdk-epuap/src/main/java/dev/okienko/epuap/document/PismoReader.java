package dev.okienko.epuap.document;

import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.Regon;
import dev.okienko.core.XmlException;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads either form of {@link PismoOgolne} from a parsed document: fields only from where the form puts them,
 * each unreadable one named in an {@link XmlException}.
 */
final class PismoReader {
    private PismoReader() {
    }

    /**
     * @param doc a parsed document
     * @return the letter
     * @throws XmlException when it is not a Pismo ogólne or a field is unreadable
     */
    static PismoOgolne read(Document doc) {
        Element root = doc.getDocumentElement();
        PismoOgolne.Form form = PismoOgolne.Form.of(root.getNamespaceURI());
        if (form == null || !"Dokument".equals(root.getLocalName())) {
            throw new XmlException("not a Pismo ogólne: the root is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", not Dokument in " + java.util.Arrays.stream(PismoOgolne.Form.values()).map(PismoOgolne.Form::namespace)
                    .collect(java.util.stream.Collectors.joining(" or ")) + " (CrdDocument reads any CRD form)", -1, -1, null);
        }
        String wnio = form.namespace();
        Element data = required(root, wnio, "DaneDokumentu");
        Element content = required(root, wnio, "TrescDokumentu");
        Element header = child(data, PismoOgolne.STR, "Naglowek");
        String name = header == null ? null : text(header, PismoOgolne.STR, "NazwaDokumentu");
        LocalDate created = null;
        for (Element date : children(data, PismoOgolne.META, "Data")) {
            if ("stworzony".equals(date.getAttribute("typDaty"))) {
                created = date(text(date, PismoOgolne.META, "Czas"));
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
        Element list = child(content, PismoOgolne.STR, "Zalaczniki");
        if (list != null) {
            for (Element a : children(list, PismoOgolne.STR, "Zalacznik")) {
                attachments.add(attachment(a));
            }
        }
        String title = text(content, wnio, "Tytul");
        return new PismoOgolne(form, name == null ? PismoOgolne.DEFAULT_NAME : name, created, text(content, wnio, "MiejscowoscDokumentu"),
                title == null ? "" : title, kindElement == null ? null : kindElement.getAttribute("rodzaj"),
                kindElement == null || kindElement.getAttribute("jakiInny").isEmpty() ? null : kindElement.getAttribute("jakiInny"),
                paragraphs, parties(data, "Nadawcy"), parties(data, "Adresaci"), attachments);
    }

    static Attachment attachment(Element a) {
        String fileName = a.getAttribute("nazwaPliku");
        String format = a.getAttribute("format");
        String encoding = a.getAttribute("kodowanie");
        String payload = String.valueOf(text(a, PismoOgolne.STR, "DaneZalacznika"));
        String description = text(a, PismoOgolne.STR, "OpisZalacznika");
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

    static List<Party> parties(Element data, String name) {
        List<Party> out = new ArrayList<>();
        Element list = child(data, PismoOgolne.STR, name);
        if (list == null) {
            return out;
        }
        for (Element podmiot : children(list, PismoOgolne.META, "Podmiot")) {
            Element person = child(podmiot, PismoOgolne.OSO, "Osoba");
            Element inst = child(podmiot, PismoOgolne.INST, "Instytucja");
            try {
                if (person != null) {
                    Element id = child(person, PismoOgolne.OSO, "IdOsoby");
                    String pesel = id == null ? null : text(id, PismoOgolne.OSO, "PESEL");
                    out.add(new Party.Person(orEmpty(text(person, PismoOgolne.OSO, "Imie")), orEmpty(text(person, PismoOgolne.OSO, "Nazwisko")),
                            pesel == null ? null : Pesel.parse(pesel), address(person), email(person)));
                } else if (inst != null) {
                    Element id = child(inst, PismoOgolne.INST, "IdInstytucji");
                    String nip = id == null ? null : text(id, PismoOgolne.INST, "NIP");
                    String regon = id == null ? null : text(id, PismoOgolne.INST, "REGON");
                    Element unit = child(inst, PismoOgolne.INST, "Jednostka");
                    out.add(new Party.Institution(orEmpty(text(inst, PismoOgolne.INST, "NazwaInstytucji")),
                            unit == null ? null : text(unit, PismoOgolne.INST, "NazwaInstytucji"), nip == null ? null : Nip.parse(nip),
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
        Element a = child(party, PismoOgolne.ADR, "Adres");
        if (a == null) {
            return null;
        }
        String town = text(a, PismoOgolne.ADR, "Miejscowosc");
        if (town == null) {
            throw new XmlException("adr:Adres without adr:Miejscowosc", -1, -1, null);
        }
        return new PostalAddress(text(a, PismoOgolne.ADR, "KodPocztowy"), text(a, PismoOgolne.ADR, "Poczta"), town, text(a, PismoOgolne.ADR, "Ulica"),
                text(a, PismoOgolne.ADR, "Budynek"), text(a, PismoOgolne.ADR, "Lokal"));
    }

    private static @Nullable String email(Element party) {
        Element contact = child(party, PismoOgolne.ADR, "Kontakt");
        return contact == null ? null : text(contact, PismoOgolne.ADR, "Email");
    }

    static @Nullable LocalDate date(@Nullable String value) {
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
            if (n instanceof Element e && matches(ns, e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && matches(ns, e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The CRD base structures exist in two versions that circulate (2008/05/09 and 2009/11/16): either is read. */
    private static final String CRD_SCHEMAS = "http://crd.gov.pl/xml/schematy/";

    /**
     * @return whether an element's namespace is the expected one or, for the CRD base structures, another version of
     *     the same structure (meta, struktura, adres, osoba, instytucja)
     */
    static boolean matches(String expected, @Nullable String actual) {
        if (actual == null) {
            return false;
        }
        if (expected.equals(actual)) {
            return true;
        }
        if (!expected.startsWith(CRD_SCHEMAS) || !actual.startsWith(CRD_SCHEMAS)) {
            return false;
        }
        int kindEnd = expected.indexOf('/', CRD_SCHEMAS.length());
        return kindEnd > 0 && actual.regionMatches(0, expected, 0, kindEnd + 1);
    }

    /** @return the element's text, stripped; null when it is missing or empty (an empty {@code <inst:NIP/>} is no NIP) */
    static @Nullable String text(Element parent, String ns, String name) {
        Element e = child(parent, ns, name);
        if (e == null) {
            return null;
        }
        String text = e.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
