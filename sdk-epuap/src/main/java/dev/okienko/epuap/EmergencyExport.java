package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import dev.okienko.core.Pesel;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads ePUAP's emergency export: a ZIP with {@code Deskryptor.xml} (a {@code Dokumenty} list that says, for
 * each document, who sent it where and when, and where it lies in the archive) and the documents.
 *
 * <p>The archive is treated as hostile. Entry names are decoded as CP852 (as ePUAP's Windows tools write
 * them) unless flagged UTF-8, and every name is checked before anything is read: absolute paths and
 * {@code ..} are refused (zip-slip). Sizes are counted as bytes come out of the decompressor, not taken
 * from the headers, against the {@link Limits}; a compression ratio beyond the limit is a zip bomb. Nothing
 * is written to disk.
 */
public final class EmergencyExport {
    /** The descriptor's file name in the archive. */
    public static final String DESCRIPTOR = "Deskryptor.xml";

    /**
     * Bounds on what an archive may make okienko read.
     *
     * @param maxEntries the most entries an archive may have
     * @param maxEntryBytes the largest a single decompressed entry may be
     * @param maxTotalBytes the most decompressed bytes in all
     * @param maxCompressionRatio the largest ratio of decompressed to compressed size for entries over 1 MB
     */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {
        /** 10 000 entries, 512 MB an entry, 4 GB in all, a ratio of 200. */
        public static final Limits DEFAULT = new Limits(10_000, 512L << 20, 4L << 30, 200);
    }

    private EmergencyExport() {
    }

    /**
     * @param zip the export
     * @return its documents, in the descriptor's order
     * @throws UnsafeArchiveException for zip-slip names, bombs and exceeded limits
     * @throws XmlException when the descriptor is malformed or hostile
     */
    public static List<ExportedDocument> read(Path zip) {
        return read(zip, Limits.DEFAULT);
    }

    /**
     * @param zip the export
     * @param limits the bounds
     * @return its documents, in the descriptor's order
     * @throws UnsafeArchiveException for zip-slip names, bombs and exceeded limits
     * @throws XmlException when the descriptor is malformed or hostile
     */
    public static List<ExportedDocument> read(Path zip, Limits limits) {
        try (ZipFile file = new ZipFile(zip.toFile(), ZipFile.OPEN_READ, Charset.forName("IBM852"))) {
            Map<String, ZipEntry> entries = new HashMap<>();
            int count = 0;
            for (ZipEntry entry : Collections.list(file.entries())) {
                if (++count > limits.maxEntries()) {
                    throw new UnsafeArchiveException("the archive has more than " + limits.maxEntries() + " entries", null);
                }
                entries.put(safeName(entry.getName()), entry);
            }
            long[] total = {0};
            ZipEntry descriptorEntry = entries.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(DESCRIPTOR)).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new ClientException("not an ePUAP export: no " + DESCRIPTOR + " in " + zip.getFileName()));
            Document descriptor = SecureXml.parse(bytes(file, descriptorEntry, limits, total));
            Element root = descriptor.getDocumentElement();
            if (!"Dokumenty".equals(root.getLocalName())) {
                throw new XmlException(DESCRIPTOR + " does not start with Dokumenty", -1, -1, null);
            }
            List<ExportedDocument> documents = new ArrayList<>();
            for (Element doc : children(root, "Dokument")) {
                String path = safeName(required(doc, "SciezkaWArchiwum"));
                ZipEntry entry = entries.get(path);
                if (entry == null) {
                    throw new ClientException(DESCRIPTOR + " lists " + path + ", which is not in the archive");
                }
                Element entity = SoapCall.child(doc, "DanePodmiotu");
                String pesel = entity == null ? null : text(entity, "Pesel");
                documents.add(new ExportedDocument(required(doc, "NazwaPliku"), path, bytes(file, entry, limits, total),
                        entity == null ? null : text(entity, "Identyfikator"), entity == null ? null : text(entity, "NazwiskoNazwa"),
                        pesel != null && Pesel.isValid(pesel) ? Pesel.parse(pesel) : null, text(doc, "DataNadania"),
                        text(doc, "NazwaSkrytki"), text(doc, "AdresSkrytki"), text(doc, "AdresOdpowiedzi"),
                        text(doc, "DaneDodatkowe")));
            }
            return documents;
        } catch (ZipException e) {
            throw new UnsafeArchiveException("not a readable ZIP archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ClientException("cannot read " + zip + ": " + e.getMessage(), e);
        }
    }

    /** @return the name with '/' separators, refusing any that could leave the archive */
    static String safeName(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        boolean absolute = n.startsWith("/") || n.matches("^[A-Za-z]:.*");
        boolean climbs = ("/" + n + "/").contains("/../");
        if (absolute || climbs || n.isEmpty() || n.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("the archive names an entry outside itself (zip-slip): \"" + name + "\"", null);
        }
        return n;
    }

    private static byte[] bytes(ZipFile file, ZipEntry entry, Limits limits, long[] total) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                read += n;
                total[0] += n;
                if (read > limits.maxEntryBytes()) {
                    throw new UnsafeArchiveException(entry.getName() + " decompresses to more than " + limits.maxEntryBytes() + " bytes", null);
                }
                if (total[0] > limits.maxTotalBytes()) {
                    throw new UnsafeArchiveException("the archive decompresses to more than " + limits.maxTotalBytes() + " bytes", null);
                }
                long compressed = entry.getCompressedSize();
                if (read > (1 << 20) && compressed > 0 && read / compressed > limits.maxCompressionRatio()) {
                    throw new UnsafeArchiveException(entry.getName() + " expands more than " + limits.maxCompressionRatio()
                            + " times: a zip bomb", null);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String required(Element parent, String name) {
        String value = text(parent, name);
        if (value == null) {
            throw new XmlException(DESCRIPTOR + ": a Dokument lacks " + name, -1, -1, null);
        }
        return value;
    }

    private static @Nullable String text(Element parent, String name) {
        String t = SoapCall.text(parent, name);
        return t == null || t.isEmpty() ? null : t;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
