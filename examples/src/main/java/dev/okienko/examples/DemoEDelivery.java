package dev.okienko.examples;

import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.Evidence;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SendTask;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.core.Ade;
import dev.okienko.core.Nip;
import dev.okienko.core.SystemCredentials;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Demo step 10: e-Doręczenia, a lookup, a signed letter followed to delivery, evidences verified. */
final class DemoEDelivery extends DemoSteps {
    DemoEDelivery(PrintWriter out, DemoSteps.Results results) {
        super(out, results);
    }

    void edelivery(TestPki pki) {
        Ade ours = Ade.parse("AE:PL-50419-15057-VDGUG-25");
        Ade office = Ade.parse("AE:PL-10609-91337-SAIBG-23");
        Nip officeNip = TestData.nip(526025027);
        SimulatorClock clock = SimulatorClock.systemUtc();
        Path folder = null;
        try (EDeliverySimulator sim = EDeliverySimulator.start(pki, clock)) {
            SystemCredentials ezd = pki.seal().toSystemCredentials();
            SystemCredentials theirs = pki.issueSeal("Urząd Skarbowy Testowo", officeNip).toSystemCredentials();
            sim.registerSystem(ours, "EZD", ezd.certificate()).registerSystem(office, "EZD", theirs.certificate())
                    .addAddress(BaeEntry.publicBody(office, "Urząd Skarbowy Testowo", officeNip, "Radom"));
            SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(sim.environment()).credentials(ezd)
                    .system(ours, "EZD").clock(clock).build();
            AddressBook bae = AddressBook.builder().environment(sim.environment()).tokens(tokens).sender(ours).build();
            AddressEntry entry = bae.search(AddressQuery.byOfficialId(OfficialId.of(officeNip))).next();
            out.println("   BAE: NIP " + officeNip.value() + " is " + entry.ade() + " (" + entry.displayName() + ", " + entry.status() + ")");
            report("address found", office.value(), entry.ade().value());

            folder = Files.createTempDirectory("okienko-demo-edelivery");
            Path letterFile = Files.write(folder.resolve("wezwanie.xml"), Signer.builder().build()
                    .sign(Content.of(TestDocuments.xmlLetter("Wezwanie do złożenia wyjaśnień"), "wezwanie.xml"),
                            SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(ezd)).toBytes());
            Mailbox mailbox = Mailbox.builder().environment(sim.environment()).tokens(tokens).address(ours).clock(clock)
                    .pollInterval(java.time.Duration.ofMillis(100)).build();
            Letter letter = Letter.builder().to(entry.ade()).subject("Wezwanie GK.6733.12.2026").text("W załączeniu wezwanie.")
                    .attach(letterFile, "application/xml").caseId("GK.6733.12.2026").build();
            SendTask task = mailbox.send(letter);
            SendReport sent = mailbox.await(task, java.time.Duration.ofSeconds(30));
            String messageId = sent.messageIdFor(office.value()).orElseThrow();
            out.println("   sent '" + letter.subject() + "' with a XAdES-signed attachment: task " + task.taskId() + ", message " + messageId);
            report("recipients accepted", "1", Long.toString(sent.recipients().stream().filter(SendReport.Recipient::accepted).count()));

            Mailbox theirBox = Mailbox.builder().environment(sim.environment()).address(office).clock(clock)
                    .tokens(SignedJwtTokenProvider.builder().environment(sim.environment()).credentials(theirs)
                            .system(office, "EZD").clock(clock).build()).build();
            MailboxMessage waiting = theirBox.messages(Mailbox.Folder.INBOX).next();
            out.println("   the office polls its inbox (metadata, nothing opened): '" + waiting.subject() + "', " + waiting.status()
                    + ", " + waiting.daysToReceive() + " days to presumed delivery");
            MailboxMessage opened = theirBox.open(messageId);
            Path received = theirBox.downloadAttachment(messageId, opened.attachments().get(0), folder.resolve("odebrane.xml"));
            SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate()))
                    .clock(clock).build();
            report("attachment signature", "VALID", verifier.verify(Content.of(Files.readAllBytes(received), "wezwanie.xml"))
                    .signatures().get(0).verdict().name());
            report("status for the sender", "Doręczona", String.valueOf(mailbox.metadata(messageId).status()));

            StringBuilder codes = new StringBuilder();
            boolean allGenuine = true;
            for (EvidenceInfo info : mailbox.evidences(messageId)) {
                Evidence evidence = mailbox.evidence(info, verifier);
                boolean genuine = evidence.isGenuine(sim.evidenceCertificate());
                allGenuine &= genuine;
                codes.append(codes.length() == 0 ? "" : " ").append(info.type());
                out.println("   evidence " + info.type() + " " + evidence.eventId().substring(evidence.eventId().lastIndexOf('/') + 1)
                        + " at " + evidence.eventTime() + ", " + evidence.signature().verdict() + " signature by "
                        + cn(evidence.signature().signerCertificate()) + (genuine ? ", genuine" : ", NOT genuine"));
            }
            report("evidences", "A.1 D.1 E.1", codes.toString());
            report("all evidences genuine", "yes", allGenuine ? "yes" : "no");

            String second = mailbox.await(mailbox.send(Letter.builder().to(office).subject("Zawiadomienie").text("Treść").build()),
                    java.time.Duration.ofSeconds(30)).messageIdFor(office.value()).orElseThrow();
            clock.advance(java.time.Duration.ofDays(14).plusMinutes(1));
            out.println("   a second letter is left unopened; the simulator's clock moves on 14 days");
            report("status after 14 days", "Uznana za doręczoną", String.valueOf(mailbox.metadata(second).status()));
        } catch (IOException | RuntimeException e) {
            report("e-Doręczenia round trip", "done", "error: " + e);
        } finally {
            if (folder != null) {
                deleteQuietly(folder);
            }
        }
    }
}
