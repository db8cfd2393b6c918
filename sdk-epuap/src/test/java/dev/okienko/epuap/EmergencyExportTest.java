package dev.okienko.epuap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.ClientException;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlSecurityException;
import dev.okienko.testkit.pki.SharedSpecs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emergency export reader against real archives, Polish names in CP852, and hostile archives. */
class EmergencyExportTest {
    private static final Charset CP852 = Charset.forName("IBM852");
    private static final String PESEL = "44051401359";

    @TempDir
    Path dir;

    private static String descriptor(String... paths) {
        StringBuilder docs = new StringBuilder();
        for (String path : paths) {
            docs.append("<Dokument><DanePodmiotu><Identyfikator>jan.kowalski</Identyfikator><TypOsoby>F</TypOsoby>")
                    .append("<ImieSkrot>Jan</ImieSkrot><NazwiskoNazwa>Kowalski</NazwiskoNazwa><Nip></Nip><Pesel>").append(PESEL)
                    .append("</Pesel><Regon></Regon><Zgoda>true</Zgoda></DanePodmiotu>")
                    .append("<DaneNadawcy><Uzytkownik>jan.kowalski</Uzytkownik><System>ePUAP</System></DaneNadawcy>")
                    .append("<DataNadania>2026-11-20T10:15:00</DataNadania><NazwaSkrytki>SkrytkaESP</NazwaSkrytki>")
                    .append("<AdresSkrytki>/PodlaskaWKOHP/SkrytkaESP</AdresSkrytki><AdresOdpowiedzi>/jan/skrytka</AdresOdpowiedzi>")
                    .append("<DaneDodatkowe></DaneDodatkowe><NazwaPliku>").append(path.substring(path.lastIndexOf('/') + 1))
                    .append("</NazwaPliku><SciezkaWArchiwum>").append(path).append("</SciezkaWArchiwum></Dokument>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Dokumenty>" + docs + "</Dokumenty>";
    }

    private Path zip(Map<String, byte[]> entries, Charset names) throws IOException {
        Path file = dir.resolve("export-" + System.nanoTime() + ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out, names)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A fresh folder to extract into. */
    private Path out() {
        return Files.exists(dir.resolve("out")) ? dir.resolve("out-" + System.nanoTime()) : dir.resolve("out");
    }

    private static Map<String, byte[]> entries(Object... nameAndContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Object c = nameAndContent[i + 1];
            m.put((String) nameAndContent[i], c instanceof byte[] b ? b : ((String) c).getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void extract_exportWithPolishNamesInCp852_documentsAndTheirData() throws IOException {
        String path = "Wnioski/Wniosek źdźbło żółw.xml";
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor(path), path, "<Wniosek/>"), CP852);

        List<ExportedDocument> docs = EmergencyExport.extract(export, out());

        assertThat(docs).hasSize(1);
        ExportedDocument d = docs.get(0);
        assertThat(d.fileName()).isEqualTo("Wniosek źdźbło żółw.xml");
        assertThat(d.pathInArchive()).isEqualTo(path);
        assertThat(Files.readString(d.file())).isEqualTo("<Wniosek/>");
        assertThat(d.size()).isEqualTo(10);
        assertThat(d.file().getParent()).isEqualTo(dir.resolve("out"));
        assertThat(d.file().getFileName().toString()).isEqualTo("00001-Wniosek_źdźbło_żółw.xml");
        assertThat(d.senderName()).isEqualTo("Kowalski");
        assertThat(d.boxAddress()).isEqualTo("/PodlaskaWKOHP/SkrytkaESP");
        assertThat(d.senderPesel()).isNotNull();
        assertThat(d.toString()).doesNotContain(PESEL);
    }

    @Test
    void extract_utf8FlaggedNames_readToo() throws IOException {
        String path = "Pismo ąę.xml";
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor(path), path, "<P/>"), StandardCharsets.UTF_8);

        assertThat(EmergencyExport.extract(export, out()).get(0).pathInArchive()).isEqualTo(path);
    }

    @Test
    void contract_testDescriptorFollowsTheOfficialSchema() {
        SecureXml.validate(SecureXml.newSchema(SharedSpecs.require("epuap/xsd/EmergencyDownload.xsd")),
                SecureXml.parse(descriptor("a.xml", "b/c.xml").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void extract_entryNamedOutsideTheArchive_zipSlipRefused() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("a.xml"), "a.xml", "<a/>",
                "../../etc/cron.d/evil", "x"), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out())).isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("zip-slip").hasMessageContaining("../../etc/cron.d/evil");
    }

    @Test
    void extract_descriptorPointsOutsideTheArchive_zipSlipRefused() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("..\\..\\Windows\\win.ini"), "a.xml", "<a/>"), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out())).isInstanceOf(UnsafeArchiveException.class);
    }

    @Test
    void extract_absoluteEntryName_refused() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("a.xml"), "a.xml", "<a/>", "/etc/passwd", "x"), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out())).isInstanceOf(UnsafeArchiveException.class);
    }

    @Test
    void extract_zipBomb_refusedByRatio() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("bomb.xml"), "bomb.xml", new byte[64 << 20]), CP852);
        assertThat(Files.size(export)).isLessThan(1 << 20);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out())).isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("zip bomb");
    }

    @Test
    void extract_entryOverTheSizeLimit_refused() throws IOException {
        byte[] random = new byte[200_000];
        new java.util.Random(1).nextBytes(random);
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("big.bin"), "big.bin", random), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out(), new EmergencyExport.Limits(100, 100_000, 1 << 30, 200)))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("more than 100000 bytes");
    }

    @Test
    void extract_tooManyEntries_refused() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("a.xml"), "a.xml", "1", "b.xml", "2", "c.xml", "3"), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out(), new EmergencyExport.Limits(3, 1 << 20, 1 << 30, 200)))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("more than 3 entries");
    }

    @Test
    void extract_descriptorWithXxe_refused() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Dokumenty>&x;</Dokumenty>";
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, xxe), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out())).isInstanceOf(XmlSecurityException.class);
    }

    @Test
    void extract_noDescriptor_notAnExport() throws IOException {
        Path export = zip(entries("a.xml", "<a/>"), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out())).isInstanceOf(ClientException.class)
                .hasMessageContaining("not an ePUAP export");
    }

    @Test
    void extract_descriptorListsMissingFile_saysWhich() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("brak.xml")), CP852);

        assertThatThrownBy(() -> EmergencyExport.extract(export, out())).isInstanceOf(ClientException.class)
                .hasMessageContaining("brak.xml");
    }

    @Test
    void extract_notAZip_typedError() throws IOException {
        Path junk = Files.write(dir.resolve("junk.zip"), new byte[] {1, 2, 3, 4, 5});

        assertThatThrownBy(() -> EmergencyExport.extract(junk, out())).isInstanceOf(UnsafeArchiveException.class);
    }

    @Test
    void extract_failureHalfWay_leavesNothingBehind() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("a.xml", "bomb.xml"), "a.xml", "<a/>",
                "bomb.xml", new byte[8 << 20]), CP852);
        Path folder = dir.resolve("half");

        assertThatThrownBy(() -> EmergencyExport.extract(export, folder)).isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("bomb.xml").hasMessageContaining("zip bomb");
        try (java.util.stream.Stream<Path> left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void extract_folderNotEmpty_refusedBeforeReading() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("a.xml"), "a.xml", "<a/>"), CP852);
        Path folder = Files.createDirectories(dir.resolve("full"));
        Files.writeString(folder.resolve("x"), "x");

        assertThatThrownBy(() -> EmergencyExport.extract(export, folder)).isInstanceOf(ClientException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void extract_intoAFolderThatCannotBeMade_localFileError() throws IOException {
        Path export = zip(entries(EmergencyExport.DESCRIPTOR, descriptor("a.xml"), "a.xml", "<a/>"), CP852);
        Path file = Files.writeString(dir.resolve("plik.txt"), "x");

        assertThatThrownBy(() -> EmergencyExport.extract(export, file.resolve("wyniki")))
                .isInstanceOfSatisfying(dev.okienko.core.LocalFileException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("cannot use").hasMessageContaining("a local file error");
    }
}
