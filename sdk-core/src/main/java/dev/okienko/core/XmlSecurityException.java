package dev.okienko.core;

import org.jspecify.annotations.Nullable;

/**
 * An XML input was refused because it tried something okienko never allows: a document type declaration
 * (the carrier of external entities, parameter entities and entity-expansion bombs), access to an external
 * resource (entity, DTD, schema, stylesheet, XInclude), or a processing limit (entity expansions, element
 * depth, sizes). Nothing outside the input was read when this is thrown.
 */
public final class XmlSecurityException extends XmlException {
    private static final long serialVersionUID = 1L;

    /** What the input tried. */
    public enum Threat {
        /** A {@code <!DOCTYPE>}: DTDs, and with them every kind of entity, are refused. */
        DOCTYPE,
        /** A reference to an external resource (file, URL) that the parser would have had to fetch. */
        EXTERNAL_RESOURCE,
        /** A processing limit was exceeded (entity expansion, element depth, entity or attribute size). */
        LIMIT_EXCEEDED
    }

    private final Threat threat;

    /**
     * @param threat what the input tried
     * @param message what was refused
     * @param line the line, or -1
     * @param column the column, or -1
     * @param cause the parser's exception, if any
     */
    public XmlSecurityException(Threat threat, String message, int line, int column, @Nullable Throwable cause) {
        super(message, line, column, cause);
        this.threat = threat;
    }

    /** @return what the input tried */
    public Threat threat() {
        return threat;
    }
}
