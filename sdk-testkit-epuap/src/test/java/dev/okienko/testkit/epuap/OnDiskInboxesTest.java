package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The embedded ePUAP with its inboxes on disk: what was in them is there after a restart, and nothing twice. */
@ExtendWith(TestPkiExtension.class)
class OnDiskInboxesTest {
    private static final EpuapAddress URZAD = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final EpuapAddress NASZA = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");

    @TempDir
    Path folder;
    private TestPki pki;
    private SystemCredentials system;

    @BeforeEach
    void credentials(TestPki testPki) {
        pki = testPki;
        system = pki.seal().toSystemCredentials();
    }

    private EpuapSimulator start() {
        return EpuapSimulator.start(pki, folder).createInbox(URZAD).createInbox(NASZA).registerSystem(system.certificate());
    }

    private EpuapClient client(EpuapSimulator epuap) {
        return EpuapClient.builder().environment(epuap.environment()).credentials(system)
                .serverCertificate(pki.epuapServer().certificate()).build();
    }

    private static EpuapSubmission letter(String title) {
        return EpuapSubmission.of("UrzadGminyTestowo", URZAD, NASZA, title + ".xml", TestDocuments.xmlLetter(title));
    }

    @Test
    void documents_surviveARestart_inOrderAndWhole() {
        SendResult first;
        SendResult second;
        try (EpuapSimulator epuap = start()) {
            first = client(epuap).send(letter("Pierwsze"));
            second = client(epuap).send(letter("Drugie"));
        }

        try (EpuapSimulator again = start()) {
            assertThat(again.inbox(URZAD)).extracting(InboxDocument::documentId)
                    .containsExactly(first.documentId(), second.documentId());
            EpuapInbox inbox = client(again).inbox("PodlaskaWKOHP", URZAD);
            assertThat(inbox.pending()).isEqualTo(2);
            IncomingDocument doc = inbox.next().orElseThrow();
            assertThat(doc.fileName()).isEqualTo("Pierwsze.xml");
            assertThat(doc.content()).isEqualTo(TestDocuments.xmlLetter("Pierwsze"));
            assertThat(doc.replyTo()).isEqualTo(NASZA.value());
            inbox.confirm(doc);
        }

        try (EpuapSimulator third = start()) {
            assertThat(third.inbox(URZAD)).extracting(InboxDocument::documentId)
                    .containsExactly(second.documentId());
        }
    }

    @Test
    void restart_givesNoDocumentIdTwice() {
        String before;
        try (EpuapSimulator epuap = start()) {
            before = client(epuap).send(letter("Przed")).documentId();
        }
        try (EpuapSimulator again = start()) {
            String after = client(again).send(letter("Po")).documentId();
            assertThat(Long.parseLong(after)).isGreaterThan(Long.parseLong(before));
        }
    }

    @Test
    void confirmedDocument_leavesNothingBehindOnDisk() throws Exception {
        try (EpuapSimulator epuap = start()) {
            client(epuap).send(letter("Jedno"));
            EpuapInbox inbox = client(epuap).inbox("PodlaskaWKOHP", URZAD);
            inbox.confirm(inbox.next().orElseThrow());

            assertThat(epuap.inbox(URZAD)).isEmpty();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void halfWrittenDocument_contentWithoutItsProperties_isNotADocument() throws Exception {
        try (EpuapSimulator epuap = start()) {
            client(epuap).send(letter("Całe"));
        }
        Path box;
        try (Stream<Path> dirs = Files.list(folder)) {
            box = dirs.filter(d -> d.getFileName().toString().contains("PodlaskaWKOHP")).findFirst().orElseThrow();
        }
        Files.write(box.resolve("000000000099.bin"), new byte[] {1, 2, 3}); // a crash before the properties landed

        try (EpuapSimulator again = start()) {
            assertThat(again.inbox(URZAD)).hasSize(1);
            assertThat(client(again).inbox("PodlaskaWKOHP", URZAD).pending()).isEqualTo(1);
        }
    }
}
