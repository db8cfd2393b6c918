package dev.okienko.testkit.epuap.internal;

import dev.okienko.epuap.Upp;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.testkit.epuap.EpuapDelivery;
import dev.okienko.testkit.epuap.InboxDocument;
import java.time.Instant;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code doreczyciel}: {@code dorecz} keeps a delivered document back and puts an unsigned UPD draft into the
 * recipient's box; {@code odbierz}, with that draft signed by the recipient's system, releases the document and
 * puts a UPD signed by ePUAP into the sender's reply box.
 */
public final class Doreczyciel implements SoapEndpoint.Operations {
    private final EpuapState state;

    /** @param state the simulator's boxes and deliveries */
    public Doreczyciel(EpuapState state) {
        this.state = state;
    }

    @Override
    public Element answer(Document request) {
        Element header = SoapParts.header(request);
        Element body = SoapParts.body(request);
        Element document = SoapParts.first(body, Namespaces.OBJECTS, "Dokument");
        if (document != null) {
            return dorecz(header, document);
        }
        Element upd = SoapParts.first(body, Namespaces.OBJECTS, "UPD");
        if (upd != null) {
            return odbierz(request, header, upd);
        }
        throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds neither ob:Dokument (dorecz) nor ob:UPD (odbierz)", null);
    }

    private Element dorecz(Element header, Element document) {
        String sender = SoapParts.headerValue(header, "IdentyfikatorPodmiotu");
        String box = SoapParts.headerValue(header, "AdresSkrytki");
        String replyTo = SoapParts.headerValue(header, "AdresOdpowiedzi");
        boolean trial = Boolean.parseBoolean(SoapParts.headerValue(header, "CzyProbne"));
        Element deadlineHeader = SoapParts.first(header, Namespaces.OBJECTS, "TerminDoreczenia");
        Element caseHeader = SoapParts.first(header, Namespaces.OBJECTS, "IdentyfikatorSprawy");
        Instant deadline = deadlineHeader == null ? null : SoapCall.instant(deadlineHeader.getTextContent());
        if (deadlineHeader != null && deadline == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "TerminDoreczenia is not an xsd:dateTime with an offset", null);
        }
        for (String b : List.of(box, replyTo)) {
            if (!state.inboxes().exists(b)) {
                throw SoapParts.wyjatek("Skrytka " + b + " nie istnieje");
            }
        }
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzDoreczyciela");
        String id = state.nextId();
        String orderId = "Z-" + id;
        SoapParts.status(answer, "1", trial ? "OK (doręczenie próbne)" : "OK");
        SoapCall.addChild(answer, "identyfikatorDokumentu", id);
        SoapCall.addChild(answer, "identyfikatorZlecenia", orderId);
        if (trial) {
            return answer;
        }
        Instant now = Instant.now();
        InboxDocument doc = new InboxDocument(id, sender, replyTo, SoapEndpoint.required(document, "nazwaPliku"),
                String.valueOf(SoapCall.text(document, "typPliku")),
                SoapCall.decodeBase64(SoapEndpoint.required(document, "zawartosc"), "dorecz zawartosc"), now);
        state.deliveries().put(id, new EpuapDelivery(orderId, id, sender, box, replyTo, deadline,
                caseHeader == null ? null : caseHeader.getTextContent().strip(), doc, false));
        byte[] draft = Upo.receipt("UPD", "UPD-" + id, box, sender, orderId,
                "<upo:DataNadania>" + now + "</upo:DataNadania>"
                        + (deadline == null ? "" : "<upo:TerminDoreczenia>" + deadline + "</upo:TerminDoreczenia>"), id);
        state.inboxes().add(box, new InboxDocument("UPD-" + id, sender, replyTo, "UPD-" + id + ".xml", "text/xml", draft, now));
        return answer;
    }

    private Element odbierz(Document request, Element header, Element upd) {
        String entity = SoapParts.headerValue(header, "IdentyfikatorPodmiotu");
        byte[] signed = SoapCall.decodeBase64(SoapEndpoint.required(upd, "zawartosc"), "odbierz zawartosc");
        RecipientSignature.Verified verified = RecipientSignature.verify(signed);
        if (!verified.signer().equals(WsSecurity.senderCertificate(request))) {
            throw SoapParts.wyjatek("UPD podpisany innym certyfikatem niż certyfikat systemu (the UPD is signed by another"
                    + " certificate than the request)");
        }
        org.w3c.dom.NodeList ids = verified.document().getElementsByTagNameNS(Upp.NAMESPACE, "IdentyfikatorDokumentu");
        String documentId = ids.getLength() == 1 ? ids.item(0).getTextContent().strip() : "";
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "StatusDoreczyciela");
        synchronized (state.deliveries()) {
            EpuapDelivery delivery = state.deliveries().get(documentId);
            if (delivery == null) {
                throw SoapParts.wyjatek("Brak dokumentu " + documentId + " do doręczenia");
            }
            if (!delivery.box().startsWith("/" + entity + "/")) {
                throw SoapParts.wyjatek("Brak uprawnień do skrytki " + delivery.box());
            }
            if (delivery.acknowledged()) {
                SoapCall.addChild(answer, "kod", "1");
                SoapCall.addChild(answer, "komunikat", "Dokument już odebrany");
                return answer;
            }
            if (delivery.deadline() != null && Instant.now().isAfter(delivery.deadline())) {
                SoapCall.addChild(answer, "kod", "-1");
                SoapCall.addChild(answer, "komunikat", "Upłynął termin doręczenia " + delivery.deadline());
                return answer;
            }
            Instant now = Instant.now();
            state.deliveries().put(documentId, new EpuapDelivery(delivery.orderId(), documentId, delivery.senderEntityId(), delivery.box(),
                    delivery.replyTo(), delivery.deadline(), delivery.caseId(), delivery.document(), true));
            state.inboxes().removeIf(delivery.box(), r -> r.documentId().equals("UPD-" + documentId));
            state.inboxes().add(delivery.box(), delivery.document());
            byte[] issued = Upo.signed(Upo.receipt("UPD", "UPD-" + documentId, delivery.box(),
                    delivery.senderEntityId(), delivery.orderId(), "<upo:DataDoreczenia>" + now + "</upo:DataDoreczenia>"
                            + "<upo:DataWytworzeniaPoswiadczenia>" + now + "</upo:DataWytworzeniaPoswiadczenia>", documentId),
                    state.epuap());
            state.inboxes().add(delivery.replyTo(), new InboxDocument("UPD-" + documentId + "-issued", "ePUAP", delivery.box(),
                    "UPD-" + documentId + ".xml", "text/xml", issued, now));
        }
        SoapCall.addChild(answer, "kod", "1");
        SoapCall.addChild(answer, "komunikat", "OK");
        return answer;
    }
}
