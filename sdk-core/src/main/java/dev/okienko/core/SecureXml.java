package dev.okienko.core;

import dev.okienko.core.internal.DoctypeRejectingReader;
import dev.okienko.core.internal.RejectingResolvers;
import dev.okienko.core.internal.XmlErrors;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The one place okienko makes XML parsers. Every factory it hands out is the JDK's own implementation
 * (never whatever else is on the class path) configured so that an XML input cannot reach anything but
 * itself:
 * <ul>
 *   <li>document type declarations are refused ({@link XmlSecurityException.Threat#DOCTYPE}), and with them
 *       external entities, parameter entities and entity-expansion bombs ("billion laughs");</li>
 *   <li>external DTDs, schemas and stylesheets are never fetched ({@link XMLConstants#ACCESS_EXTERNAL_DTD},
 *       {@link XMLConstants#ACCESS_EXTERNAL_SCHEMA}, {@link XMLConstants#ACCESS_EXTERNAL_STYLESHEET} empty,
 *       plus resolvers that refuse);</li>
 *   <li>XInclude is off; secure processing is on; entity expansions ({@value #ENTITY_EXPANSION_LIMIT}) and
 *       element depth ({@value #MAX_ELEMENT_DEPTH}) are bounded as a second line of defence.</li>
 * </ul>
 * Parse errors come out as {@link XmlException} with line and column; refused inputs as
 * {@link XmlSecurityException} naming the threat. All methods are thread-safe; the factories returned are
 * new instances the caller owns.
 */
public final class SecureXml {
    /** The most entity expansions any parser performs. */
    public static final int ENTITY_EXPANSION_LIMIT = 100;
    /** The deepest element nesting any parser accepts. */
    public static final int MAX_ELEMENT_DEPTH = 512;
    private static final String XSLT_NAMESPACE = "http://www.w3.org/1999/XSL/Transform";

    private static final String JDK_ENTITY_EXPANSION_LIMIT = "jdk.xml.entityExpansionLimit";
    private static final String JDK_MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";
    private static final String FEATURE_DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private SecureXml() {
    }

    // ---------------------------------------------------------------- DOM

    /**
     * @return a new namespace-aware DOM factory, hardened as described above
     */
    public static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(FEATURE_DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute(JDK_ENTITY_EXPANSION_LIMIT, Integer.toString(ENTITY_EXPANSION_LIMIT));
            f.setAttribute(JDK_MAX_ELEMENT_DEPTH, Integer.toString(MAX_ELEMENT_DEPTH));
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's DOM parser refused a hardening setting", e);
        }
        return f;
    }

    /**
     * @return a new hardened DOM builder that also refuses any entity resolution
     */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilder builder = documentBuilderFactory().newDocumentBuilder();
            builder.setEntityResolver(RejectingResolvers.ENTITY_RESOLVER);
            builder.setErrorHandler(XmlErrors.STRICT_ERROR_HANDLER);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot make a DOM builder", e);
        }
    }

    /**
     * Parses XML into a namespace-aware DOM. The stream is read to its end but not closed.
     *
     * @param in the XML
     * @return the document
     * @throws XmlSecurityException when the input is refused
     * @throws XmlException when it is not well-formed or cannot be read
     */
    public static Document parse(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            return newDocumentBuilder().parse(new InputSource(in));
        } catch (SAXException | IOException e) {
            throw XmlErrors.translate(e);
        }
    }

    /**
     * @param xml the XML bytes
     * @return the document
     * @throws XmlException as {@link #parse(InputStream)}
     */
    public static Document parse(byte[] xml) {
        return parse(new ByteArrayInputStream(xml));
    }

    /**
     * @param file an XML file
     * @return the document
     * @throws XmlException as {@link #parse(InputStream)}, also when the file cannot be read
     */
    public static Document parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new XmlException("cannot read " + file + ": " + e.getMessage(), -1, -1, e);
        }
    }

    // ---------------------------------------------------------------- SAX

    /**
     * @return a new namespace-aware SAX factory, hardened as described above
     */
    public static SAXParserFactory saxParserFactory() {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(FEATURE_DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser refused a hardening setting", e);
        }
        return f;
    }

    /**
     * @return a new hardened SAX reader with a refusing entity resolver and limits set
     */
    public static XMLReader newXmlReader() {
        try {
            XMLReader reader = saxParserFactory().newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            reader.setProperty(JDK_ENTITY_EXPANSION_LIMIT, Integer.toString(ENTITY_EXPANSION_LIMIT));
            reader.setProperty(JDK_MAX_ELEMENT_DEPTH, Integer.toString(MAX_ELEMENT_DEPTH));
            reader.setEntityResolver(RejectingResolvers.ENTITY_RESOLVER);
            reader.setErrorHandler(XmlErrors.STRICT_ERROR_HANDLER);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot make a SAX reader", e);
        }
    }

    /**
     * @param in the XML
     * @return a source that reads {@code in} with a hardened SAX reader, for JAXB, transformers and validators
     */
    public static SAXSource saxSource(InputStream in) {
        return new SAXSource(newXmlReader(), new InputSource(Objects.requireNonNull(in, "in")));
    }

    // ---------------------------------------------------------------- StAX

    /**
     * A hardened StAX factory. Note that a StAX parser reports a DOCTYPE as an event instead of failing;
     * {@link #newXmlStreamReader(InputStream)} wraps the reader to refuse it, so prefer that method.
     *
     * @return a new StAX input factory with DTD support and external entities off
     */
    public static XMLInputFactory xmlInputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(JDK_ENTITY_EXPANSION_LIMIT, Integer.toString(ENTITY_EXPANSION_LIMIT));
        f.setProperty(JDK_MAX_ELEMENT_DEPTH, Integer.toString(MAX_ELEMENT_DEPTH));
        f.setXMLResolver(RejectingResolvers.STAX_RESOLVER);
        return f;
    }

    /**
     * A hardened StAX reader that throws {@link XmlSecurityException} (wrapped in nothing: it is unchecked)
     * as soon as it meets a DOCTYPE, and {@link XmlException} for malformed input.
     *
     * @param in the XML
     * @return the reader; closing it does not close {@code in}
     */
    public static XMLStreamReader newXmlStreamReader(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            return new DoctypeRejectingReader(xmlInputFactory().createXMLStreamReader(in));
        } catch (XMLStreamException e) {
            throw XmlErrors.translate(e);
        }
    }

    // ---------------------------------------------------------------- JAXB

    /**
     * Unmarshals XML with a hardened SAX reader underneath, whatever the unmarshaller's defaults.
     *
     * @param unmarshaller from the caller's {@code JAXBContext}
     * @param in the XML
     * @param type the expected root type
     * @param <T> the root type
     * @return the value of the root element
     * @throws XmlSecurityException when the input is refused
     * @throws XmlException when it is malformed or does not fit the JAXB model
     */
    public static <T> T unmarshal(Unmarshaller unmarshaller, InputStream in, Class<T> type) {
        try {
            return unmarshaller.unmarshal(saxSource(in), type).getValue();
        } catch (JAXBException e) {
            throw XmlErrors.translate(e);
        }
    }

    // ---------------------------------------------------------------- Transformer

    /**
     * A transformer factory with secure processing on (no extension functions) and no access to external
     * stylesheets or DTDs; {@code document()}, {@code xsl:import} and {@code xsl:include} are refused.
     * Feed it a {@link javax.xml.transform.dom.DOMSource} from {@link #parse(InputStream)} or a
     * {@link #saxSource(InputStream)}, not a raw stream.
     *
     * @return a new hardened transformer factory
     */
    public static TransformerFactory transformerFactory() {
        TransformerFactory f = TransformerFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK's transformer refused secure processing", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        f.setURIResolver(RejectingResolvers.URI_RESOLVER);
        f.setErrorListener(XmlErrors.QUIET_ERROR_LISTENER);
        return f;
    }

    /**
     * @return a new hardened identity transformer, for serialising DOM trees
     */
    public static Transformer newTransformer() {
        try {
            Transformer t = transformerFactory().newTransformer();
            t.setURIResolver(RejectingResolvers.URI_RESOLVER);
            t.setErrorListener(XmlErrors.QUIET_ERROR_LISTENER);
            return t;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("cannot make an identity transformer", e);
        }
    }

    /**
     * Compiles a stylesheet read through the hardened parser. A stylesheet that imports or includes another
     * ({@code xsl:import}, {@code xsl:include}) is refused before it is compiled; one that calls
     * {@code document()} compiles, and the call is refused when it runs (use {@link #transform}).
     *
     * @param xslt the stylesheet
     * @return a transformer that cannot reach external resources
     * @throws XmlSecurityException when the stylesheet is hostile or loads other stylesheets
     * @throws XmlException when the stylesheet is malformed or not XSLT
     */
    public static Transformer newTransformer(InputStream xslt) {
        Document stylesheet = parse(xslt);
        for (String element : new String[] {"import", "include"}) {
            NodeList loads = stylesheet.getElementsByTagNameNS(XSLT_NAMESPACE, element);
            if (loads.getLength() > 0) {
                throw XmlErrors.externalResource("stylesheet: xsl:" + element + " href=\""
                        + ((org.w3c.dom.Element) loads.item(0)).getAttribute("href") + "\"", null);
            }
        }
        try {
            Transformer t = transformerFactory().newTransformer(new javax.xml.transform.dom.DOMSource(stylesheet));
            t.setURIResolver(RejectingResolvers.URI_RESOLVER);
            t.setErrorListener(XmlErrors.QUIET_ERROR_LISTENER);
            return t;
        } catch (TransformerConfigurationException e) {
            throw XmlErrors.translate(e);
        }
    }

    /**
     * Runs a transformation, turning its failures into okienko's typed exceptions: a stylesheet that tried to
     * read a file or URL ({@code document()}) is an {@link XmlSecurityException} naming what it asked for,
     * anything else an {@link XmlException} in words, without the JDK's internal class names.
     *
     * @param transformer from {@link #newTransformer(InputStream)} or {@link #newTransformer()}
     * @param source the input
     * @param result where the output goes
     * @throws XmlException when the transformation fails
     */
    public static void transform(Transformer transformer, javax.xml.transform.Source source, javax.xml.transform.Result result) {
        try {
            transformer.transform(source, result);
        } catch (javax.xml.transform.TransformerException e) {
            throw XmlErrors.translate(e);
        }
    }

    // ---------------------------------------------------------------- Schema

    /**
     * A W3C XML Schema factory that never fetches anything: imports and includes fail unless the schema
     * is compiled with {@link #newSchema(Path)}, which allows local files under the schema's folder.
     *
     * @return a new hardened schema factory
     */
    public static SchemaFactory schemaFactory() {
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema factory refused a hardening setting", e);
        }
        f.setResourceResolver(RejectingResolvers.RESOURCE_RESOLVER);
        return f;
    }

    /**
     * Compiles a schema from a file. Its {@code xs:import} and {@code xs:include} may name other local files
     * in the same folder or below it; anything else (network, other folders) is refused.
     *
     * @param schemaFile the main schema file
     * @return the compiled schema, thread-safe
     * @throws XmlException when a schema is malformed, hostile, or imports something refused
     */
    public static Schema newSchema(Path schemaFile) {
        Path root = schemaFile.toAbsolutePath().normalize().getParent();
        if (root == null) {
            throw new XmlException("a schema file needs a folder: " + schemaFile, -1, -1, null);
        }
        SchemaFactory f = schemaFactory();
        f.setResourceResolver(RejectingResolvers.localFilesUnder(root));
        try (InputStream in = Files.newInputStream(schemaFile)) {
            StreamSource source = new StreamSource(in, schemaFile.toAbsolutePath().normalize().toUri().toString());
            return f.newSchema(new Source[] {source});
        } catch (SAXException e) {
            throw XmlErrors.translate(e);
        } catch (IOException e) {
            throw new XmlException("cannot read schema " + schemaFile + ": " + e.getMessage(), -1, -1, e);
        }
    }

    /**
     * @param schema a compiled schema
     * @return a validator that fetches nothing
     */
    public static Validator newValidator(Schema schema) {
        Validator v = schema.newValidator();
        try {
            v.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's validator refused a hardening setting", e);
        }
        v.setResourceResolver(RejectingResolvers.RESOURCE_RESOLVER);
        return v;
    }

    /**
     * Validates a document against a schema.
     *
     * @param schema the schema
     * @param document a document, e.g. from {@link #parse(InputStream)}
     * @throws XmlException naming the first violation, with its line when known
     */
    public static void validate(Schema schema, Document document) {
        try {
            newValidator(schema).validate(new javax.xml.transform.dom.DOMSource(document));
        } catch (SAXException e) {
            throw XmlErrors.translate(e);
        } catch (IOException e) {
            throw new XmlException("cannot validate: " + e.getMessage(), -1, -1, e);
        }
    }
}
