package dev.okienko.signature;

import dev.okienko.core.LocalFileException;
import dev.okienko.core.PrintableText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A document to sign or verify, or a signed document: bytes in memory or a file on disk. A file is read
 * when needed and, where the format allows (detached XAdES, PAdES with temp-file resources), streamed
 * rather than loaded whole.
 */
public final class Content {
    private final String name;
    private final byte @Nullable [] bytes;
    private final @Nullable Path file;

    private Content(String name, byte @Nullable [] bytes, @Nullable Path file) {
        this.name = Objects.requireNonNull(name, "name");
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * @param bytes the document (not copied: do not change it afterwards)
     * @param name its file name, e.g. {@code pismo.xml}; it appears in signatures and reports
     * @return the content
     */
    public static Content of(byte[] bytes, String name) {
        return new Content(name, Objects.requireNonNull(bytes, "bytes"), null);
    }

    /**
     * @param file a readable file; its name is used as the document name
     * @return the content
     * @throws IllegalArgumentException when the path is not a readable regular file: it does not exist, is a
     *     directory, or is a device, pipe or socket (whose content has no end, such as {@code /dev/zero}); the
     *     message says which
     */
    public static Content of(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(PrintableText.of("no such file: " + file));
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(PrintableText.of(file + " is a directory, not a file"));
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(PrintableText.of(file
                    + " is not a regular file (a device, pipe or socket): okienko reads documents from files only"));
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(PrintableText.of(file + " cannot be read (permissions)"));
        }
        Path name = file.getFileName();
        return new Content(name == null ? file.toString() : name.toString(), null, file);
    }

    /** @return the document name */
    public String name() {
        return name;
    }

    /** @return the file behind this content, when it is one */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** @return the size in bytes */
    public long size() {
        if (bytes != null) {
            return bytes.length;
        }
        try {
            return Files.size(Objects.requireNonNull(file));
        } catch (IOException e) {
            throw new LocalFileException("cannot read the size of " + file, Objects.requireNonNull(file), e);
        }
    }

    /** @return a new stream over the content; the caller closes it */
    public InputStream openStream() {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        try {
            return Files.newInputStream(Objects.requireNonNull(file));
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, Objects.requireNonNull(file), e);
        }
    }

    /**
     * Reads the whole content into memory; prefer {@link #openStream()} or {@link #writeTo(Path)} for large
     * documents.
     *
     * @return the bytes (a copy when the content is in memory)
     */
    public byte[] toBytes() {
        if (bytes != null) {
            return bytes.clone();
        }
        try {
            return Files.readAllBytes(Objects.requireNonNull(file));
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, Objects.requireNonNull(file), e);
        }
    }

    /**
     * @param target where to write the content
     * @return {@code target}
     */
    public Path writeTo(Path target) {
        try (OutputStream out = Files.newOutputStream(target); InputStream in = openStream()) {
            in.transferTo(out);
            return target;
        } catch (IOException e) {
            throw new LocalFileException("cannot write " + name + " to " + target, target, e);
        }
    }

    @Override
    public String toString() {
        return "Content[" + name + ", " + (bytes != null ? bytes.length + " bytes" : "file " + file) + "]";
    }
}
