package dev.okienko.correspondence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip bombs are recognised by their structure and by a bounded expansion; ordinary ZIPs pass. */
class ZipInspectionTest {
    @TempDir
    Path dir;

    @Test
    void anOrdinaryZip_passes_evenWithWellCompressedText() throws IOException {
        Path zip = write("wniosek.zip", zip(entry("wniosek.xml", "<wniosek>proszę</wniosek>".repeat(2000)),
                entry("skan.bin", random(300_000)), entry("nested.zip", zip(entry("a.txt", "a")))));

        assertThat(ZipInspection.isZip(Files.readAllBytes(zip))).isTrue();
        assertThat(ZipInspection.problem(zip)).isEmpty();
    }

    @Test
    void aZipExpandingFarBeyondItsSize_isABomb_foundWithoutExpandingItAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("zeros.txt"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        Path zip = write("bomb.zip", out.toByteArray());

        assertThat(ZipInspection.problem(zip)).get().asString().startsWith("a zip bomb: it expands to more than")
                .contains("from " + Files.size(zip)).contains("over 100 to 1");
    }

    @Test
    void zipsNestedTooDeep_areABomb_butThreeLevelsPass() throws IOException {
        byte[] level3 = zip(entry("a.txt", "a"));
        byte[] level2 = zip(entry("c.zip", level3));
        assertThat(ZipInspection.problem(write("three.zip", zip(entry("b.zip", level2))))).isEmpty();

        Path four = write("four.zip", zip(entry("b.zip", zip(entry("c.zip", zip(entry("d.zip", level3)))))));

        assertThat(ZipInspection.problem(four)).get().asString().isEqualTo("a zip bomb: ZIPs nested more than 3 deep (b.zip/c.zip/d.zip)");
    }

    @Test
    void tooManyEntries_areABomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i <= ZipInspection.MAX_ENTRIES; i++) {
                z.putNextEntry(new ZipEntry("e" + i));
                z.closeEntry();
            }
        }

        assertThat(ZipInspection.problem(write("many.zip", out.toByteArray()))).get().asString()
                .isEqualTo("a zip bomb: more than 10000 entries");
    }

    @Test
    void entriesSharingTheirCompressedBytes_areABomb() throws IOException {
        byte[] one = zip(entry("a", random(4000)));
        ByteBuffer b = ByteBuffer.wrap(one).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = one.length - 22;
        assertThat(b.getInt(eocd)).isEqualTo(0x06054b50);
        int cdSize = b.getInt(eocd + 12);
        int cdOffset = b.getInt(eocd + 16);
        byte[] cd = Arrays.copyOfRange(one, cdOffset, cdOffset + cdSize);
        byte[] second = cd.clone();
        second[46] = 'b'; // the same local entry under a second name
        ByteBuffer out = ByteBuffer.allocate(one.length + cdSize).order(ByteOrder.LITTLE_ENDIAN);
        out.put(one, 0, cdOffset + cdSize).put(second).put(one, eocd, 22);
        out.putShort(cdOffset + 2 * cdSize + 8, (short) 2).putShort(cdOffset + 2 * cdSize + 10, (short) 2)
                .putInt(cdOffset + 2 * cdSize + 12, 2 * cdSize);

        assertThat(ZipInspection.problem(write("overlap.zip", out.array()))).get().asString()
                .startsWith("a zip bomb: its entries' compressed sizes add up to more than the file's");
    }

    @Test
    void aBrokenZip_isNamedUnreadable() throws IOException {
        byte[] broken = Arrays.copyOf(zip(entry("a.txt", "a".repeat(1000))), 40);

        assertThat(ZipInspection.problem(write("broken.zip", broken))).get().asString().startsWith("not a readable ZIP: ");
        assertThat(ZipInspection.isZip("<?xml".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private record Entry(String name, byte[] bytes) {
    }

    private static Entry entry(String name, String text) {
        return new Entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Entry entry(String name, byte[] bytes) {
        return new Entry(name, bytes);
    }

    static byte[] zip(Entry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Entry e : entries) {
                z.putNextEntry(new ZipEntry(e.name()));
                z.write(e.bytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }
}
