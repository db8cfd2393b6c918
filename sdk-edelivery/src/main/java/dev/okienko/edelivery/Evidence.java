package dev.okienko.edelivery;

import dev.okienko.core.PrintableText;
import dev.okienko.core.XmlException;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.internal.SealedXml;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An e-Doręczenia evidence: the ETSI EN 319 522 evidence document (root {@code Evidence} in {@value #NAMESPACE})
 * read into its fields, with the verification of its one signature. Only an evidence that
 * {@link #isGenuine(X509Certificate) is genuine} proves anything: its signature is valid, made with the
 * provider's certificate you trust, and covers the whole document.
 *
 * <p>Fields are read only from the root's own children, each of which must occur at most once, so that
 * content slipped in elsewhere (a signature-wrapping attempt) is never read. No official Polish XSD for the
 * evidence is published; the reader takes the element names of ETSI EN 319 522-4-1 and is lenient about what
 * it does not need.
 *
 * @param evidenceId {@code EvidenceIdentifier}
 * @param code the kind, from the ETSI event; empty for an event this version does not know
 * @param eventId {@code ERDSEventId} as written, e.g. {@code http://uri.etsi.org/19522/Event/ContentHandover}
 * @param eventTime {@code EventTime}
 * @param submissionTime {@code SubmissionTime}, when present
 * @param reasons {@code EventReasons}, possibly empty
 * @param sender {@code SenderDetails}
 * @param recipient {@code RecipientDetails}
 * @param messageId the message id in {@code UserContentInfo}, when present
 * @param issuer the issuer's name in {@code EvidenceIssuerDetails}, when present
 * @param policyId {@code EvidenceIssuerPolicyID}, when present
 * @param signature the verification of the evidence's signature
 * @param document the evidence document, as it came
 */
public record Evidence(String evidenceId, Optional<EvidenceCode> code, String eventId, Instant eventTime,
                       @Nullable Instant submissionTime, List<Reason> reasons, Party sender, Party recipient,
                       @Nullable String messageId, @Nullable String issuer, @Nullable String policyId,
                       VerificationReport signature, byte[] document) {

    /** The ETSI EN 319 522 evidence namespace. */
    public static final String NAMESPACE = "http://uri.etsi.org/19522/v1#";
    private static final Pattern ADE = Pattern.compile("AE:[A-Z]{2}-\\d{5}-\\d{5}-[A-Z]{5}-\\d{2}");

    /**
     * One reason given for the event.
     *
     * @param code its code (a URI or the operator's id)
     * @param details the words, when given
     */
    public record Reason(String code, @Nullable String details) {
    }

    /**
     * The sender or the recipient as the evidence names them.
     *
     * @param address their e-Delivery address, when the details carry one
     * @param name their name, when given
     */
    public record Party(@Nullable String address, @Nullable String name) {
    }

    /** Copies the lists and the document. */
    public Evidence {
        reasons = List.copyOf(reasons);
        document = document.clone();
    }

    /** @return the evidence document, as it came */
    @Override
    public byte[] document() {
        return document.clone();
    }

    /**
     * @param xml an evidence document, e.g. from {@link Mailbox#downloadEvidence}
     * @param verifier checks its signature
     * @return the evidence
     * @throws XmlException when the document is over 1 MiB, malformed, hostile, not an ETSI evidence, lacks its
     *     identifier, event or event time, repeats a field, or does not carry exactly one signature
     */
    public static Evidence read(byte[] xml, SignatureVerifier verifier) {
        Objects.requireNonNull(verifier, "verifier");
        Document doc = SealedXml.parse(xml, "an evidence");
        Element root = doc.getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"Evidence".equals(root.getLocalName())) {
            throw invalid("not an ETSI evidence: the root is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", not {" + NAMESPACE + "}Evidence");
        }
        SealedXml.requireOneSignature(doc, "an evidence");
        String id = required(root, "EvidenceIdentifier");
        String event = required(root, "ERDSEventId");
        Instant eventTime = instant(root, "EventTime", required(root, "EventTime"));
        String submitted = text(child(root, "SubmissionTime"));
        List<Reason> reasons = new ArrayList<>();
        Element reasonList = child(root, "EventReasons");
        if (reasonList != null) {
            for (Element r : elements(reasonList)) {
                String rc = text(firstDescendant(r, "Code"));
                if (rc != null) {
                    reasons.add(new Reason(rc, text(firstDescendant(r, "Details"))));
                }
            }
        }
        Element content = child(root, "UserContentInfo");
        Element issuer = child(root, "EvidenceIssuerDetails");
        Element policy = child(root, "EvidenceIssuerPolicyID");
        VerificationReport signature = SealedXml.verifyOne(verifier, xml, "evidence-" + id + ".xml", "an evidence");
        return new Evidence(id, EvidenceCode.ofEtsiEvent(event), event, eventTime,
                submitted == null ? null : instant(root, "SubmissionTime", submitted), reasons,
                party(child(root, "SenderDetails")), party(child(root, "RecipientDetails")),
                content == null ? null : identifier(content), issuer == null ? null : text(firstDescendant(issuer, "Name")),
                policy == null ? null : text(policy), signature, xml);
    }

    /**
     * @param providerCertificate the certificate the e-Doręczenia provider seals evidences with
     * @return whether the signature is valid, made with exactly that certificate, and covers the whole
     *     document (an enveloped signature, a child of the root, referencing it)
     */
    public boolean isGenuine(X509Certificate providerCertificate) {
        return signature.isValidAndSignedBy(Objects.requireNonNull(providerCertificate, "providerCertificate"));
    }

    /** @return whether the message counts as delivered by this evidence (E.1 or H.EPO) */
    public boolean provesDelivery() {
        return code.map(c -> c == EvidenceCode.E_1 || c == EvidenceCode.H_EPO).orElse(false);
    }

    @Override
    public String toString() {
        return PrintableText.of("Evidence[" + code.map(EvidenceCode::code).orElse(eventId) + " " + evidenceId + " at " + eventTime
                + (messageId == null ? "" : " for message " + messageId) + ", signature " + signature.verdict() + "]");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence e && Arrays.equals(document, e.document);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(document);
    }

    // ------------------------------------------------------------------ reading

    private static Party party(@Nullable Element details) {
        if (details == null) {
            return new Party(null, null);
        }
        String address = null;
        NodeList all = details.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength() && address == null; i++) {
            Element e = (Element) all.item(i);
            if (!hasElementChildren(e)) {
                String t = text(e);
                if (t != null && ADE.matcher(t).matches()) {
                    address = t;
                }
            }
        }
        return new Party(address, text(firstDescendant(details, "Name")));
    }

    private static @Nullable String identifier(Element content) {
        for (Element e : elements(content)) {
            String name = e.getLocalName();
            if (name != null && (name.endsWith("Identifier") || name.endsWith("Id") || name.endsWith("ID"))) {
                return text(e);
            }
        }
        return null;
    }

    private static String required(Element root, String name) {
        String t = text(child(root, name));
        if (t == null) {
            throw invalid("the evidence lacks " + name);
        }
        return t;
    }

    private static Instant instant(Element root, String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("the evidence's " + name + " is not a date-time with an offset: " + abbreviate(value));
        }
    }

    /** The root's one child of that name in the evidence namespace; two of them are refused. */
    private static @Nullable Element child(Element parent, String name) {
        Element found = null;
        for (Element e : elements(parent)) {
            if (NAMESPACE.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                if (found != null) {
                    throw invalid("the evidence has " + name + " twice");
                }
                found = e;
            }
        }
        return found;
    }

    private static @Nullable Element firstDescendant(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS(NAMESPACE, name);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static List<Element> elements(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    private static boolean hasElementChildren(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String text(@Nullable Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static XmlException invalid(String message) {
        return new XmlException(message, -1, -1, null);
    }
}
