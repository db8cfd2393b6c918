package dev.okienko.testkit.epuap.internal;

import dev.okienko.testkit.epuap.InboxDocument;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The embedded ePUAP's inboxes: documents in boxes, oldest first. Kept either in memory or on disk, where a
 * simulator started again on the same folder finds them as they were. Every operation is atomic with respect
 * to the others (the methods are synchronized), so a confirmation cannot remove a document another request is
 * adding behind it.
 */
public abstract class InboxStore {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** @return inboxes that live as long as the simulator */
    public static InboxStore inMemory() {
        return new Memory();
    }

    /**
     * @param folder where the boxes are kept: a folder per box, two files per document
     * @return inboxes on disk, with whatever the folder already holds
     */
    public static InboxStore onDisk(Path folder) {
        return new Disk(folder);
    }

    /** @return whether the box exists */
    public abstract boolean exists(String box);

    /** Creates the box if it does not exist. */
    public abstract void create(String box);

    /** @return the box's documents, oldest first, empty when the box does not exist */
    public abstract List<InboxDocument> list(String box);

    /** @return the box's first (oldest) document, or null when it is empty or does not exist */
    public synchronized @Nullable InboxDocument first(String box) {
        List<InboxDocument> docs = list(box);
        return docs.isEmpty() ? null : docs.get(0);
    }

    /** @return how many documents the box holds */
    public synchronized int count(String box) {
        return list(box).size();
    }

    /** Puts a document at the end of an existing box. */
    public abstract void add(String box, InboxDocument document);

    /**
     * @return the first document, removed, when there is one and it passes the test; otherwise null
     */
    public abstract @Nullable InboxDocument removeFirstIf(String box, Predicate<InboxDocument> test);

    /** Removes every document that passes the test. */
    public abstract void removeIf(String box, Predicate<InboxDocument> test);

    /**
     * @return the highest number in any stored document id, 0 when there is none (ids must not repeat after a
     *     restart); reads no document's content
     */
    public synchronized long highestId() {
        long highest = 0;
        for (String box : boxes()) {
            for (String id : documentIds(box)) {
                Matcher m = DIGITS.matcher(id);
                while (m.find()) {
                    if (m.group().length() < 19) {
                        highest = Math.max(highest, Long.parseLong(m.group()));
                    }
                }
            }
        }
        return highest;
    }

    /** @return the boxes */
    protected abstract List<String> boxes();

    /** @return the ids of the box's documents, without reading their content */
    protected abstract List<String> documentIds(String box);

    private static final class Memory extends InboxStore {
        private final Map<String, List<InboxDocument>> boxes = new LinkedHashMap<>();

        @Override
        public synchronized boolean exists(String box) {
            return boxes.containsKey(box);
        }

        @Override
        public synchronized void create(String box) {
            boxes.putIfAbsent(box, new ArrayList<>());
        }

        @Override
        public synchronized List<InboxDocument> list(String box) {
            return List.copyOf(boxes.getOrDefault(box, List.of()));
        }

        @Override
        public synchronized void add(String box, InboxDocument document) {
            existing(box).add(document);
        }

        @Override
        public synchronized @Nullable InboxDocument removeFirstIf(String box, Predicate<InboxDocument> test) {
            List<InboxDocument> docs = existing(box);
            return !docs.isEmpty() && test.test(docs.get(0)) ? docs.remove(0) : null;
        }

        @Override
        public synchronized void removeIf(String box, Predicate<InboxDocument> test) {
            existing(box).removeIf(test);
        }

        @Override
        protected synchronized List<String> boxes() {
            return List.copyOf(boxes.keySet());
        }

        @Override
        protected synchronized List<String> documentIds(String box) {
            return list(box).stream().map(InboxDocument::documentId).toList();
        }

        private List<InboxDocument> existing(String box) {
            List<InboxDocument> docs = boxes.get(box);
            if (docs == null) {
                throw new IllegalStateException("no box " + box);
            }
            return docs;
        }
    }

    /**
     * A folder per box, named by the box address percent-encoded (so it holds no separator); in it, each
     * document as {@code NNNNNNNNNNNN.bin} (the content) and {@code NNNNNNNNNNNN.properties} (what came with
     * it), numbered in order of arrival. The content is written first and the properties last, each through a
     * temporary file moved into place, so a document is either there whole or not at all.
     */
    private static final class Disk extends InboxStore {
        private static final String META = ".properties";
        private final Path folder;
        private final Map<String, Long> lastNumber = new HashMap<>();

        Disk(Path folder) {
            this.folder = folder;
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the inbox folder " + folder, e);
            }
        }

        @Override
        public synchronized boolean exists(String box) {
            return Files.isDirectory(dir(box));
        }

        @Override
        public synchronized void create(String box) {
            try {
                Files.createDirectories(dir(box));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the box folder for " + box, e);
            }
        }

        @Override
        public synchronized List<InboxDocument> list(String box) {
            List<InboxDocument> docs = new ArrayList<>();
            for (Path meta : entries(box)) {
                docs.add(read(meta));
            }
            return docs;
        }

        @Override
        public synchronized void add(String box, InboxDocument document) {
            Path dir = existing(box);
            long number = lastNumber.computeIfAbsent(box, b -> {
                List<Path> entries = entries(b);
                return entries.isEmpty() ? 0L : number(entries.get(entries.size() - 1));
            }) + 1;
            lastNumber.put(box, number);
            String name = String.format("%012d", number);
            Properties p = new Properties();
            p.setProperty("documentId", document.documentId());
            p.setProperty("senderEntityId", document.senderEntityId());
            p.setProperty("replyTo", document.replyTo());
            p.setProperty("fileName", document.fileName());
            p.setProperty("mimeType", document.mimeType());
            p.setProperty("received", document.received().toString());
            try {
                write(dir.resolve(name + ".bin"), document.content());
                Path partial = dir.resolve(name + META + ".part");
                try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    p.store(w, null);
                }
                Files.move(partial, dir.resolve(name + META), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store document " + document.documentId() + " in " + box, e);
            }
        }

        @Override
        public synchronized @Nullable InboxDocument first(String box) {
            List<Path> entries = entries(box);
            return entries.isEmpty() ? null : read(entries.get(0));
        }

        @Override
        public synchronized int count(String box) {
            return entries(box).size();
        }

        @Override
        public synchronized @Nullable InboxDocument removeFirstIf(String box, Predicate<InboxDocument> test) {
            List<Path> entries = entries(existingBox(box));
            if (entries.isEmpty()) {
                return null;
            }
            InboxDocument first = read(entries.get(0));
            if (!test.test(first)) {
                return null;
            }
            delete(entries.get(0));
            return first;
        }

        @Override
        public synchronized void removeIf(String box, Predicate<InboxDocument> test) {
            for (Path meta : entries(existingBox(box))) {
                if (test.test(read(meta))) {
                    delete(meta);
                }
            }
        }

        @Override
        protected synchronized List<String> boxes() {
            try (Stream<Path> dirs = Files.list(folder)) {
                return dirs.filter(Files::isDirectory)
                        .map(d -> URLDecoder.decode(d.getFileName().toString(), StandardCharsets.UTF_8)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }

        @Override
        protected synchronized List<String> documentIds(String box) {
            return entries(box).stream().map(meta -> properties(meta).getProperty("documentId")).toList();
        }

        private Path dir(String box) {
            return folder.resolve(URLEncoder.encode(box, StandardCharsets.UTF_8));
        }

        private String existingBox(String box) {
            existing(box);
            return box;
        }

        private Path existing(String box) {
            Path dir = dir(box);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("no box " + box);
            }
            return dir;
        }

        private List<Path> entries(String box) {
            Path dir = dir(box);
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().endsWith(META)).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the box " + box, e);
            }
        }

        private static long number(Path meta) {
            String name = meta.getFileName().toString();
            return Long.parseLong(name.substring(0, name.length() - META.length()));
        }

        private static Path content(Path meta) {
            String name = meta.getFileName().toString();
            return meta.resolveSibling(name.substring(0, name.length() - META.length()) + ".bin");
        }

        private static Properties properties(Path meta) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                p.load(r);
                return p;
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("the stored document " + meta + " cannot be read", e);
            }
        }

        private static InboxDocument read(Path meta) {
            Properties p = properties(meta);
            try {
                return new InboxDocument(p.getProperty("documentId"), p.getProperty("senderEntityId"), p.getProperty("replyTo"),
                        p.getProperty("fileName"), p.getProperty("mimeType"), Files.readAllBytes(content(meta)),
                        Instant.parse(p.getProperty("received")));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("the stored document " + meta + " cannot be read", e);
            }
        }

        private static void delete(Path meta) {
            try {
                Files.delete(meta);
                Files.deleteIfExists(content(meta));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + meta, e);
            }
        }

        private static void write(Path target, byte[] content) throws IOException {
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
