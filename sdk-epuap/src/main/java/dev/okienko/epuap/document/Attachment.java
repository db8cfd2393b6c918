package dev.okienko.epuap.document;

import dev.okienko.core.PrintableText;
import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An attachment of a document ({@code str:Zalacznik}): carried inline (base64) or referenced by URI, e.g. a
 * large file in ePUAP's file repository. Equal when name, type, description and content (or URI) are equal.
 */
public final class Attachment {
    private final String fileName;
    private final String mimeType;
    private final @Nullable String description;
    private final byte @Nullable [] data;
    private final @Nullable URI uri;

    private Attachment(String fileName, String mimeType, @Nullable String description, byte @Nullable [] data, @Nullable URI uri) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("an attachment needs a file name (nazwaPliku)");
        }
        this.description = description;
        this.data = data;
        this.uri = uri;
    }

    /**
     * @param fileName its file name (nazwaPliku)
     * @param mimeType its type (format), e.g. {@code application/pdf}
     * @param content the file
     * @param description a description (OpisZalacznika), or null
     * @return an attachment carried inside the document, base64-encoded
     */
    public static Attachment inline(String fileName, String mimeType, byte[] content, @Nullable String description) {
        return new Attachment(fileName, mimeType, description, Objects.requireNonNull(content, "content").clone(), null);
    }

    /**
     * @param fileName its file name (nazwaPliku)
     * @param mimeType its type (format)
     * @param location where it can be fetched (DaneZalacznika)
     * @param description a description (OpisZalacznika), e.g. the file's digest, or null
     * @return an attachment referenced by URI
     */
    public static Attachment byReference(String fileName, String mimeType, URI location, @Nullable String description) {
        return new Attachment(fileName, mimeType, description, null, Objects.requireNonNull(location, "location"));
    }

    /** @return the file name (untrusted when read from a received document: never use it as a path as it is) */
    public String fileName() {
        return fileName;
    }

    /** @return the type */
    public String mimeType() {
        return mimeType;
    }

    /** @return the description, if any */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** @return the content (a copy), when carried inline */
    public Optional<byte[]> content() {
        return Optional.ofNullable(data).map(byte[]::clone);
    }

    /** @return where the content is, when referenced */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Attachment a && fileName.equals(a.fileName) && mimeType.equals(a.mimeType)
                && Objects.equals(description, a.description) && Arrays.equals(data, a.data) && Objects.equals(uri, a.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, mimeType, description, Arrays.hashCode(data), uri);
    }

    @Override
    public String toString() {
        return PrintableText.of("Attachment[" + fileName + ", " + mimeType + ", "
                + (data != null ? data.length + " bytes inline" : "at " + uri) + "]");
    }
}
