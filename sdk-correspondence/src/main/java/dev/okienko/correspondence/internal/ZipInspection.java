package dev.okienko.correspondence.internal;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Looks inside an incoming ZIP file (a plain archive, an ASiC container, an office document) for a zip bomb
 * before anything else opens it: too many entries, entries that share their compressed bytes (overlapping
 * entries, the trick of non-recursive bombs), ZIPs nested too deep, or more expanded bytes than its size
 * explains. Every entry is expanded once, into nothing, counting; the work stops at the limit, so a bomb costs
 * at most that many bytes of inflating and no memory.
 */
public final class ZipInspection {
    /** The most bytes all entries, at every depth, may expand to: 1 GiB. */
    public static final long MAX_EXPANDED = 1L << 30;
    /** The most expanded bytes per byte of the file, once the expanded bytes are over {@link #RATIO_FLOOR}. */
    public static final int MAX_RATIO = 100;
    /** Below this many expanded bytes (16 MiB) the ratio is not judged: small files of repeated text compress well. */
    public static final long RATIO_FLOOR = 16L << 20;
    /** The most entries, at every depth. */
    public static final int MAX_ENTRIES = 10_000;
    /** The most levels of ZIPs inside ZIPs, the file itself being the first. */
    public static final int MAX_DEPTH = 3;

    private ZipInspection() {
    }

    /**
     * @param head the file's first bytes
     * @return whether they start a ZIP (a local file header, or the end record of an empty ZIP)
     */
    public static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /**
     * @param file a ZIP file
     * @return what makes it dangerous or unreadable, or empty when it is an ordinary ZIP
     * @throws IOException when the file cannot be read from the disk
     */
    public static Optional<String> problem(Path file) throws IOException {
        long size = Files.size(file);
        Budget budget = new Budget(Math.min(MAX_EXPANDED, Math.max(RATIO_FLOOR, size * MAX_RATIO)), size);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long compressed = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                budget.entry();
                compressed += Math.max(0, entry.getCompressedSize());
                if (compressed > size) {
                    return Optional.of("a zip bomb: its entries' compressed sizes add up to more than the file's " + size
                            + " bytes, so entries overlap");
                }
            }
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    inspect(in, entry.getName(), 1, budget);
                }
            }
            return Optional.empty();
        } catch (Bomb b) {
            return Optional.of("a zip bomb: " + b.getMessage());
        } catch (ZipException e) {
            return Optional.of("not a readable ZIP: " + e.getMessage());
        }
    }

    private static void inspect(InputStream expanded, String name, int depth, Budget budget) throws IOException {
        InputStream in = new BufferedInputStream(new Counted(expanded, budget));
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (isZip(head)) {
            if (depth >= MAX_DEPTH) {
                throw new Bomb("ZIPs nested more than " + MAX_DEPTH + " deep (" + name + ")");
            }
            ZipInputStream inner = new ZipInputStream(in);
            try {
                for (ZipEntry e; (e = inner.getNextEntry()) != null; ) {
                    budget.entry();
                    inspect(inner, name + "/" + e.getName(), depth + 1, budget);
                }
            } catch (ZipException e) {
                throw new ZipException("the ZIP inside it, " + name + ": " + e.getMessage());
            }
            return;
        }
        byte[] sink = new byte[64 * 1024];
        while (in.read(sink) >= 0) {
            // counted by Counted
        }
    }

    /** The bytes and entries left. */
    private static final class Budget {
        private final long limit;
        private final long fileSize;
        private long used;
        private int entries;

        Budget(long limit, long fileSize) {
            this.limit = limit;
            this.fileSize = fileSize;
        }

        void charge(long n) {
            used += n;
            if (used > limit) {
                throw new Bomb(used >= MAX_EXPANDED ? "it expands to more than " + MAX_EXPANDED + " bytes"
                        : "it expands to more than " + limit + " bytes from " + fileSize + " (over " + MAX_RATIO + " to 1)");
            }
        }

        void entry() {
            if (++entries > MAX_ENTRIES) {
                throw new Bomb("more than " + MAX_ENTRIES + " entries");
            }
        }
    }

    /** Counts what is read against the budget. */
    private static final class Counted extends FilterInputStream {
        private final Budget budget;

        Counted(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                budget.charge(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                budget.charge(n);
            }
            return n;
        }

        @Override
        public void close() {
            // the entry's stream is closed by its owner
        }
    }

    /** The limit was crossed. */
    private static final class Bomb extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bomb(String message) {
            super(message, null, false, false);
        }
    }
}
