package com.example.ezd;

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
import dev.okienko.testkit.seeded.SimulationExtension.Simulated;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Three flows against the embedded simulators: all a vendor's first test needs. */
@ExtendWith(SimulationExtension.class)
class QuickStartTest {
    @Simulated Mailbox mailbox;                 // the office's e-Doręczenia mailbox (Simulation.OWN_ADE)
    @Simulated SignatureVerifier verifier;      // trusts the test PKI

    @Test
    void edelivery_letterAccepted_withGenuineEvidences(EDeliverySimulator edelivery, SimulatorClock clock) {
        Letter letter = Letter.builder().to(Simulation.OFFICE_ADE).subject("Wezwanie").text("W załączeniu.").build();

        SendReport report = mailbox.await(mailbox.send(letter), Duration.ofSeconds(20));

        assertThat(report.allAccepted()).isTrue();
        String messageId = report.recipients().get(0).messageId();
        for (EvidenceInfo info : mailbox.evidences(messageId)) {
            assertThat(mailbox.evidence(info, verifier).isGenuine(edelivery.evidenceCertificate())).as(info.type()).isTrue();
        }
        clock.advance(Duration.ofDays(15));      // e.g. towards presumed delivery: tokens follow the same clock
        assertThat(mailbox.metadata(messageId).messageId()).isEqualTo(messageId);
    }

    @Test
    void epuap_sentWithAGenuineUpp_thenPulledAndConfirmed(EpuapClient epuap, TestPki pki) {
        SendResult sent = epuap.send(EpuapSubmission.of(Simulation.SYSTEM_ENTITY, Simulation.OTHER_BOX, Simulation.OWN_BOX,
                "wniosek.xml", TestDocuments.xmlLetter("Wniosek o zaświadczenie")));
        assertThat(Upp.read(sent.uppDocument().orElseThrow(), verifier).isGenuine(pki.epuapServer().certificate())).isTrue();

        EpuapInbox inbox = epuap.inbox(Simulation.OTHER_ENTITY, Simulation.OTHER_BOX);
        IncomingDocument document = inbox.next().orElseThrow();
        // store the document durably here, then confirm: ePUAP forgets it once confirmed
        inbox.confirm(document);

        assertThat(document.fileName()).isEqualTo("wniosek.xml");
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void xades_signedByAPerson_verifiesValid(Signer signer, TestPki pki) {
        Content signed = signer.sign(Content.of(TestDocuments.xmlLetter("Decyzja"), "decyzja.xml"),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(pki.person().toSystemCredentials()));

        assertThat(verifier.verify(signed).allValid()).isTrue();
    }
}
