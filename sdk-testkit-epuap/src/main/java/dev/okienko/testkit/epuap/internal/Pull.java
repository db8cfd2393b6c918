package dev.okienko.testkit.epuap.internal;

import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.testkit.epuap.InboxDocument;
import java.util.Base64;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** {@code pull}: hands a box's documents out one at a time until each is confirmed with its digest. */
public final class Pull implements SoapEndpoint.Operations {
    private final EpuapState state;

    /** @param state the simulator's boxes */
    public Pull(EpuapState state) {
        this.state = state;
    }

    @Override
    public Element answer(Document request) {
        Element body = SoapParts.body(request);
        Element query = null;
        for (Node n = body.getFirstChild(); n != null && query == null; n = n.getNextSibling()) {
            if (n instanceof Element e && Namespaces.OBJECTS.equals(e.getNamespaceURI())) {
                query = e;
            }
        }
        if (query == null) {
            throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds no pull query", null);
        }
        String entity = SoapEndpoint.required(query, "podmiot");
        String address = SoapEndpoint.required(query, "adresSkrytki");
        if (!state.inboxes().exists(address) || !address.startsWith("/" + entity + "/")) {
            throw new SoapEndpoint.Fault("soapenv:Server", "Brak uprawnień do skrytki " + address, null);
        }
        return switch (query.getLocalName()) {
            case "ZapytaniePullOczekujace" -> {
                Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzPullOczekujace");
                SoapParts.status(answer, "1", "OK");
                SoapCall.addChild(answer, "oczekujace", Integer.toString(state.inboxes().count(address)));
                yield answer;
            }
            case "ZapytaniePullPobierz" -> next(address);
            case "ZapytaniePullPotwierdz" -> {
                Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzPullPotwierdz");
                String skrot = SoapEndpoint.required(query, "skrot");
                InboxDocument confirmed = state.inboxes().removeFirstIf(address, r -> digest(r.content()).equals(skrot));
                if (confirmed != null) {
                    if (state.duplicateConfirmations().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        state.inboxes().add(address, confirmed);
                    }
                    SoapParts.status(answer, "1", "OK");
                } else if (state.inboxes().first(address) == null) {
                    SoapParts.status(answer, "0", "Brak dokumentów do potwierdzenia");
                } else {
                    SoapParts.status(answer, "-1", "Skrót dokumentu nie zgadza się");
                }
                yield answer;
            }
            default -> throw new SoapEndpoint.Fault("soapenv:Client", "unknown pull operation " + query.getLocalName(), null);
        };
    }

    private Element next(String address) {
        Element answer = SoapCall.newRequest(Namespaces.OBJECTS, "OdpowiedzPullPobierz");
        InboxDocument doc = state.inboxes().first(address);
        if (doc == null) {
            SoapParts.status(answer, "0", "Brak dokumentów");
            return answer;
        }
        SoapParts.status(answer, "1", "OK");
        Element entity = SoapCall.addChild(answer, "danePodmiotu", "");
        SoapCall.addChild(entity, "identyfikator", doc.senderEntityId());
        SoapCall.addChild(entity, "typOsoby", "P");
        SoapCall.addChild(entity, "nazwiskoNazwa", doc.senderEntityId());
        SoapCall.addChild(entity, "zgoda", "true");
        Element sender = SoapCall.addChild(answer, "daneNadawcy", "");
        SoapCall.addChild(sender, "system", "okienko");
        SoapCall.addChild(answer, "dataNadania", doc.received().toString());
        SoapCall.addChild(answer, "nazwaSkrytki", address.substring(address.lastIndexOf('/') + 1));
        SoapCall.addChild(answer, "adresSkrytki", address);
        SoapCall.addChild(answer, "adresOdpowiedzi", doc.replyTo());
        SoapCall.addChild(answer, "czyTestowe", "false");
        SoapCall.addChild(answer, "daneDodatkowe", "");
        Element document = SoapCall.addChild(answer, "dokument", "");
        SoapCall.addChild(document, "nazwaPliku", doc.fileName());
        SoapCall.addChild(document, "typPliku", doc.mimeType());
        SoapCall.addChild(document, "zawartosc", Base64.getEncoder().encodeToString(doc.content()));
        return answer;
    }

    private String digest(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance(state.acceptedDigest().jcaName()).digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
