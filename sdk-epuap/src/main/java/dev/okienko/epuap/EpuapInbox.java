package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.ServiceException;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * One ePUAP inbox read by pulling ({@code pull}): how many documents wait, take the next one, confirm it.
 * A document stays next until confirmed, so a crash between {@link #next()} and {@link #confirm} means it
 * comes again, never that it is lost. Thread-safe, but confirm what you took before taking another.
 */
public final class EpuapInbox {
    private static final String PULL = "ePUAP pull";

    private final SoapCall soap;
    private final URI endpoint;
    private final String entityId;
    private final EpuapAddress box;
    private final ConfirmationDigest digest;

    EpuapInbox(SoapCall soap, URI endpoint, String entityId, EpuapAddress box, ConfirmationDigest digest) {
        this.soap = soap;
        this.endpoint = endpoint;
        this.entityId = entityId;
        this.box = box;
        this.digest = digest;
    }

    /** @return how many documents wait in the box ({@code oczekujaceDokumenty}) */
    public int pending() {
        Element answer = soap.call(endpoint, query("ZapytaniePullOczekujace"), true, PULL);
        SoapCall.requireOk(answer, PULL, "refused " + answer.getLocalName());
        String count = SoapCall.text(answer, "oczekujace");
        try {
            return Integer.parseInt(String.valueOf(count));
        } catch (NumberFormatException e) {
            throw new ClientException(PULL + " answered a count that is not a number: " + count, e);
        }
    }

    /**
     * @return the next document ({@code pobierzNastepny}), or empty when the box is empty; it stays next
     *     until {@link #confirm confirmed}
     */
    public Optional<IncomingDocument> next() {
        Element answer = soap.call(endpoint, query("ZapytaniePullPobierz"), true, PULL);
        String code = status(answer);
        if ("0".equals(code)) {
            return Optional.empty();
        }
        SoapCall.requireOk(answer, PULL, "refused " + answer.getLocalName());
        Element document = SoapCall.child(answer, "dokument");
        Element entity = SoapCall.child(answer, "danePodmiotu");
        if (document == null || entity == null) {
            throw new ClientException(PULL + " answered a document without dokument or danePodmiotu");
        }
        byte[] content = SoapCall.decodeBase64(SoapCall.text(document, "zawartosc"), PULL + " sent zawartosc");
        String added = SoapCall.text(answer, "daneDodatkowe");
        return Optional.of(new IncomingDocument(String.valueOf(SoapCall.text(document, "nazwaPliku")),
                SoapCall.text(document, "typPliku"), content, String.valueOf(SoapCall.text(entity, "identyfikator")),
                SoapCall.text(entity, "nazwiskoNazwa"), SoapCall.instant(SoapCall.text(answer, "dataNadania")),
                SoapCall.text(answer, "adresOdpowiedzi"), "true".equals(SoapCall.text(answer, "czyTestowe")),
                added == null || added.isEmpty() ? new byte[0] : SoapCall.decodeBase64(added, PULL + " sent daneDodatkowe"), skrot(content)));
    }

    /**
     * Confirms a document taken with {@link #next()} ({@code potwierdzOdebranie}); it then leaves the box.
     * Sent once, never repeated automatically.
     *
     * @param document the document to confirm
     * @throws ServiceException when ePUAP refuses the confirmation (e.g. the digest does not match)
     */
    public void confirm(IncomingDocument document) {
        Element request = query("ZapytaniePullPotwierdz");
        SoapCall.addChild(request, "skrot", document.digest());
        Element answer = soap.call(endpoint, request, false, PULL);
        SoapCall.requireOk(answer, PULL, "refused the confirmation of " + document.fileName());
    }

    /** @return the box this inbox reads */
    public EpuapAddress box() {
        return box;
    }

    private Element query(String name) {
        Element request = SoapCall.newRequest(Namespaces.OBJECTS, name);
        SoapCall.addChild(request, "podmiot", entityId);
        SoapCall.addChild(request, "nazwaSkrytki", box.boxName());
        SoapCall.addChild(request, "adresSkrytki", box.value());
        return request;
    }

    private String skrot(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(digest.jcaName()).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String status(Element answer) {
        Element status = SoapCall.child(answer, "status");
        return status == null ? null : SoapCall.text(status, "kod");
    }
}
