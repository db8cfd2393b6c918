package dev.okienko.examples;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.SystemCredentials;
import dev.okienko.correspondence.Addressee;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.CorrespondenceStore;
import dev.okienko.correspondence.EDeliveryOpening;
import dev.okienko.correspondence.IncomingItem;
import dev.okienko.correspondence.LetterView;
import dev.okienko.correspondence.OutgoingLetter;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.document.Party;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestXadesSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Demo step 11: the one window. Three letters, submitted to the embedded store, routed by the law (a body
 * with an ADE, a public body reachable only by ePUAP, a person without an address on paper), sent once, and
 * followed to their receipts; then two documents arrive in the office's ePUAP box, one with a signature
 * altered after signing, and a message in its e-Doręczenia mailbox, and end in one list, stored once, the altered
 * one flagged.
 */
final class DemoOneWindow extends DemoSteps {
    DemoOneWindow(PrintWriter out, DemoSteps.Results results) {
        super(out, results);
    }

    void oneWindow(TestPki pki) {
        Ade ours = Ade.parse("AE:PL-50419-15057-VDGUG-25");
        Ade office = Ade.parse("AE:PL-10609-91337-SAIBG-23");
        Nip officeNip = TestData.nip(526025027);
        EpuapAddress ourBox = EpuapAddress.parse("/UrzadGminyTestowo/SkrytkaESP");
        EpuapAddress wkoBox = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
        SimulatorClock clock = SimulatorClock.systemUtc();
        Path folder = null;
        CorrespondenceStore store = null;
        try (EDeliverySimulator edelivery = EDeliverySimulator.start(pki, clock);
             EpuapSimulator epuap = EpuapSimulator.start(pki).createInbox(ourBox).createInbox(wkoBox)) {
            folder = Files.createTempDirectory("okienko-demo-window");
            SystemCredentials ezd = pki.seal().toSystemCredentials();
            edelivery.registerSystem(ours, "EZD", ezd.certificate())
                    .addAddress(BaeEntry.publicBody(office, "Urząd Skarbowy Testowo", officeNip, "Radom"));
            epuap.registerSystem(ezd.certificate());
            SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(ezd)
                    .system(ours, "EZD").clock(clock).build();
            store = CorrespondenceStore.embedded(folder.resolve("store"));
            EpuapClient epuapClient = EpuapClient.builder().environment(epuap.environment()).credentials(ezd)
                    .serverCertificate(pki.epuapServer().certificate()).build();
            Mailbox ourMailbox = Mailbox.builder().environment(edelivery.environment()).tokens(tokens).address(ours).clock(clock)
                    .pollInterval(Duration.ofMillis(50)).build();
            Correspondence window = Correspondence.builder().store(store).clock(clock)
                    .edelivery(ourMailbox, AddressBook.builder().environment(edelivery.environment()).tokens(tokens).sender(ours).build())
                    .receiveEdelivery(ourMailbox, EDeliveryOpening.AT_ONCE)
                    .epuap(epuapClient, ourBox, Party.institution("Urząd Gminy Testowo", null))
                    .receiveEpuap(epuapClient, "UrzadGminyTestowo", ourBox)
                    .hybrid(new HybridShipment.PostalAddress("PL", "26-600", "Radom", "Żeromskiego", "53", null))
                    .trust(SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).clock(clock).build(),
                            edelivery.evidenceCertificate(), pki.epuapServer().certificate())
                    .timing(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(1))
                    .build();
            List<String> ids = Stream.of(
                    OutgoingLetter.builder().to(Addressee.of(officeNip)).subject("Decyzja GK.1.2026").caseReference("GK.1.2026")
                            .idempotencyKey("demo-1"),
                    OutgoingLetter.builder().to(Addressee.of(wkoBox)).subject("Zawiadomienie GK.2.2026").caseReference("GK.2.2026")
                            .idempotencyKey("demo-2"),
                    OutgoingLetter.builder().to(Addressee.of(Pesel.parse("44051401359")).withPaperAddress(new HybridShipment.Addressee(
                                    "Jan", "Kowalski", null, new HybridShipment.PostalAddress("PL", "15-001", "Białystok", "Lipowa", "1", null))))
                            .subject("Wezwanie GK.3.2026").caseReference("GK.3.2026").idempotencyKey("demo-3"))
                    .map(b -> window.submit(b.text("Treść pisma.").build()).letterId()).toList();
            String again = window.submit(OutgoingLetter.builder().to(Addressee.of(officeNip)).subject("Decyzja GK.1.2026")
                    .caseReference("GK.1.2026").text("Treść pisma.").idempotencyKey("demo-1").build()).letterId();
            report("the same key again gives the same letter", ids.get(0), again);
            window.workOnce();
            for (String id : ids) {
                LetterView v = window.letter(id).orElseThrow();
                LetterView.Recipient r = v.recipients().get(0);
                out.println("   '" + v.subject() + "' to " + r.addressee() + ": " + r.channel() + (r.address() == null ? "" : " " + r.address())
                        + ", " + r.status() + " (" + r.routingReason() + ")");
            }
            report("channels", "EDELIVERY EPUAP HYBRID", ids.stream().map(id -> String.valueOf(window.letter(id).orElseThrow()
                    .recipients().get(0).channel())).reduce((a, b) -> a + " " + b).orElse(""));
            report("letters the office received", "1", Long.toString(edelivery.receivedCount(office)));
            report("documents in the ePUAP box", "1", Integer.toString(epuap.inbox(wkoBox).size()));
            report("the ePUAP letter, by its UPP", "DELIVERED", window.letter(ids.get(1)).orElseThrow().recipients().get(0).status().name());
            clock.advance(Duration.ofDays(14).plusMinutes(1));
            window.workOnce();
            out.println("   fourteen days on, unopened:");
            LetterView first = window.letter(ids.get(0)).orElseThrow();
            first.timeline().forEach(e -> out.println("     " + e.at() + "  " + e.status() + (e.detail() == null ? "" : "  " + e.detail())));
            report("the e-Doręczenia letter", "PRESUMED_DELIVERED", first.recipients().get(0).status().name());
            report("letters needing a person", "0", Integer.toString(window.needingAttention(10).size()));

            out.println("   incoming: two signed applications arrive in the office's ePUAP box, one altered after signing, and a message");
            out.println("   from the tax office in its e-Doręczenia mailbox");
            SystemCredentials taxOffice = pki.issueSeal("Urząd Skarbowy Testowo", officeNip).toSystemCredentials();
            edelivery.registerSystem(office, "EZD", taxOffice.certificate());
            Mailbox theirs = Mailbox.builder().environment(edelivery.environment()).address(office).clock(clock)
                    .pollInterval(Duration.ofMillis(50)).tokens(SignedJwtTokenProvider.builder().environment(edelivery.environment())
                            .credentials(taxOffice).system(office, "EZD").clock(clock).build()).build();
            Path notice = Files.write(folder.resolve("zawiadomienie.xml"), TestXadesSigner.signEnveloped(
                    application("Zawiadomienie o wszczęciu postępowania"), pki.issueSeal("Urząd Skarbowy Testowo", officeNip)));
            theirs.await(theirs.send(dev.okienko.edelivery.Letter.builder().to(ours).subject("Zawiadomienie US.1.2026")
                    .text("W załączeniu zawiadomienie.").attach(notice, "text/xml").build()), Duration.ofSeconds(10));
            EpuapAddress citizen = EpuapAddress.parse("/JanKowalski/skrytka");
            epuap.deposit(ourBox, "JanKowalski", citizen, "wniosek.xml", "text/xml",
                    TestXadesSigner.signEnveloped(application("Wniosek o wydanie zaświadczenia"), pki.seal()));
            epuap.deposit(ourBox, "JanKowalski", citizen, "wniosek-2.xml", "text/xml", new String(TestXadesSigner.signEnveloped(
                    application("Wniosek o zwrot 100 zł"), pki.seal()), StandardCharsets.UTF_8).replace("100 zł", "9100 zł")
                    .getBytes(StandardCharsets.UTF_8));
            report("items stored (the ePUAP ones before they were confirmed)", "3", Integer.toString(window.receiveOnce()));
            report("documents left in the ePUAP box", "0", Integer.toString(epuap.inbox(ourBox).size()));
            for (IncomingItem item : window.incomingItems(10)) {
                out.println("   " + item.channel() + "  '" + item.fileName() + "' from " + item.sender() + ": signatures "
                        + item.signatures().verdict() + (item.parts().isEmpty() ? "" : ", " + item.parts().size() + " attachment")
                        + (item.isClean() ? "" : ", FLAGGED: " + item.flags().get(0)));
            }
            report("flagged (the altered one)", "1", Long.toString(window.incomingItems(10).stream().filter(i -> !i.isClean()).count()));
            report("stored again when polled again", "0", Integer.toString(window.receiveOnce()));
        } catch (IOException | RuntimeException e) {
            report("one window", "done", "error: " + e);
        } finally {
            if (store != null) {
                store.close();
            }
            if (folder != null) {
                deleteQuietly(folder);
            }
        }
    }

    private static byte[] application(String text) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Wniosek xmlns=\"urn:okienko:demo\"><Tresc>" + text + "</Tresc></Wniosek>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
