package dev.okienko.testkit.epuap.internal;

import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.testkit.epuap.InboxDocument;
import java.time.Instant;
import java.util.Base64;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code skrytka} ({@code nadaj}): takes a document into a box and answers with a signed UPP. */
public final class Skrytka implements SoapEndpoint.Operations {
    private final EpuapState state;

    /** @param state the simulator's boxes */
    public Skrytka(EpuapState state) {
        this.state = state;
    }

    @Override
    public Element answer(Document request) {
        Element header = SoapParts.header(request);
        Element body = SoapParts.body(request);
        Element document = SoapParts.first(body, Namespaces.OBJECTS, "Dokument");
        if (document == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds no ob:Dokument", null);
        }
        String sender = SoapParts.headerValue(header, "IdentyfikatorPodmiotu");
        String box = SoapParts.headerValue(header, "AdresSkrytki");
        String replyTo = SoapParts.headerValue(header, "AdresOdpowiedzi");
        boolean trial = Boolean.parseBoolean(SoapParts.headerValue(header, "CzyProbne"));
        if (!state.inboxes().exists(box)) {
            throw SoapParts.wyjatek("Skrytka " + box + " nie istnieje");
        }
        String id = state.nextId();
        Instant now = Instant.now();
        if (!trial) {
            state.inboxes().add(box, new InboxDocument(id, sender, replyTo, SoapEndpoint.required(document, "nazwaPliku"),
                    String.valueOf(SoapCall.text(document, "typPliku")),
                    Base64.getMimeDecoder().decode(SoapEndpoint.required(document, "zawartosc")), now));
        }
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzSkrytki");
        SoapParts.status(answer, "1", trial ? "OK (nadanie próbne)" : "OK");
        SoapCall.addChild(answer, "identyfikatorDokumentu", id);
        if (!trial) {
            String uppId = "UPP-" + id;
            SoapCall.addChild(answer, "identyfikatorUpp", uppId);
            Element attachment = SoapCall.addChild(answer, "zalacznik", "");
            SoapCall.addChild(attachment, "nazwaPliku", "UPP.xml");
            SoapCall.addChild(attachment, "typPliku", "text/xml");
            SoapCall.addChild(attachment, "zawartosc", Base64.getEncoder().encodeToString(upp(uppId, id, box, sender, now)));
        }
        return answer;
    }

    /** A UPP as ePUAP issues it: the acknowledgement's fields, signed (XAdES) with the ePUAP certificate. */
    private byte[] upp(String uppId, String documentId, String box, String sender, Instant deliveredAt) {
        return Upo.signed(Upo.receipt("UPP", uppId, box, sender, null,
                "<upo:DataDoreczenia>" + deliveredAt + "</upo:DataDoreczenia>"
                        + "<upo:DataWytworzeniaPoswiadczenia>" + Instant.now() + "</upo:DataWytworzeniaPoswiadczenia>", documentId),
                state.epuap());
    }
}
