package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import dev.okienko.core.LocalFileException;
import dev.okienko.core.Pesel;
import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads ePUAP's emergency export: a ZIP with {@code Deskryptor.xml} (a {@code Dokumenty} list that says, for
 * each document, who sent it where and when, and where it lies in the archive) and the documents, which are
 * extracted into a folder of your choice, never held in memory.
 *
 * <p>The archive is treated as hostile, and refused whole ({@link UnsafeArchiveException}) before anything
 * of it is used:
 * <ul>
 *   <li>names: entry names are decoded as CP852 (as ePUAP's Windows tools write them) unless flagged UTF-8;
 *       absolute paths, {@code ..} and NUL are refused (zip-slip), and so are two entries whose names are
 *       equal or differ only in case (one would hide the other, and on Windows or macOS overwrite it);</li>
 *   <li>the descriptor: it may name each entry once;</li>
 *   <li>sizes are counted as bytes come out of the decompressor, never taken from the archive's own
 *       headers (which can lie), against the {@link Limits}: each entry, the total, each entry's expansion
 *       over its compressed size, and the total's expansion over the archive's real size on disk (which
 *       catches many small bombs and entries that overlap in the file).</li>
 * </ul>
 * On any failure, every file this call wrote is deleted again.
 */
public final class EmergencyExport {
    /** The descriptor's file name in the archive. */
    public static final String DESCRIPTOR = "Deskryptor.xml";
    /** The largest descriptor read into memory (it lists documents; 10 000 of them take a few megabytes). */
    static final long MAX_DESCRIPTOR_BYTES = 16L << 20;
    /** Below this many decompressed bytes, an entry's or the archive's expansion ratio is not judged. */
    static final long RATIO_FLOOR = 64L << 10;

    /**
     * Bounds on what an archive may make okienko read.
     *
     * @param maxEntries the most entries an archive may have
     * @param maxEntryBytes the largest a single decompressed entry may be
     * @param maxTotalBytes the most decompressed bytes in all
     * @param maxCompressionRatio the largest ratio of decompressed to compressed size, for each entry (over
     *     64 KiB decompressed) and for the whole archive against its size on disk
     */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {
        /** 10 000 entries, 512 MB an entry, 4 GB in all, a ratio of 200. */
        public static final Limits DEFAULT = new Limits(10_000, 512L << 20, 4L << 30, 200);

        /** Checks the bounds. */
        public Limits {
            if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxCompressionRatio < 1) {
                throw new IllegalArgumentException("every limit must be positive: " + maxEntries + ", " + maxEntryBytes
                        + ", " + maxTotalBytes + ", " + maxCompressionRatio);
            }
        }
    }

    private EmergencyExport() {
    }

    /**
     * @param zip the export
     * @param folder where the documents go: created when missing, and it must be empty
     * @return its documents, in the descriptor's order, each in a file of its own in {@code folder}
     * @throws UnsafeArchiveException for zip-slip names, duplicate names, bombs and exceeded limits
     * @throws XmlException when the descriptor is malformed or hostile
     * @throws ClientException when the archive is not an export, or a file cannot be read or written (the
     *     message says which)
     */
    public static List<ExportedDocument> extract(Path zip, Path folder) {
        return extract(zip, folder, Limits.DEFAULT);
    }

    /**
     * @param zip the export
     * @param folder where the documents go: created when missing, and it must be empty
     * @param limits the bounds
     * @return its documents, in the descriptor's order, each in a file of its own in {@code folder}
     * @throws UnsafeArchiveException for zip-slip names, duplicate names, bombs and exceeded limits
     * @throws XmlException when the descriptor is malformed or hostile
     * @throws ClientException when the archive is not an export, or a file cannot be read or written (the
     *     message says which)
     */
    public static List<ExportedDocument> extract(Path zip, Path folder, Limits limits) {
        Objects.requireNonNull(limits, "limits");
        long archiveSize;
        try {
            archiveSize = Files.size(zip);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + zip, zip, e);
        }
        prepare(folder);
        List<Path> written = new ArrayList<>();
        boolean done = false;
        try (ZipFile file = new ZipFile(zip.toFile(), ZipFile.OPEN_READ, Charset.forName("IBM852"))) {
            Map<String, ZipEntry> entries = entries(file, limits);
            Budget budget = new Budget(limits, archiveSize);
            ZipEntry descriptorEntry = entries.get(DESCRIPTOR.toLowerCase(Locale.ROOT));
            if (descriptorEntry == null) {
                throw new ClientException("not an ePUAP export: no " + DESCRIPTOR + " in " + zip.getFileName());
            }
            java.io.ByteArrayOutputStream descriptorBytes = new java.io.ByteArrayOutputStream();
            copy(file, descriptorEntry, descriptorBytes, budget, Math.min(MAX_DESCRIPTOR_BYTES, limits.maxEntryBytes()));
            Element root = SecureXml.parse(descriptorBytes.toByteArray()).getDocumentElement();
            if (!"Dokumenty".equals(root.getLocalName())) {
                throw new XmlException(DESCRIPTOR + " does not start with Dokumenty", -1, -1, null);
            }
            List<ExportedDocument> documents = new ArrayList<>();
            Set<String> named = new HashSet<>();
            for (Element doc : children(root, "Dokument")) {
                String path = safeName(required(doc, "SciezkaWArchiwum"));
                if (!named.add(path.toLowerCase(Locale.ROOT))) {
                    throw new UnsafeArchiveException(DESCRIPTOR + " names " + path + " more than once", null);
                }
                ZipEntry entry = entries.get(path.toLowerCase(Locale.ROOT));
                if (entry == null || !safeName(entry.getName()).equals(path)) {
                    throw new ClientException(DESCRIPTOR + " lists " + path + ", which is not in the archive");
                }
                String fileName = required(doc, "NazwaPliku");
                Path target = folder.resolve(String.format(Locale.ROOT, "%05d-%s", documents.size() + 1, localName(fileName)));
                long size = store(file, entry, target, budget, limits.maxEntryBytes(), written);
                Element entity = SoapCall.child(doc, "DanePodmiotu");
                String pesel = entity == null ? null : text(entity, "Pesel");
                documents.add(new ExportedDocument(fileName, path, target, size,
                        entity == null ? null : text(entity, "Identyfikator"), entity == null ? null : text(entity, "NazwiskoNazwa"),
                        pesel != null && Pesel.isValid(pesel) ? Pesel.parse(pesel) : null, text(doc, "DataNadania"),
                        text(doc, "NazwaSkrytki"), text(doc, "AdresSkrytki"), text(doc, "AdresOdpowiedzi"),
                        text(doc, "DaneDodatkowe")));
            }
            done = true;
            return documents;
        } catch (ZipException e) {
            throw new UnsafeArchiveException("not a readable ZIP archive: " + describe(e), e);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + zip, zip, e);
        } finally {
            if (!done) {
                for (Path p : written) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // best effort: the failure being reported matters more
                    }
                }
            }
        }
    }

    /** Every entry by its safe name in lower case; equal or case-equal names and too many entries are refused. */
    private static Map<String, ZipEntry> entries(ZipFile file, Limits limits) {
        Map<String, ZipEntry> entries = new HashMap<>();
        int count = 0;
        for (ZipEntry entry : Collections.list(file.entries())) {
            if (++count > limits.maxEntries()) {
                throw new UnsafeArchiveException("the archive has more than " + limits.maxEntries() + " entries", null);
            }
            String name = safeName(entry.getName());
            ZipEntry before = entries.put(name.toLowerCase(Locale.ROOT), entry);
            if (before != null) {
                throw new UnsafeArchiveException("the archive has two entries named " + name
                        + (safeName(before.getName()).equals(name) ? "" : " and " + safeName(before.getName()))
                        + ": one would hide or overwrite the other", null);
            }
        }
        return entries;
    }

    private static void prepare(Path folder) {
        try {
            Files.createDirectories(folder);
            try (java.util.stream.Stream<Path> in = Files.list(folder)) {
                if (in.findAny().isPresent()) {
                    throw new ClientException("the folder to extract into is not empty: " + folder);
                }
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot use " + folder + " to extract into", folder, e);
        }
    }

    /** Decompresses one entry into a file beside the target, then moves it into place. */
    private static long store(ZipFile file, ZipEntry entry, Path target, Budget budget, long maxBytes, List<Path> written)
            throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        written.add(part);
        long size;
        OutputStream raw;
        try {
            raw = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw localDisk(part, e);
        }
        try (LocalOutput out = new LocalOutput(raw, part)) {
            size = copy(file, entry, out, budget, maxBytes);
        }
        written.add(target);
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw localDisk(target, e);
        }
        return size;
    }

    /** Copies one entry's decompressed bytes, counting what really comes out against every bound. */
    private static long copy(ZipFile file, ZipEntry entry, OutputStream out, Budget budget, long maxBytes) throws IOException {
        String name = safeName(entry.getName());
        long compressed = Math.max(1, entry.getCompressedSize());
        try (InputStream in = file.getInputStream(entry)) {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                read += n;
                if (read > maxBytes) {
                    throw new UnsafeArchiveException(name + " decompresses to more than " + maxBytes + " bytes", null);
                }
                if (read > RATIO_FLOOR && read / compressed > budget.limits.maxCompressionRatio()) {
                    throw new UnsafeArchiveException(name + " expands more than " + budget.limits.maxCompressionRatio()
                            + " times its compressed size: a zip bomb", null);
                }
                budget.take(n);
                out.write(buffer, 0, n);
            }
            return read;
        }
    }

    /** What the whole archive may still decompress to. */
    private static final class Budget {
        final Limits limits;
        final long archiveSize;
        long total;

        Budget(Limits limits, long archiveSize) {
            this.limits = limits;
            this.archiveSize = Math.max(1, archiveSize);
        }

        void take(long bytes) {
            total += bytes;
            if (total > limits.maxTotalBytes()) {
                throw new UnsafeArchiveException("the archive decompresses to more than " + limits.maxTotalBytes() + " bytes", null);
            }
            if (total > RATIO_FLOOR && total / archiveSize > limits.maxCompressionRatio()) {
                throw new UnsafeArchiveException("the archive's entries expand more than " + limits.maxCompressionRatio()
                        + " times the archive's " + archiveSize + " bytes: a zip bomb", null);
            }
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

    /** A file name safe on every file system: letters (Polish ones too), digits, '.', '-' and '_' only. */
    static String localName(String fileName) {
        String last = fileName.substring(fileName.replace('\\', '/').lastIndexOf('/') + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < last.length() && b.length() < 100; i++) {
            char c = last.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String s = b.toString().replaceAll("^\\.+", "_");
        return s.isEmpty() ? "document" : s;
    }

    private static ClientException localDisk(Path file, IOException e) {
        return new LocalFileException("cannot write " + file + " (not the archive's fault)", file, e);
    }

    /** Output whose failures are reported as what they are: a local disk error, never a damaged archive. */
    private static final class LocalOutput extends java.io.FilterOutputStream {
        private final Path file;

        LocalOutput(OutputStream out, Path file) {
            super(out);
            this.file = file;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw localDisk(file, e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw localDisk(file, e);
            }
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
