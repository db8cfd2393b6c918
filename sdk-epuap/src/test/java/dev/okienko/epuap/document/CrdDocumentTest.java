package dev.okienko.epuap.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.XmlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * CRD form documents as they come: the real Pismo ogólne in the older form 599 from shared/vectors/crd (a byte order
 * mark, XForms namespaces, empty NIP and REGON, a URI attachment) read both typed and generically, and a form okienko
 * has no model of read generically.
 */
class CrdDocumentTest {
    private static byte[] form599() throws Exception {
        Path file = Path.of(System.getProperty("okienko.shared.dir", Path.of("..", "..", "shared").toString()),
                "vectors", "crd", "pismo-ogolne-599.xml");
        assertThat(file).as("the CRD vectors in shared/ (beside the clone, or -Dokienko.shared.dir)").isRegularFile();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xFF).as("the vector starts with a byte order mark, as real documents do").isEqualTo(0xEF);
        return bytes;
    }

    @Test
    void form599_readAsPismoOgolne() throws Exception {
        PismoOgolne letter = PismoOgolne.read(form599());

        assertThat(letter.form()).isEqualTo(PismoOgolne.Form.V2011);
        assertThat(letter.title()).isEqualTo("test duże pliki");
        assertThat(letter.place()).isEqualTo("WARSZAWA");
        assertThat(letter.created()).isEqualTo(LocalDate.of(2015, 9, 17));
        assertThat(letter.kind()).isEqualTo("wniosek");
        assertThat(letter.otherKind()).isEqualTo("inne pismo");
        assertThat(letter.paragraphs()).containsExactly("treść pisma");
        assertThat(letter.senders()).singleElement().isInstanceOfSatisfying(Party.Institution.class, i -> {
            assertThat(i.name()).isEqualTo("CENTRUM PROJEKTÓW INFORMATYCZNYCH");
            assertThat(i.nip()).as("an empty <inst:NIP/> is no NIP").isNull();
            assertThat(i.regon()).isNull();
            assertThat(i.address()).isNotNull();
            assertThat(i.address().town()).isEqualTo("WARSZAWA");
            assertThat(i.address().flat()).as("an empty <adr:Lokal/> is none").isNull();
        });
        assertThat(letter.recipients()).singleElement().isInstanceOf(Party.Institution.class);
        assertThat(letter.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("@nazwaPliku@");
            assertThat(a.uri()).isPresent();
        });
    }

    @Test
    void form599_readGenerically_withTheStatementsThePismoModelDoesNotHave() throws Exception {
        CrdDocument doc = CrdDocument.read(form599());

        assertThat(doc.form()).isEqualTo("http://crd.gov.pl/wzor/2011/06/08/599/");
        assertThat(doc.isPismoOgolne()).isTrue();
        assertThat(doc.identifiers()).hasEntrySatisfying("idFormularza",
                v -> assertThat(v).startsWith("cpimswia/Pismo ogolne duże").endsWith("pliki TST"));
        assertThat(doc.created()).contains(LocalDate.of(2015, 9, 17));
        assertThat(doc.title()).contains("test duże pliki");
        assertThat(doc.field("RodzajWnioskuRozszerzony/@rodzaj")).contains("wniosek");
        assertThat(doc.field("Informacje/Informacja")).contains("treść pisma");
        assertThat(doc.field("Oswiadczenia/Oswiadczenie")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Korespondencję w tej sprawie proszę kierować do mnie").doesNotContain("\n"));
        assertThat(doc.fields()).noneSatisfy(f -> assertThat(f.path()).contains("Zalacznik"));
        assertThat(doc.senders()).hasSize(1);
        assertThat(doc.recipients()).hasSize(1);
        assertThat(doc.attachments()).hasSize(1);
        assertThat(DocumentHtml.render(form599())).contains("test duże pliki").contains("CENTRUM PROJEKTÓW INFORMATYCZNYCH");
    }

    @Test
    void anotherForm_withThe2008Structures_readGenerically() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <wnio:Dokument xmlns:wnio="http://crd.gov.pl/wzor/2020/01/01/9999/"
                    xmlns:meta="http://crd.gov.pl/xml/schematy/meta/2008/05/09/"
                    xmlns:str="http://crd.gov.pl/xml/schematy/struktura/2008/05/09/"
                    xmlns:oso="http://crd.gov.pl/xml/schematy/osoba/2008/05/09/"
                    xmlns:inst="http://crd.gov.pl/xml/schematy/instytucja/2008/05/09/"
                    xmlns:adr="http://crd.gov.pl/xml/schematy/adres/2008/05/09/">
                  <wnio:DaneDokumentu>
                    <str:Naglowek><str:NazwaDokumentu>Wniosek o dowód osobisty</str:NazwaDokumentu></str:Naglowek>
                    <meta:Data typDaty="stworzony"><meta:Czas>2026-11-30</meta:Czas></meta:Data>
                    <str:Adresaci><meta:Podmiot><inst:Instytucja><inst:NazwaInstytucji>Urząd Gminy Testowo</inst:NazwaInstytucji>
                      </inst:Instytucja></meta:Podmiot></str:Adresaci>
                    <str:Nadawcy><meta:Podmiot><oso:Osoba><oso:Imie>Anna</oso:Imie><oso:Nazwisko>Nowak</oso:Nazwisko>
                      <adr:Adres><adr:Miejscowosc>Testowo</adr:Miejscowosc></adr:Adres></oso:Osoba></meta:Podmiot></str:Nadawcy>
                  </wnio:DaneDokumentu>
                  <wnio:TrescDokumentu>
                    <wnio:Powod kod="utrata">Dowód został skradziony.</wnio:Powod>
                    <wnio:Dane><wnio:Wzrost>170</wnio:Wzrost><wnio:KolorOczu>niebieskie</wnio:KolorOczu></wnio:Dane>
                  </wnio:TrescDokumentu>
                </wnio:Dokument>
                """;

        CrdDocument doc = CrdDocument.read(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(doc.isPismoOgolne()).isFalse();
        assertThat(doc.documentName()).isEqualTo("Wniosek o dowód osobisty");
        assertThat(doc.senders()).singleElement().isInstanceOfSatisfying(Party.Person.class,
                p -> assertThat(p.surname()).isEqualTo("Nowak"));
        assertThat(doc.recipients()).singleElement().isInstanceOf(Party.Institution.class);
        assertThat(doc.fields()).extracting(CrdDocument.Field::path, CrdDocument.Field::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Powod/@kod", "utrata"),
                org.assertj.core.groups.Tuple.tuple("Powod", "Dowód został skradziony."),
                org.assertj.core.groups.Tuple.tuple("Dane/Wzrost", "170"),
                org.assertj.core.groups.Tuple.tuple("Dane/KolorOczu", "niebieskie"));
        assertThat(DocumentHtml.render(xml.getBytes(StandardCharsets.UTF_8))).contains("Dane/KolorOczu").contains("Anna");
        assertThatThrownBy(() -> PismoOgolne.read(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlException.class).hasMessageContaining("CrdDocument reads any CRD form");
    }

    @Test
    void notACrdForm_isNamed() {
        assertThatThrownBy(() -> CrdDocument.read("<Dokument xmlns=\"urn:inny\"/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlException.class).hasMessageContaining("not a CRD form document: the root is {urn:inny}Dokument");
    }
}
