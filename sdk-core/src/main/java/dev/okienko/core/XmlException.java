package dev.okienko.core;

import org.jspecify.annotations.Nullable;

/**
 * An XML input could not be read: it is not well-formed, does not fit the expected structure, or (see
 * {@link XmlSecurityException}) it tried something hostile. Line and column point at the defect when the
 * parser knew them.
 */
public class XmlException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * @param message what is wrong
     * @param line the line of the defect, or -1
     * @param column the column of the defect, or -1
     * @param cause the parser's exception
     */
    public XmlException(String message, int line, int column, @Nullable Throwable cause) {
        super(message + (line > 0 ? " (line " + line + (column > 0 ? ", column " + column : "") + ")" : ""), cause);
        this.line = line;
        this.column = column;
    }

    /** @return the line of the defect, or -1 when unknown */
    public int line() {
        return line;
    }

    /** @return the column of the defect, or -1 when unknown */
    public int column() {
        return column;
    }
}
