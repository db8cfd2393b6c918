package dev.okienko.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SendReport;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.Upp;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.seeded.Simulation;
import dev.okienko.testkit.seeded.SimulationExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// tag::testkit-extension[]
@ExtendWith(SimulationExtension.class)
class FirstHourTest {
    @SimulationExtension.Simulated Mailbox mailbox;
    @SimulationExtension.Simulated SignatureVerifier verifier;

    @Test
    void edelivery(EDeliverySimulator edelivery, SimulatorClock clock) {
        SendReport report = mailbox.await(mailbox.send(Letter.builder().to(Simulation.OFFICE_ADE)
                .subject("Wezwanie").text("W załączeniu.").build()), Duration.ofSeconds(20));
        String messageId = report.messageIdFor(Simulation.OFFICE_ADE.value()).orElseThrow();
        for (EvidenceInfo info : mailbox.evidences(messageId)) {
            assertThat(mailbox.evidence(info, verifier).isGenuine(edelivery.evidenceCertificate())).isTrue();
        }
        clock.advance(Duration.ofDays(15));   // the token provider follows: no expired-token surprise
    }

    @Test
    void epuap(EpuapClient epuap, TestPki pki) {
        SendResult sent = epuap.send(EpuapSubmission.of(Simulation.SYSTEM_ENTITY, Simulation.OTHER_BOX,
                Simulation.OWN_BOX, "pismo.xml", TestDocuments.xmlLetter("Wniosek")));
        assertThat(Upp.read(sent.uppDocument().orElseThrow(), verifier).isGenuine(pki.epuapServer().certificate())).isTrue();
        EpuapInbox inbox = epuap.inbox(Simulation.OTHER_ENTITY, Simulation.OTHER_BOX);
        IncomingDocument doc = inbox.next().orElseThrow();   // store it first, then:
        inbox.confirm(doc);
    }

    @Test
    void xades(Signer signer, TestPki pki) {
        Content signed = signer.sign(Content.of(TestDocuments.xmlLetter("Decyzja"), "decyzja.xml"),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(pki.person().toSystemCredentials()));
        assertThat(verifier.verify(signed).allValid()).isTrue();
    }
}
// end::testkit-extension[]
