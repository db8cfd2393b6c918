package dev.okienko.core.internal;

import dev.okienko.core.XmlException;
import dev.okienko.core.XmlSecurityException;
import dev.okienko.core.XmlSecurityException.Threat;
import jakarta.xml.bind.JAXBException;
import java.util.Locale;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.ErrorListener;
import javax.xml.transform.SourceLocator;
import javax.xml.transform.TransformerException;
import org.jspecify.annotations.Nullable;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Turns the JDK's parser exceptions into okienko's typed XML exceptions. */
public final class XmlErrors {
    /** Treats errors (e.g. schema violations) and fatal errors alike; ignores warnings. */
    public static final ErrorHandler STRICT_ERROR_HANDLER = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // warnings do not make a document unreadable
        }

        @Override
        public void error(SAXParseException exception) throws SAXParseException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXParseException {
            throw exception;
        }
    };

    /** Prints nothing (the JDK's default listener writes to standard error); errors are thrown, warnings dropped. */
    public static final ErrorListener QUIET_ERROR_LISTENER = new ErrorListener() {
        @Override
        public void warning(TransformerException exception) {
            // a warning does not stop the transformation
        }

        @Override
        public void error(TransformerException exception) throws TransformerException {
            throw exception;
        }

        @Override
        public void fatalError(TransformerException exception) throws TransformerException {
            throw exception;
        }
    };

    private XmlErrors() {
    }

    /**
     * @param line the line, or -1
     * @param column the column, or -1
     * @return the exception for a refused document type declaration
     */
    public static XmlSecurityException doctype(int line, int column) {
        return new XmlSecurityException(Threat.DOCTYPE,
                "XML with a document type declaration (<!DOCTYPE>) is refused: DTDs and entities are never processed",
                line, column, null);
    }

    /**
     * @param what the kind of resource (entity, DTD, schema, stylesheet)
     * @param systemId where it pointed, if known
     * @return the exception for a refused external resource
     */
    public static XmlSecurityException externalResource(String what, @Nullable String systemId) {
        return new XmlSecurityException(Threat.EXTERNAL_RESOURCE,
                "XML refers to an external " + what + (systemId == null ? "" : " (" + systemId + ")")
                        + "; okienko never fetches external XML resources", -1, -1, null);
    }

    /**
     * Maps a parser exception to an {@link XmlException}; an okienko exception found in the cause chain
     * (thrown by one of the refusing resolvers) is returned as it is.
     *
     * @param e what the parser threw
     * @return the exception to throw
     */
    public static XmlException translate(Throwable e) {
        int line = -1;
        int column = -1;
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof XmlException x) {
                return x;
            }
            if (line < 0 && t instanceof SAXParseException p) {
                line = p.getLineNumber();
                column = p.getColumnNumber();
            } else if (line < 0 && t instanceof XMLStreamException s && s.getLocation() != null) {
                Location l = s.getLocation();
                line = l.getLineNumber();
                column = l.getColumnNumber();
            } else if (line < 0 && t instanceof TransformerException te && te.getLocator() != null) {
                SourceLocator l = te.getLocator();
                line = l.getLineNumber();
                column = l.getColumnNumber();
            }
            if (t.getMessage() != null) {
                messages.append(t.getMessage()).append('\n');
            }
        }
        String all = messages.toString();
        String lower = all.toLowerCase(Locale.ROOT);
        String first = firstLine(all);
        if (all.contains("disallow-doctype-decl")) {
            return doctype(line, column);
        }
        if (all.contains("JAXP0001") || all.contains("JAXP0002")) {
            return new XmlSecurityException(Threat.LIMIT_EXCEEDED,
                    "XML exceeds a processing limit: " + first, line, column, e);
        }
        String refused = refusedResource(e);
        if (refused != null) {
            return externalResource("stylesheet or document", refused);
        }
        if (lower.contains("accessexternal")) {
            return new XmlSecurityException(Threat.EXTERNAL_RESOURCE,
                    "XML refers to an external resource, which okienko never fetches: " + first, line, column, e);
        }
        return new XmlException("malformed XML: " + first, line, column, e);
    }

    /**
     * What a stylesheet tried to read, when the JDK's transformer refused it in its own words: a
     * FileNotFoundException for {@code document()} (the access restriction), "Invalid URI" for a resolver's
     * refusal.
     */
    private static @Nullable String refusedResource(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof java.io.FileNotFoundException && t.getMessage() != null) {
                return firstLine(t.getMessage());
            }
            String m = t.getMessage();
            int i = m == null ? -1 : m.indexOf("Invalid URI '");
            if (m != null && i >= 0) {
                String rest = m.substring(i + "Invalid URI '".length());
                int end = rest.indexOf('\'');
                return firstLine(end < 0 ? rest : rest.substring(0, end));
            }
        }
        return null;
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof JAXBException j && j.getLinkedException() != null && j.getLinkedException() != t) {
            return j.getLinkedException();
        }
        Throwable cause = t.getCause();
        return cause == t ? null : cause;
    }

    private static String firstLine(String messages) {
        int nl = messages.indexOf('\n');
        String s = nl < 0 ? messages : messages.substring(0, nl);
        return s.isEmpty() ? "unreadable input" : s;
    }
}
