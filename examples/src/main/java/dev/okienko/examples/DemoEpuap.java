package dev.okienko.examples;

import dev.okienko.epuap.DeliveryOrder;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.InboxPoller;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.Upd;
import dev.okienko.epuap.UpdDraft;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.document.Attachment;
import dev.okienko.epuap.document.DocumentHtml;
import dev.okienko.epuap.document.Party;
import dev.okienko.epuap.document.PismoOgolne;
import dev.okienko.epuap.document.PostalAddress;
import dev.okienko.testkit.epuap.EpuapSimulator;
import java.util.ArrayList;
import java.util.List;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Pesel;
import dev.okienko.core.SystemCredentials;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationReport;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import java.io.PrintWriter;

/** Demo step 9: ePUAP, a signed Pismo ogólne sent with its UPP and pulled; a delivery against a UPD. */
final class DemoEpuap extends DemoSteps {
    DemoEpuap(PrintWriter out, DemoSteps.Results results) {
        super(out, results);
    }

    void epuap(TestPki pki) {
        EpuapAddress urzad = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
        EpuapAddress nasza = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
        try (EpuapSimulator sim = EpuapSimulator.start(pki).createInbox(urzad).createInbox(nasza)) {
            SystemCredentials ezd = pki.seal().toSystemCredentials();
            sim.registerSystem(ezd.certificate());
            EpuapClient client = EpuapClient.builder().environment(sim.environment())
                    .credentials(ezd).serverCertificate(pki.epuapServer().certificate()).build();
            SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build();

            PismoOgolne letter = PismoOgolne.builder(PismoOgolne.Form.V2013)
                    .sender(Party.person("Jan", "Kowalski", Pesel.parse("44051401359"),
                            PostalAddress.of("15-950", "Białystok", "Lipowa", "1")))
                    .recipient(Party.institution("Podlaski Wojewódzki Konserwator Ochrony Hodowli Pszczół", null))
                    .place("Białystok").created(java.time.LocalDate.now()).title("Wniosek o wydanie zaświadczenia")
                    .paragraph("Proszę o wydanie zaświadczenia o wpisie do rejestru pasiek.")
                    .attachment(Attachment.inline("mapa.pdf", "application/pdf", TestDocuments.pdf("Mapa pasieki"), "Mapa"))
                    .build();
            byte[] signed = Signer.builder().build().sign(Content.of(letter.toXml(), "pismo.xml"),
                    SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(pki.person().toSystemCredentials())).toBytes();
            SendResult sent = client.send(EpuapSubmission.of("UrzadGminyTestowo", urzad, nasza, "pismo.xml", signed));
            out.println("   sent a signed Pismo ogólne to " + urzad + ": document id " + sent.documentId() + ", status "
                    + sent.statusMessage());
            Upp upp = Upp.read(sent.uppDocument().orElseThrow(), verifier);
            out.println("   UPP " + upp.certificateId() + " for document " + upp.documentId() + ", delivered "
                    + upp.deliveredAt() + ", signed by " + cn(upp.signature().signerCertificate()));
            report("UPP from ePUAP", "genuine", upp.isGenuine(pki.epuapServer().certificate()) ? "genuine" : "NOT genuine");

            EpuapInbox inbox = client.inbox("PodlaskaWKOHP", urzad);
            out.println("   " + urzad + " has " + inbox.pending() + " document(s) waiting");
            List<IncomingDocument> received = new ArrayList<>();
            int handled = InboxPoller.of(inbox, received::add).drain();
            report("documents pulled", "1", Integer.toString(handled));
            report("left in the inbox", "0", Integer.toString(inbox.pending()));
            IncomingDocument doc = received.get(0);
            out.println("   pulled and confirmed " + doc.fileName() + " from " + doc.senderEntityId() + " (skrot " + doc.digest() + ")");
            PismoOgolne read = PismoOgolne.read(doc.content());
            report("letter read back", "equal", read.equals(letter) ? "equal" : "different");
            VerificationReport signature = verifier.verify(Content.of(doc.content(), doc.fileName())).signatures().get(0);
            report("its signature", "VALID", signature.verdict() + " (" + signature.signerName() + ")");
            String html = DocumentHtml.render(doc.content());
            report("rendered for a person", "HTML", html.startsWith("<!DOCTYPE html>") && html.contains("Wniosek o wydanie")
                    ? "HTML" : "unexpected");

            out.println("   delivery against a UPD (doreczyciel): the office sends a decision back");
            DeliveryOrder order = client.deliver(EpuapSubmission.of("PodlaskaWKOHP", nasza, urzad, "decyzja.xml",
                    TestDocuments.xmlLetter("Decyzja")), java.time.Instant.now().plus(java.time.Duration.ofDays(14)), "WKOHP.1.2026");
            EpuapInbox ours = client.inbox("UrzadGminyTestowo", nasza);
            IncomingDocument notice = ours.next().orElseThrow();
            UpdDraft draft = UpdDraft.of(notice).orElseThrow();
            ours.confirm(notice);
            out.println("   " + nasza + " got the UPD draft for document " + draft.documentId() + " (order " + draft.orderId()
                    + "); signing it takes the document");
            client.acknowledge("UrzadGminyTestowo", draft);
            IncomingDocument decision = ours.next().orElseThrow();
            ours.confirm(decision);
            report("decision released", "decyzja.xml", decision.fileName());
            Upd upd = Upd.read(inbox.next().orElseThrow().content(), verifier);
            out.println("   UPD " + upd.certificateId() + " for document " + upd.documentId() + ", delivered " + upd.deliveredAt());
            report("UPD to the sender", "genuine", upd.isGenuine(pki.epuapServer().certificate())
                    && upd.documentId().equals(order.documentId()) ? "genuine" : "NOT genuine");
        } catch (RuntimeException e) {
            report("ePUAP round trip", "done", "error: " + e);
        }
    }
}
