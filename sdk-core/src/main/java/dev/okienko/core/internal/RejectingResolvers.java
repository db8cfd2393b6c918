package dev.okienko.core.internal;

import dev.okienko.core.XmlException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.URIResolver;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.EntityResolver;
import org.xml.sax.SAXException;

/** Resolvers that refuse to fetch anything, installed on every parser SecureXml makes. */
public final class RejectingResolvers {
    /** Refuses every external entity and DTD. */
    public static final EntityResolver ENTITY_RESOLVER = (publicId, systemId) -> {
        throw new SAXException(XmlErrors.externalResource("entity or DTD", systemId));
    };

    /** Refuses every external entity and DTD met by StAX. */
    public static final XMLResolver STAX_RESOLVER = (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException("refused", null, XmlErrors.externalResource("entity or DTD", systemId));
    };

    /** Refuses every stylesheet import, include and {@code document()} call. */
    public static final URIResolver URI_RESOLVER = (href, base) -> {
        throw new TransformerException(XmlErrors.externalResource("stylesheet or document", href));
    };

    /** Refuses every schema import and include. */
    public static final LSResourceResolver RESOURCE_RESOLVER = (type, namespace, publicId, systemId, baseUri) -> {
        throw XmlErrors.externalResource("schema", systemId);
    };

    private RejectingResolvers() {
    }

    /**
     * @param root a local folder
     * @return a schema resolver that serves files under {@code root} and refuses everything else
     */
    public static LSResourceResolver localFilesUnder(Path root) {
        Path normalRoot = root.toAbsolutePath().normalize();
        return (type, namespace, publicId, systemId, baseUri) -> {
            if (systemId == null) {
                throw XmlErrors.externalResource("schema without location", namespace);
            }
            Path file;
            try {
                URI base = baseUri == null ? normalRoot.toUri() : new URI(baseUri);
                URI resolved = base.resolve(new URI(systemId));
                if (!"file".equals(resolved.getScheme())) {
                    throw XmlErrors.externalResource("schema", systemId);
                }
                file = Path.of(resolved).toAbsolutePath().normalize();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw XmlErrors.externalResource("schema", systemId);
            }
            if (!file.startsWith(normalRoot) || !Files.isRegularFile(file)) {
                throw XmlErrors.externalResource("schema outside " + normalRoot, systemId);
            }
            try {
                return new BytesInput(publicId, file.toUri().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new XmlException("cannot read schema " + file + ": " + e.getMessage(), -1, -1, e);
            }
        };
    }

    private static final class BytesInput implements LSInput {
        private @Nullable String publicId;
        private @Nullable String systemId;
        private final byte[] bytes;

        BytesInput(@Nullable String publicId, String systemId, byte[] bytes) {
            this.publicId = publicId;
            this.systemId = systemId;
            this.bytes = bytes;
        }

        @Override public @Nullable Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(@Nullable Reader characterStream) { }
        @Override public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
        @Override public void setByteStream(@Nullable InputStream byteStream) { }
        @Override public @Nullable String getStringData() { return null; }
        @Override public void setStringData(@Nullable String stringData) { }
        @Override public @Nullable String getSystemId() { return systemId; }
        @Override public void setSystemId(@Nullable String systemId) { this.systemId = systemId; }
        @Override public @Nullable String getPublicId() { return publicId; }
        @Override public void setPublicId(@Nullable String publicId) { this.publicId = publicId; }
        @Override public @Nullable String getBaseURI() { return systemId; }
        @Override public void setBaseURI(@Nullable String baseURI) { }
        @Override public @Nullable String getEncoding() { return null; }
        @Override public void setEncoding(@Nullable String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
