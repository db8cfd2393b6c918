package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.ConfirmationDigest;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.InboxPoller;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The poller's promise against the embedded ePUAP: handed over at least once, confirmed only after, never lost. */
@ExtendWith(TestPkiExtension.class)
class InboxPollerTest {
    private static final EpuapAddress BOX = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final EpuapAddress REPLY = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");

    private EpuapSimulator epuap;
    private EpuapInbox inbox;
    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void start(TestPki pki) {
        epuap = EpuapSimulator.start(pki).createInbox(BOX).createInbox(REPLY);
        SystemCredentials system = pki.seal().toSystemCredentials();
        epuap.registerSystem(system.certificate());
        EpuapClient client = EpuapClient.builder().environment(epuap.environment()).credentials(system)
                .serverCertificate(pki.epuapServer().certificate()).build();
        for (String name : List.of("a.xml", "b.xml")) {
            client.send(EpuapSubmission.of("UrzadGminyTestowo", BOX, REPLY, name, TestDocuments.xmlLetter(name)));
        }
        inbox = client.inbox("PodlaskaWKOHP", BOX);
    }

    @AfterEach
    void stop() {
        epuap.close();
    }

    @Test
    void aConfirmationLostOnTheWay_leavesTheDocumentInTheBox_andTheTrafficLogNamesEachOperation() {
        epuap.inject(EpuapSimulator.Service.PULL, "ZapytaniePullPotwierdz", dev.okienko.testkit.Mishap.dropConnection());
        dev.okienko.epuap.IncomingDocument first = inbox.next().orElseThrow();

        assertThatThrownBy(() -> inbox.confirm(first)).isInstanceOf(dev.okienko.epuap.AnswerLostException.class);

        assertThat(inbox.pending()).as("not confirmed: it comes again").isEqualTo(2);
        assertThat(inbox.next().orElseThrow().fileName()).isEqualTo(first.fileName());
        assertThat(epuap.traffic()).extracting(dev.okienko.testkit.Exchange::operation)
                .containsSubsequence("Dokument", "ZapytaniePullPobierz", "ZapytaniePullPotwierdz", "ZapytaniePullPobierz");
        assertThat(epuap.traffic()).filteredOn(e -> "ZapytaniePullPotwierdz".equals(e.operation())).singleElement()
                .satisfies(e -> assertThat(e.status()).as("dropped").isZero());
    }

    @Test
    void drain_handsOverEveryDocumentAndEmptiesTheBox() {
        int count = InboxPoller.of(inbox, doc -> handled.add(doc.fileName())).drain();

        assertThat(count).isEqualTo(2);
        assertThat(handled).containsExactly("a.xml", "b.xml");
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void drain_handlerFails_documentStaysAndComesAgain() {
        InboxPoller failing = new InboxPoller(inbox, doc -> {
            throw new java.io.IOException("EZD database down");
        });

        assertThatThrownBy(failing::drain).isInstanceOf(InboxPoller.HandlerFailedException.class)
                .hasMessageContaining("a.xml").hasRootCauseMessage("EZD database down");
        assertThat(inbox.pending()).isEqualTo(2);

        assertThat(InboxPoller.of(inbox, doc -> handled.add(doc.fileName())).drain()).isEqualTo(2);
        assertThat(handled).containsExactly("a.xml", "b.xml");
    }

    @Test
    void drain_confirmationFailsAfterHandling_confirmedLaterWithoutHandlingTwice() {
        InboxPoller poller = InboxPoller.of(inbox, doc -> handled.add(doc.fileName()));
        epuap.acceptConfirmationDigest(ConfirmationDigest.SHA256); // the client confirms with SHA-1: refused

        assertThatThrownBy(poller::drain).isInstanceOf(ServiceException.class);
        assertThat(handled).containsExactly("a.xml");
        assertThat(inbox.pending()).isEqualTo(2);

        epuap.acceptConfirmationDigest(ConfirmationDigest.SHA1);
        assertThat(poller.drain()).isEqualTo(1);

        assertThat(handled).containsExactly("a.xml", "b.xml");
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void drain_epuapDeliversAConfirmedDocumentAgain_handedOverWithTheSameDigestSoItIsRecognisable() {
        List<String> digests = new ArrayList<>();
        epuap.duplicateNextDelivery();

        int count = InboxPoller.of(inbox, doc -> {
            handled.add(doc.fileName());
            digests.add(doc.digest());
        }).drain();

        assertThat(count).isEqualTo(3);
        assertThat(handled).containsExactly("a.xml", "b.xml", "a.xml");
        assertThat(digests.get(2)).isEqualTo(digests.get(0)).isNotEqualTo(digests.get(1));
        assertThat(inbox.pending()).isZero();
    }
}
