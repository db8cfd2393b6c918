package dev.okienko.signature.internal;

import dev.okienko.core.SecureXml;
import dev.okienko.core.XmlException;
import dev.okienko.signature.Content;
import dev.okienko.signature.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * One streaming pass over an XML document before DSS sees it: okienko's hardened parser refuses hostile XML,
 * the depth and the number of elements are bounded (DSS builds a DOM and walks it recursively, so a deep or
 * huge document would otherwise end in a stack overflow or gigabytes of heap), and the signatures' shape is
 * recorded: where each {@code ds:Signature} sits and what its references point at. From that shape,
 * {@link #coversWholeDocument} says whether a signature signs the whole document, the rule every receipt
 * check (UPP, UPD, e-Doręczenia evidence) rests on. Memory is constant but for the signatures' references.
 */
public final class XmlShape {
    /** The XMLDSig namespace. */
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    private static final String XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116";
    private static final String FILTER2 = "http://www.w3.org/2002/06/xmldsig-filter2";
    /**
     * The two XPath forms of the enveloped-signature transform (DSS writes the second by default): they take
     * away every signature in the document, so they leave nothing else out only when there is one.
     */
    private static final Set<String> ENVELOPED_BY_XPATH = Set.of(
            XPATH + "|not(ancestor-or-self::{" + DS + "}Signature)",
            FILTER2 + "|subtract|/descendant::{" + DS + "}Signature");
    /** Transforms that select nothing away: the enveloped-signature transform and the canonicalisations. */
    private static final Set<String> WHOLE_DOCUMENT_TRANSFORMS = Set.of(ENVELOPED,
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
            "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments",
            "http://www.w3.org/2001/10/xml-exc-c14n#",
            "http://www.w3.org/2001/10/xml-exc-c14n#WithComments");

    /**
     * One reference of a signature's SignedInfo.
     *
     * @param uri its URI attribute, or null when absent
     * @param transforms the algorithms of its transforms, in order; an XPath transform as
     *     {@code algorithm|expression} (filter 2.0: {@code algorithm|filter|expression}), white space removed
     *     and prefixes written as {@code {namespace}}
     */
    public record Reference(@Nullable String uri, List<String> transforms) {
    }

    /**
     * One {@code ds:Signature} element.
     *
     * @param id its Id attribute, or null
     * @param childOfRoot whether it is a child of the document's root element (an enveloped signature)
     * @param references its SignedInfo references
     */
    public record Signature(@Nullable String id, boolean childOfRoot, List<Reference> references) {
    }

    private final @Nullable String rootId;
    private final int rootIdOccurrences;
    private final List<Signature> signatures;

    private XmlShape(@Nullable String rootId, int rootIdOccurrences, List<Signature> signatures) {
        this.rootId = rootId;
        this.rootIdOccurrences = rootIdOccurrences;
        this.signatures = List.copyOf(signatures);
    }

    /** @return the document's signatures, in document order */
    public List<Signature> signatures() {
        return signatures;
    }

    /**
     * @param daIdentifier the signature's Id attribute as DSS reports it, or null
     * @return whether that signature covers the whole document: it is enveloped (a child of the root) and one
     *     of its references points at the whole document ({@code URI=""}, or {@code #id} of the root when that
     *     id occurs once) with no transform but the enveloped-signature transform and canonicalisation, so
     *     nothing of the document is left out of what was signed. The XPath forms of the enveloped-signature
     *     transform, which take away every signature, count only in a document with one signature. A
     *     signature without an Id qualifies only when it is the document's only signature.
     */
    public boolean coversWholeDocument(@Nullable String daIdentifier) {
        Signature found = null;
        for (Signature s : signatures) {
            if (daIdentifier != null && daIdentifier.equals(s.id())) {
                if (found != null) {
                    return false; // two signatures share the Id: which one DSS verified is not known
                }
                found = s;
            }
        }
        if (found == null && signatures.size() == 1 && (daIdentifier == null || signatures.get(0).id() == null)) {
            found = signatures.get(0);
        }
        if (found == null || !found.childOfRoot()) {
            return false;
        }
        for (Reference r : found.references()) {
            boolean wholeUri = "".equals(r.uri())
                    || (rootId != null && rootIdOccurrences == 1 && ("#" + rootId).equals(r.uri()));
            boolean leavesNothingOut = r.transforms().stream().allMatch(t -> WHOLE_DOCUMENT_TRANSFORMS.contains(t)
                    || (signatures.size() == 1 && ENVELOPED_BY_XPATH.contains(t)));
            if (wholeUri && leavesNothingOut) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the document once, refusing what okienko will not hand to DSS.
     *
     * @param content the XML document
     * @param maxDepth the deepest nesting of elements allowed
     * @param maxElements the most elements allowed
     * @return its shape
     * @throws VerificationException when the document is empty, not well-formed, hostile, or over a bound;
     *     the message names the file and, for a bound, the setting that raises it
     */
    public static XmlShape read(Content content, int maxDepth, long maxElements) {
        try (InputStream in = content.openStream()) {
            XMLStreamReader r = SecureXml.newXmlStreamReader(in);
            try {
                return read(r, content.name(), maxDepth, maxElements);
            } finally {
                r.close();
            }
        } catch (XmlException e) {
            throw new VerificationException(content.name() + " begins as XML but is not acceptable XML: " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new VerificationException(content.name() + " begins as XML but is not well-formed XML: " + e.getMessage(), e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new VerificationException("cannot read " + content.name() + ": " + e.getMessage(), e);
        }
    }

    private static XmlShape read(XMLStreamReader r, String name, int maxDepth, long maxElements) throws XMLStreamException {
        String rootId = null;
        int rootIdOccurrences = 0;
        int depth = 0;
        long elements = 0;
        List<Signature> signatures = new ArrayList<>();
        // the signatures being read (a counter-signature can sit inside another), and the reference being read
        Deque<OpenSignature> open = new ArrayDeque<>();
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                elements++;
                if (depth > maxDepth) {
                    throw new VerificationException(name + " nests elements more than " + maxDepth
                            + " deep; okienko does not verify such documents (SignatureVerifier.Builder.maxXmlDepth)");
                }
                if (elements > maxElements) {
                    throw new VerificationException(name + " has more than " + maxElements
                            + " elements; okienko does not verify such documents (SignatureVerifier.Builder.maxXmlElements)");
                }
                if (depth == 1) {
                    rootId = idOf(r);
                }
                if (rootId != null) {
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        if (isIdName(r.getAttributeLocalName(i)) && rootId.equals(r.getAttributeValue(i))) {
                            rootIdOccurrences++;
                        }
                    }
                }
                String ns = r.getNamespaceURI();
                String local = r.getLocalName();
                if (DS.equals(ns)) {
                    OpenSignature current = open.peek();
                    if ("Signature".equals(local)) {
                        open.push(new OpenSignature(r.getAttributeValue(null, "Id"), depth == 2, depth));
                    } else if (current != null && "Reference".equals(local) && depth == current.depth + 2) {
                        current.reference = new OpenReference(r.getAttributeValue(null, "URI"));
                    } else if (current != null && current.reference != null && "Transform".equals(local)) {
                        String algorithm = r.getAttributeValue(null, "Algorithm");
                        current.reference.transforms.add(algorithm == null ? "" : algorithm);
                    } else if (current != null && current.reference != null && "XPath".equals(local)) {
                        current.reference.xpath = new StringBuilder();
                    }
                } else if (FILTER2.equals(ns) && "XPath".equals(local) && !open.isEmpty() && open.peek().reference != null) {
                    OpenReference ref = open.peek().reference;
                    ref.xpath = new StringBuilder();
                    ref.filter = r.getAttributeValue(null, "Filter");
                }
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
                    && !open.isEmpty() && open.peek().reference != null && open.peek().reference.xpath != null) {
                open.peek().reference.xpath.append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                OpenSignature current = open.peek();
                if (current != null && current.reference != null && current.reference.xpath != null
                        && "XPath".equals(r.getLocalName())) {
                    current.reference.endXPath(r.getNamespaceContext());
                }
                if (current != null && DS.equals(r.getNamespaceURI())) {
                    if ("Reference".equals(r.getLocalName()) && current.reference != null && depth == current.depth + 2) {
                        current.references.add(new Reference(current.reference.uri, List.copyOf(current.reference.transforms)));
                        current.reference = null;
                    } else if ("Signature".equals(r.getLocalName()) && depth == current.depth) {
                        open.pop();
                        signatures.add(new Signature(current.id, current.childOfRoot, current.references));
                    }
                }
                depth--;
            }
        }
        if (elements == 0) {
            throw new VerificationException(name + " has no root element: it is empty or not XML");
        }
        return new XmlShape(rootId, rootIdOccurrences, signatures);
    }

    private static @Nullable String idOf(XMLStreamReader r) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (isIdName(r.getAttributeLocalName(i))) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    private static boolean isIdName(String localName) {
        return "Id".equals(localName) || "ID".equals(localName) || "id".equals(localName);
    }

    private static final class OpenSignature {
        final @Nullable String id;
        final boolean childOfRoot;
        final int depth;
        final List<Reference> references = new ArrayList<>();
        @Nullable OpenReference reference;

        OpenSignature(@Nullable String id, boolean childOfRoot, int depth) {
            this.id = id;
            this.childOfRoot = childOfRoot;
            this.depth = depth;
        }
    }

    private static final class OpenReference {
        final @Nullable String uri;
        final List<String> transforms = new ArrayList<>();
        @Nullable StringBuilder xpath;
        @Nullable String filter;

        OpenReference(@Nullable String uri) {
            this.uri = uri;
        }

        /** Writes the XPath just read into the last transform: white space gone, prefixes resolved. */
        void endXPath(javax.xml.namespace.NamespaceContext namespaces) {
            String expression = java.util.Objects.requireNonNull(xpath).toString().replaceAll("\\s+", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_][\\w.-]*):(?!:)").matcher(expression);
            StringBuilder resolved = new StringBuilder();
            while (m.find()) {
                String ns = namespaces.getNamespaceURI(m.group(1));
                m.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(
                        ns == null || ns.isEmpty() ? m.group() : "{" + ns + "}"));
            }
            m.appendTail(resolved);
            int last = transforms.size() - 1;
            if (last >= 0) {
                transforms.set(last, transforms.get(last) + (filter == null ? "" : "|" + filter) + "|" + resolved);
            }
            xpath = null;
            filter = null;
        }
    }
}
