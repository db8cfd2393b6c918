package dev.okienko.epuap.internal.soap;

import dev.okienko.core.ClientException;
import dev.okienko.core.SecureXml;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.core.XmlException;
import dev.okienko.core.internal.http.Idempotent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One SOAP 1.1 exchange: the request's Body signed with the system credentials (WS-Security), the answer
 * read through okienko's hardened parser, bounded in size, checked against the server's certificate when one
 * is configured, and SOAP faults turned into {@link ServiceException}s.
 */
public final class SoapCall {
    /** The largest answer read unless configured otherwise: 64 MiB. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final MediaType XML = MediaType.get("text/xml; charset=utf-8");

    private final OkHttpClient http;
    private final SystemCredentials credentials;
    private final @Nullable X509Certificate serverCertificate;
    private final String service;
    private final boolean timestamp;
    private final int maxAnswerBytes;

    /**
     * @param http the HTTP client
     * @param credentials the system credentials that sign requests
     * @param serverCertificate the certificate answers must be signed with, or null to accept unsigned answers
     * @param service the service's name for errors
     */
    public SoapCall(OkHttpClient http, SystemCredentials credentials, @Nullable X509Certificate serverCertificate,
                    String service) {
        this(http, credentials, serverCertificate, service, false, MAX_ANSWER_BYTES);
    }

    /**
     * @param http the HTTP client
     * @param credentials the system credentials that sign requests
     * @param serverCertificate the certificate answers must be signed with, or null to accept unsigned answers
     * @param service the service's name for errors
     * @param timestamp whether requests carry a signed {@code wsu:Timestamp}
     * @param maxAnswerBytes the largest answer read; a larger one is refused unread
     */
    public SoapCall(OkHttpClient http, SystemCredentials credentials, @Nullable X509Certificate serverCertificate,
                    String service, boolean timestamp, int maxAnswerBytes) {
        this.http = http;
        this.credentials = credentials;
        this.serverCertificate = serverCertificate;
        this.service = service;
        this.timestamp = timestamp;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /**
     * @param namespace the operation's namespace
     * @param operation the request element's local name
     * @return a new envelope whose Body holds an empty {@code ns:operation} element, returned for filling
     */
    public static Element newRequest(String namespace, String operation) {
        Document doc = SecureXml.newDocumentBuilder().newDocument();
        Element envelope = doc.createElementNS(WsSecurity.SOAP, "soapenv:Envelope");
        doc.appendChild(envelope);
        envelope.appendChild(doc.createElementNS(WsSecurity.SOAP, "soapenv:Header"));
        Element body = doc.createElementNS(WsSecurity.SOAP, "soapenv:Body");
        envelope.appendChild(body);
        Element op = doc.createElementNS(namespace, "ns:" + operation);
        body.appendChild(op);
        return op;
    }

    /**
     * @param request an element of a request made by {@link #newRequest}
     * @param namespace the header element's namespace
     * @param name its local name
     * @param text its text
     * @return the header element
     */
    public static Element addHeader(Element request, String namespace, String name, String text) {
        Document doc = request.getOwnerDocument();
        Element header = WsSecurity.onlyChild(doc.getDocumentElement(), WsSecurity.SOAP, "Header");
        Element e = doc.createElementNS(namespace, "ns:" + name);
        e.setTextContent(text);
        Objects.requireNonNull(header, "header").appendChild(e);
        return e;
    }

    /**
     * @param parent an element
     * @param name an unqualified child element's name
     * @param text its text
     * @return the child
     */
    public static Element addChild(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(null, name);
        e.setTextContent(text);
        parent.appendChild(e);
        return e;
    }

    /**
     * Signs and sends a request built with {@link #newRequest}, and returns the answer's first Body element.
     *
     * @param endpoint the service address
     * @param request the operation element of the request
     * @param readOnly whether the operation changes nothing (then it may be retried)
     * @return the answer's operation element
     * @throws ServiceException for a SOAP fault or an HTTP error
     * @throws ClientException for transport failures, malformed, oversized or unsigned answers
     */
    public Element call(URI endpoint, Element request, boolean readOnly) {
        return call(endpoint, request, readOnly, service);
    }

    /**
     * As {@link #call(URI, Element, boolean)}, naming the service differently in errors.
     *
     * @param endpoint the service address
     * @param request the operation element of the request
     * @param readOnly whether the operation changes nothing (then it may be retried)
     * @param service the service's name for errors, e.g. {@code "ePUAP pull"}
     * @return the answer's operation element
     */
    public Element call(URI endpoint, Element request, boolean readOnly, String service) {
        Document envelope = request.getOwnerDocument();
        WsSecurity.sign(envelope, credentials, timestamp);
        Request.Builder b = new Request.Builder().url(endpoint.toString())
                .header("SOAPAction", "\"\"")
                .post(RequestBody.create(serialise(envelope), XML));
        if (readOnly) {
            Idempotent.mark(b);
        }
        try (Response response = http.newCall(b.build()).execute()) {
            Document answer = read(response, service);
            Element body = WsSecurity.onlyChild(answer.getDocumentElement(), WsSecurity.SOAP, "Body");
            if (body == null) {
                throw new ClientException(service + " answered without a SOAP Body (HTTP " + response.code() + ")");
            }
            Element first = firstElement(body);
            if (first != null && WsSecurity.SOAP.equals(first.getNamespaceURI()) && "Fault".equals(first.getLocalName())) {
                throw fault(first, response.code(), service);
            }
            if (!response.isSuccessful()) {
                throw new ServiceException(service, response.code(), List.of(), null, null, "HTTP error without a SOAP fault", null);
            }
            if (serverCertificate != null) {
                WsSecurity.verify(answer, serverCertificate);
            }
            if (first == null) {
                throw new ClientException(service + " answered with an empty Body");
            }
            return first;
        } catch (java.net.ConnectException | java.net.UnknownHostException | java.net.NoRouteToHostException e) {
            // no connection was made: nothing went out
            throw new ClientException(service + " could not be reached at " + endpoint + ": " + e.getMessage(), e, true);
        } catch (IOException e) {
            if (readOnly) {
                throw new ClientException(service + " did not answer at " + endpoint + ": " + e.getMessage(), e, true);
            }
            throw new dev.okienko.epuap.AnswerLostException(service + " at " + endpoint + " did not answer (" + e.getMessage()
                    + ") after the request went out: it may have been accepted, and was not sent again", e);
        }
    }

    private Document read(Response response, String service) throws IOException {
        long declared = response.body().contentLength();
        if (declared > maxAnswerBytes) {
            throw new ClientException(service + " answered " + declared + " bytes, more than the " + maxAnswerBytes
                    + " allowed (EpuapClient.Builder.maxAnswerBytes); refused unread");
        }
        try (InputStream in = response.body().byteStream()) {
            byte[] bytes = in.readNBytes(maxAnswerBytes + 1);
            if (bytes.length > maxAnswerBytes) {
                throw new ClientException(service + " answered more than the " + maxAnswerBytes
                        + " bytes allowed (EpuapClient.Builder.maxAnswerBytes); refused");
            }
            if (bytes.length == 0) {
                throw new ServiceException(service, response.code(), List.of(), null, null, "empty answer", null);
            }
            try {
                return SecureXml.parse(bytes);
            } catch (XmlException e) {
                if (!response.isSuccessful()) {
                    throw new ServiceException(service, response.code(), List.of(), null, null,
                            "HTTP error with an answer that is not SOAP", e);
                }
                throw e;
            }
        }
    }

    private static ServiceException fault(Element fault, int status, String service) {
        String code = text(fault, "faultcode");
        String message = text(fault, "faultstring");
        return new ServiceException(service, status, code == null ? List.of() : List.of(code), null, null,
                "SOAP fault: " + (message == null ? "(no faultstring)" : message), null);
    }

    /**
     * @param parent an element
     * @param name the local name of a child, in any or no namespace
     * @return the child's trimmed text, or null when there is no such child
     */
    public static @Nullable String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    /**
     * @param parent an element
     * @param name the local name of a child element, in any or no namespace
     * @return the first such child, or null
     */
    public static @Nullable Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /**
     * @param value base64 text from an answer, null read as empty
     * @param what what the value is, for the error, e.g. {@code "ePUAP pull sent zawartosc"}
     * @return the decoded bytes
     * @throws ClientException when the text is not valid base64 (typically a truncated answer)
     */
    public static byte[] decodeBase64(@Nullable String value, String what) {
        try {
            return strictBase64(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new ClientException(what + " that is not valid base64, truncated or damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes base64 as XML carries it: line breaks and other white space between the characters are
     * allowed, anything else outside the alphabet is not (the JDK's MIME decoder would skip it silently),
     * and the length must come out whole (with its padding), so a truncated value is refused.
     *
     * @param value the base64 text
     * @return the bytes
     * @throws IllegalArgumentException naming the defect: a character outside the alphabet (and where), or a
     *     length that is cut short
     */
    public static byte[] strictBase64(String value) {
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/' || c == '=';
            if (!alphabet) {
                throw new IllegalArgumentException(String.format("character U+%04X at position %d is not base64", (int) c, i));
            }
            compact.append(c);
        }
        if (compact.length() % 4 != 0) {
            throw new IllegalArgumentException("its length is not a multiple of four: truncated");
        }
        return Base64.getDecoder().decode(compact.toString());
    }

    /**
     * Checks the {@code status} child of an answer, as ePUAP's services give it (kod 1 = OK).
     *
     * @param answer an answer's operation element that holds a {@code status}, or is a status itself
     * @param service the service's name for errors
     * @param doing what was asked, for errors, e.g. {@code "refused the document"}
     * @return the status message (komunikat), if any
     * @throws ServiceException when the code is not 1, carrying the code
     */
    public static @Nullable String requireOk(Element answer, String service, String doing) {
        Element status = child(answer, "kod") != null ? answer : child(answer, "status");
        String code = status == null ? null : text(status, "kod");
        String message = status == null ? null : text(status, "komunikat");
        if (!"1".equals(code)) {
            throw new ServiceException(service, 0, code == null ? List.of() : List.of(code), null, null,
                    doing + ": status " + code + ", " + (message == null || message.isEmpty() ? "no message" : message), null);
        }
        return message == null || message.isEmpty() ? null : message;
    }

    /**
     * @param dateTime an xsd:dateTime from an answer, or null
     * @return the instant, or null when absent or unreadable (a date without an offset is unreadable)
     */
    public static java.time.@Nullable Instant instant(@Nullable String dateTime) {
        if (dateTime == null || dateTime.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(dateTime.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /**
     * @param doc a document
     * @return it serialised as UTF-8
     */
    public static byte[] serialise(Document doc) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SecureXml.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise a SOAP message", e);
        }
    }
}
