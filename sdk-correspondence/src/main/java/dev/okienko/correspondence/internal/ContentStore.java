package dev.okienko.correspondence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Contents kept outside the database's rows, in a folder, each under its SHA-256 ({@code ab/cdef...}). A
 * content is streamed to a temporary file, flushed to disk, and moved into place: a crash leaves either the
 * whole file or a stray temporary one, never a half-written content under a hash. The same content is kept
 * once. Every read checks the size; {@link #verify} checks the hash too.
 */
public final class ContentStore {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    /** @param root the folder; made when missing */
    public ContentStore(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** A stored content: its SHA-256 (hex) and size. */
    public record Ref(String sha256, long size) {
    }

    /** @return the folder */
    public Path root() {
        return root;
    }

    /**
     * Stores a content.
     *
     * @param in the content; read to its end, not closed
     * @param maxBytes the most it may have
     * @return its hash and size
     * @throws TooLargeException when it has more than {@code maxBytes}
     * @throws IOException when it cannot be read or written (a local disk error)
     */
    public Ref put(InputStream in, long maxBytes) throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        Path tmp = Files.createTempFile(root.resolve("tmp"), "in-", ".part");
        try {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC), sha)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException(size, maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            Ref ref = new Ref(HexFormat.of().formatHex(sha.digest()), size);
            Path target = path(ref.sha256());
            Files.createDirectories(target.getParent());
            if (reuse(target, size)) {
                return ref;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                if (reuse(target, size)) {
                    return ref;
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return ref;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param ref a stored content
     * @return its bytes as a stream
     * @throws IOException when it is missing or has another size than recorded
     */
    public InputStream open(Ref ref) throws IOException {
        Path file = path(ref.sha256());
        if (!Files.exists(file)) {
            throw new IOException("content " + ref.sha256() + " is missing from the content store " + root);
        }
        long size = Files.size(file);
        if (size != ref.size()) {
            throw new IOException("content " + ref.sha256() + " in " + root + " has " + size + " bytes, not the "
                    + ref.size() + " recorded");
        }
        return Files.newInputStream(file);
    }

    /**
     * @param ref a stored content
     * @return its file, to send from
     * @throws IOException when it is missing or has another size than recorded
     */
    public Path file(Ref ref) throws IOException {
        open(ref).close();
        return path(ref.sha256());
    }

    /**
     * @param ref a stored content
     * @return whether its file still has that hash and size
     * @throws IOException when it cannot be read
     */
    public boolean verify(Ref ref) throws IOException {
        try (InputStream in = open(ref)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest()).equals(ref.sha256());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param ref a small stored content (a receipt)
     * @return its bytes, checked against its hash
     * @throws IOException when it is missing, has another size than recorded, or its bytes changed
     */
    public byte[] read(Ref ref) throws IOException {
        if (ref.size() > Integer.MAX_VALUE - 8) {
            throw new IOException("content " + ref.sha256() + " has " + ref.size() + " bytes: too large to read whole");
        }
        byte[] bytes;
        try (InputStream in = open(ref)) {
            bytes = in.readAllBytes();
        }
        try {
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!actual.equals(ref.sha256())) {
                throw new IOException("content " + ref.sha256() + " in " + root + " was changed on disk: its SHA-256 is now " + actual);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return bytes;
    }

    /**
     * Uses a file already there for the same content, marking it written now so that a deletion running at this
     * moment leaves it ({@link #setAside}).
     *
     * @return whether the file is there, whole, and now marked fresh
     */
    private static boolean reuse(Path target, long size) throws IOException {
        try {
            if (Files.size(target) != size) {
                return false;
            }
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false; // not there, or deleted just now: written anew
        }
    }

    /**
     * Moves a content's file aside, so that a writer storing the same content from now on writes it anew, and a
     * writer that reused it just before has marked it fresh. The caller then decides: {@link #restore} or delete
     * the returned file.
     *
     * @param sha256 the content's hash
     * @return the file, moved aside with its last-modified time; empty when there is no such file
     * @throws IOException when it cannot be moved
     */
    public Optional<Path> setAside(String sha256) throws IOException {
        Path file = path(sha256);
        Files.createDirectories(root.resolve("tmp"));
        Path aside = root.resolve("tmp").resolve("gone-" + sha256 + "-" + UUID.randomUUID());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(aside);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Puts a file set aside back, unless a writer has stored the same content anew meanwhile.
     *
     * @param sha256 the content's hash
     * @param aside the file {@link #setAside} returned
     * @throws IOException when it cannot be moved
     */
    public void restore(String sha256, Path aside) throws IOException {
        try {
            Files.move(aside, path(sha256), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(aside);
        }
    }

    private Path path(String sha256) {
        if (!HASH.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /** A content over its limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLargeException(long atLeast, long limit) {
            super("more than " + limit + " bytes (at least " + atLeast + ")");
            this.limit = limit;
        }

        /** @return the limit it went over */
        public long limit() {
            return limit;
        }
    }
}
