package dev.okienko.testkit.seeded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.Evidence;
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
import dev.okienko.signature.Verdict;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three flows a newcomer writes first, as the README shows them: e-Doręczenia send with its evidences, ePUAP
 * send with its UPP and pull, XAdES sign and verify; each with nothing but what the extension injects, and the
 * shared clock moved a day forward without breaking tokens.
 */
@ExtendWith(SimulationExtension.class)
class SimulationExtensionTest {
    @SimulationExtension.Simulated
    static Simulation simulation;
    @SimulationExtension.Simulated
    Mailbox mailbox;
    @SimulationExtension.Simulated
    SignatureVerifier verifier;

    @Test
    void edelivery_send_acceptedWithVerifiedEvidences_evenAfterTheClockMovesOn(AddressBook addresses, SimulatorClock clock,
                                                                              EDeliverySimulator edelivery) {
        assertThat(addresses.lookup(List.of(Simulation.OFFICE_ADE))).containsKey(Simulation.OFFICE_ADE);
        clock.advance(Duration.ofDays(1)); // past the token's lifetime: the provider shares the clock

        SendReport report = mailbox.await(mailbox.send(Letter.builder().to(Simulation.OFFICE_ADE).subject("Wezwanie")
                .text("W załączeniu.").build()), Duration.ofSeconds(20));

        assertThat(report.allAccepted()).isTrue();
        String messageId = report.recipients().get(0).messageId();
        List<EvidenceInfo> evidences = mailbox.evidences(messageId);
        assertThat(evidences).isNotEmpty();
        for (EvidenceInfo info : evidences) {
            Evidence evidence = mailbox.evidence(info, verifier);
            assertThat(evidence.isGenuine(edelivery.evidenceCertificate())).as(info.type()).isTrue();
        }
    }

    @Test
    void epuap_send_withAGenuineUpp_thenPulledOnce(EpuapClient epuap, TestPki pki) {
        SendResult sent = epuap.send(EpuapSubmission.of(Simulation.SYSTEM_ENTITY, Simulation.OTHER_BOX, Simulation.OWN_BOX,
                "pismo.xml", TestDocuments.xmlLetter("Wniosek")));
        Upp upp = Upp.read(sent.uppDocument().orElseThrow(), verifier);
        assertThat(upp.isGenuine(pki.epuapServer().certificate())).isTrue();

        EpuapInbox inbox = epuap.inbox(Simulation.OTHER_ENTITY, Simulation.OTHER_BOX);
        IncomingDocument doc = inbox.next().orElseThrow();
        inbox.confirm(doc);

        assertThat(doc.fileName()).isEqualTo("pismo.xml");
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void xades_signed_thenVerifiedValid(Signer signer, TestPki pki) {
        Content signed = signer.sign(Content.of(TestDocuments.xmlLetter("Decyzja"), "decyzja.xml"),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(pki.person().toSystemCredentials()));

        assertThat(verifier.verify(signed).signatures()).singleElement()
                .satisfies(r -> assertThat(r.verdict()).as(r.errors().toString()).isEqualTo(Verdict.VALID));
    }

    @Test
    void oneSimulationPerClass_theSameInEveryTest(Simulation injected, TestPki pki) {
        assertThat(injected).isSameAs(simulation);
        assertThat(pki).isSameAs(simulation.pki());
        assertThat(SimulationExtension.providedTypes()).contains(Mailbox.class, EpuapClient.class, Signer.class);
    }

    @Test
    void aFieldOfAnotherType_isRefusedByName() {
        class Wrong {
            @SimulationExtension.Simulated
            String text;
        }
        assertThatThrownBy(() -> SimulationExtension.fields(Wrong.class))
                .hasMessageContaining("@Simulated Wrong.text").hasMessageContaining("java.lang.String");
    }
}
