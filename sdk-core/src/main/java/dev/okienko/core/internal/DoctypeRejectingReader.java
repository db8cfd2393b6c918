package dev.okienko.core.internal;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * A StAX reader that refuses a DOCTYPE, entity references and declarations as soon as it meets them (a StAX
 * parser reports them as events instead of failing), and reports malformed input as okienko's
 * {@code XmlException}.
 */
public final class DoctypeRejectingReader extends StreamReaderDelegate {
    /** @param reader the JDK's reader, from a factory hardened by {@code SecureXml} */
    public DoctypeRejectingReader(XMLStreamReader reader) {
        super(reader);
    }

    @Override
    public int next() throws XMLStreamException {
        int event;
        try {
            event = super.next();
        } catch (XMLStreamException e) {
            throw XmlErrors.translate(e);
        }
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE
                || event == XMLStreamConstants.ENTITY_DECLARATION || event == XMLStreamConstants.NOTATION_DECLARATION) {
            throw XmlErrors.doctype(getLocation().getLineNumber(), getLocation().getColumnNumber());
        }
        return event;
    }

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while ((event == XMLStreamConstants.CHARACTERS && isWhiteSpace())
                || (event == XMLStreamConstants.CDATA && isWhiteSpace())
                || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                || event == XMLStreamConstants.COMMENT) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected a start or end tag", getLocation());
        }
        return event;
    }

    @Override
    public String getElementText() throws XMLStreamException {
        if (getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new XMLStreamException("not at a start element", getLocation());
        }
        StringBuilder text = new StringBuilder();
        int event = next();
        while (event != XMLStreamConstants.END_ELEMENT) {
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(getText());
            } else if (event != XMLStreamConstants.PROCESSING_INSTRUCTION && event != XMLStreamConstants.COMMENT) {
                throw new XMLStreamException("element text contains markup", getLocation());
            }
            event = next();
        }
        return text.toString();
    }
}
