package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.ClientException;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.SecureXml;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.DeliveryOrder;
import dev.okienko.epuap.DownloadedFile;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.Upd;
import dev.okienko.epuap.UpdDraft;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.Verdict;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.epuap.internal.RecipientSignature;
import dev.okienko.testkit.epuap.internal.SoapEndpoint;
import dev.okienko.testkit.pki.SharedSpecs;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery against a UPD ({@code doreczyciel}) and the file repository, okienko's client against the embedded
 * ePUAP, with both sides held against the official schemas.
 */
@ExtendWith(TestPkiExtension.class)
class DoreczycielTest {
    private static final EpuapAddress URZAD = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final EpuapAddress NASZA = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
    private static final byte[] LETTER = TestDocuments.xmlLetter("Decyzja do doręczenia");

    private TestPki pki;
    private EpuapSimulator epuap;
    private EpuapClient sender;
    private EpuapClient recipient;
    private SignatureVerifier verifier;

    @BeforeEach
    void start(TestPki testPki) {
        pki = testPki;
        epuap = EpuapSimulator.start(pki).createInbox(URZAD).createInbox(NASZA);
        SystemCredentials ours = pki.seal().toSystemCredentials();
        SystemCredentials theirs = pki.trustedProfileSeal().toSystemCredentials();
        epuap.registerSystem(ours.certificate()).registerSystem(theirs.certificate());
        sender = EpuapClient.builder().environment(epuap.environment()).credentials(ours)
                .serverCertificate(pki.epuapServer().certificate()).build();
        recipient = EpuapClient.builder().environment(epuap.environment()).credentials(theirs)
                .serverCertificate(pki.epuapServer().certificate()).build();
        verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build();
    }

    @AfterEach
    void stop() {
        epuap.close();
    }

    private DeliveryOrder deliver(Instant deadline) {
        return sender.deliver(EpuapSubmission.of("UrzadGminyTestowo", URZAD, NASZA, "decyzja.xml", LETTER), deadline, "GK.6721.1.2026");
    }

    /** Takes the draft from the recipient's box and confirms it, as a recipient's system does. */
    private UpdDraft takeDraft(EpuapInbox box) {
        IncomingDocument doc = box.next().orElseThrow();
        UpdDraft draft = UpdDraft.of(doc).orElseThrow(() -> new AssertionError("not a UPD draft: " + doc));
        box.confirm(doc);
        return draft;
    }

    @Test
    void deliver_documentKeptBackAndOnlyAnUnsignedUpdDraftArrives() {
        Instant deadline = Instant.now().plusSeconds(14 * 86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        DeliveryOrder order = deliver(deadline);

        EpuapInbox box = recipient.inbox("PodlaskaWKOHP", URZAD);
        assertThat(box.pending()).isEqualTo(1);
        IncomingDocument first = box.next().orElseThrow();
        UpdDraft draft = UpdDraft.of(first).orElseThrow();

        assertThat(new String(first.content(), StandardCharsets.UTF_8)).doesNotContain("Decyzja do doręczenia");
        assertThat(draft.documentId()).isEqualTo(order.documentId());
        assertThat(draft.orderId()).isEqualTo(order.orderId()).isNotNull();
        assertThat(draft.sender()).isEqualTo("UrzadGminyTestowo");
        assertThat(draft.recipient()).isEqualTo(URZAD.value());
        assertThat(draft.deadline()).isEqualTo(deadline);
        assertThat(epuap.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.caseId()).isEqualTo("GK.6721.1.2026");
            assertThat(d.acknowledged()).isFalse();
        });
    }

    @Test
    void acknowledge_documentReleasedAndSenderGetsAGenuineUpd() {
        DeliveryOrder order = deliver(Instant.now().plusSeconds(3600));
        EpuapInbox box = recipient.inbox("PodlaskaWKOHP", URZAD);

        byte[] signedByUs = recipient.acknowledge("PodlaskaWKOHP", takeDraft(box));

        IncomingDocument document = box.next().orElseThrow();
        assertThat(document.content()).isEqualTo(LETTER);
        assertThat(UpdDraft.of(document)).isEmpty();
        assertThat(verifier.verify(dev.okienko.signature.Content.of(signedByUs, "UPD.xml")).signatures())
                .singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.VALID));

        IncomingDocument receipt = sender.inbox("UrzadGminyTestowo", NASZA).next().orElseThrow();
        assertThat(UpdDraft.of(receipt)).as("a signed UPD is not a draft").isEmpty();
        Upd upd = Upd.read(receipt.content(), verifier);
        assertThat(upd.documentId()).isEqualTo(order.documentId());
        assertThat(upd.orderId()).isEqualTo(order.orderId());
        assertThat(upd.recipient()).isEqualTo(URZAD.value());
        assertThat(upd.deliveredAt()).isNotNull();
        assertThat(upd.isGenuine(pki.epuapServer().certificate())).isTrue();
        assertThat(upd.isGenuine(pki.seal().certificate())).isFalse();
        assertThat(epuap.deliveries()).singleElement().satisfies(d -> assertThat(d.acknowledged()).isTrue());
    }

    @Test
    void acknowledge_afterTheDeadline_refusedAndDocumentNotReleased() throws Exception {
        deliver(Instant.now().plusMillis(300));
        EpuapInbox box = recipient.inbox("PodlaskaWKOHP", URZAD);
        UpdDraft draft = takeDraft(box);
        Thread.sleep(600); // let the deadline pass; not a timing assertion

        assertThatThrownBy(() -> recipient.acknowledge("PodlaskaWKOHP", draft))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCodes()).containsExactly("-1"))
                .hasMessageContaining("Upłynął termin doręczenia");
        assertThat(box.pending()).isZero();
        assertThat(sender.inbox("UrzadGminyTestowo", NASZA).pending()).isZero();
    }

    @Test
    void acknowledge_draftForADocumentNeverDelivered_refused() {
        deliver(Instant.now().plusSeconds(3600));
        UpdDraft real = takeDraft(recipient.inbox("PodlaskaWKOHP", URZAD));
        String other = new String(real.xml(), StandardCharsets.UTF_8).replace(real.documentId() + "<", "999999<");
        UpdDraft forged = UpdDraft.of(new IncomingDocument("UPD.xml", "text/xml", other.getBytes(StandardCharsets.UTF_8),
                "x", null, null, null, false, new byte[0], "")).orElseThrow();

        assertThatThrownBy(() -> recipient.acknowledge("PodlaskaWKOHP", forged))
                .isInstanceOf(ServiceException.class).hasMessageContaining("Brak dokumentu 999999");
    }

    @Test
    void acknowledge_byAnotherEntity_refused() {
        deliver(Instant.now().plusSeconds(3600));
        UpdDraft draft = takeDraft(recipient.inbox("PodlaskaWKOHP", URZAD));

        assertThatThrownBy(() -> recipient.acknowledge("KtosInny", draft))
                .isInstanceOf(ServiceException.class).hasMessageContaining("Brak uprawnień");
        assertThat(epuap.deliveries()).singleElement().satisfies(d -> assertThat(d.acknowledged()).isFalse());
    }

    @Test
    void recipientSignature_changedAfterSigning_refusedBySimulator() {
        deliver(Instant.now().plusSeconds(3600));
        UpdDraft draft = takeDraft(recipient.inbox("PodlaskaWKOHP", URZAD));
        byte[] signed = recipient.acknowledge("PodlaskaWKOHP", draft);
        byte[] changed = new String(signed, StandardCharsets.UTF_8).replace("UrzadGminyTestowo", "UrzadGminyInny")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RecipientSignature.verify(signed).signer()).isEqualTo(pki.trustedProfileSeal().certificate());
        assertThatThrownBy(() -> RecipientSignature.verify(changed))
                .isInstanceOf(SoapEndpoint.Fault.class).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> RecipientSignature.verify(draft.xml()))
                .isInstanceOf(SoapEndpoint.Fault.class).hasMessageContaining("0 signatures");
    }

    @Test
    void deliver_unknownReplyBox_refusedAndNothingKept() {
        EpuapSubmission toNowhere = EpuapSubmission.of("UrzadGminyTestowo", URZAD, EpuapAddress.parse("/UrzadGminyTestowo/brak"),
                "decyzja.xml", LETTER);

        assertThatThrownBy(() -> sender.deliver(toNowhere, null, null))
                .isInstanceOf(ServiceException.class).hasMessageContaining("/UrzadGminyTestowo/brak nie istnieje");
        assertThat(epuap.deliveries()).isEmpty();
        assertThat(epuap.inbox(URZAD)).isEmpty();
    }

    @Test
    void deliver_serverError_notRepeated() {
        epuap.inject(EpuapSimulator.Service.DORECZYCIEL, Mishap.status(503));

        assertThatThrownBy(() -> deliver(Instant.now().plusSeconds(60))).isInstanceOf(ServiceException.class);
        assertThat(epuap.deliveries()).isEmpty();
        assertThat(epuap.inbox(URZAD)).isEmpty();
    }

    // ------------------------------------------------------------------ file repository

    @Test
    void downloadFile_storedBeforeReturningAndOnlyOnce(@TempDir Path dir) throws Exception {
        byte[] scan = TestDocuments.pdf("Skan wniosku", 300_000);
        String id = epuap.storeFile(scan, "skan.pdf", "application/pdf");

        DownloadedFile file = recipient.downloadFile(id, "PodlaskaWKOHP", dir.resolve("zalacznik.pdf"));

        assertThat(Files.readAllBytes(file.path())).isEqualTo(scan);
        assertThat(file.size()).isEqualTo(scan.length);
        assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(scan)));
        assertThat(file.fileName()).isEqualTo("skan.pdf");
        assertThat(file.mimeType()).isEqualTo("application/pdf");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file.path());
        }
        assertThatThrownBy(() -> recipient.downloadFile(id, "PodlaskaWKOHP", dir.resolve("again.pdf")))
                .isInstanceOf(ServiceException.class).hasMessageContaining("został już pobrany");
    }

    @Test
    void downloadFile_targetExists_refusedBeforeFetchingSoTheFileStays(@TempDir Path dir) throws Exception {
        String id = epuap.storeFile(new byte[] {1, 2, 3}, "a.bin", "application/octet-stream");
        Path existing = Files.writeString(dir.resolve("a.bin"), "mine");

        assertThatThrownBy(() -> recipient.downloadFile(id, "PodlaskaWKOHP", existing))
                .isInstanceOf(ClientException.class).hasMessageContaining("it exists");
        assertThat(Files.readString(existing)).isEqualTo("mine");
        assertThat(epuap.storedFiles()).containsExactly(id);
    }

    @Test
    void downloadFile_hostileFileNameIsNotUsedAsAPath(@TempDir Path dir) {
        String id = epuap.storeFile(new byte[] {7}, "../../etc/passwd", "text/plain");

        DownloadedFile file = recipient.downloadFile(id, "PodlaskaWKOHP", dir.resolve("z.bin"));

        assertThat(file.path()).isEqualTo(dir.resolve("z.bin").toAbsolutePath());
        assertThat(file.fileName()).isEqualTo("../../etc/passwd");
    }

    // ------------------------------------------------------------------ contract

    @Test
    void contract_doreczAndOdbierzMessagesValidateAgainstOfficialSchema() {
        Schema schema = SecureXml.newSchema(SharedSpecs.require("epuap/wsdl/obiektypk.xsd"));
        deliver(Instant.now().plusSeconds(3600));
        var request = epuap.lastRequest(EpuapSimulator.Service.DORECZYCIEL);
        List<String> headers = ContractParts.parts(request, "Header", Namespaces.OBJECTS).stream().map(e -> e.getLocalName()).toList();
        assertThat(headers).containsExactly("IdentyfikatorPodmiotu", "AdresSkrytki", "AdresOdpowiedzi", "TerminDoreczenia",
                "CzyProbne", "IdentyfikatorSprawy");
        assertThat(ContractParts.validate(schema, ContractParts.parts(request, "Header", Namespaces.OBJECTS))).isEqualTo(6);
        assertThat(ContractParts.validate(schema, ContractParts.parts(request, "Body", Namespaces.OBJECTS))).isEqualTo(1);
        assertThat(ContractParts.parts(epuap.lastAnswer(EpuapSimulator.Service.DORECZYCIEL), "Body", Namespaces.OBJECTS))
                .extracting(e -> e.getLocalName()).containsExactly("OdpowiedzDoreczyciela");
        ContractParts.validate(schema, ContractParts.parts(epuap.lastAnswer(EpuapSimulator.Service.DORECZYCIEL), "Body", Namespaces.OBJECTS));

        recipient.acknowledge("PodlaskaWKOHP", takeDraft(recipient.inbox("PodlaskaWKOHP", URZAD)));
        request = epuap.lastRequest(EpuapSimulator.Service.DORECZYCIEL);
        assertThat(ContractParts.validate(schema, ContractParts.parts(request, "Header", Namespaces.OBJECTS))).isEqualTo(2);
        assertThat(ContractParts.parts(request, "Body", Namespaces.OBJECTS)).extracting(e -> e.getLocalName()).containsExactly("UPD");
        ContractParts.validate(schema, ContractParts.parts(request, "Body", Namespaces.OBJECTS));
        assertThat(ContractParts.parts(epuap.lastAnswer(EpuapSimulator.Service.DORECZYCIEL), "Body", Namespaces.OBJECTS))
                .extracting(e -> e.getLocalName()).containsExactly("StatusDoreczyciela");
        ContractParts.validate(schema, ContractParts.parts(epuap.lastAnswer(EpuapSimulator.Service.DORECZYCIEL), "Body", Namespaces.OBJECTS));
    }

    @Test
    void contract_fileRepositoryMessagesValidateAgainstOfficialSchema(@TempDir Path dir) {
        Schema schema = SecureXml.newSchema(SharedSpecs.require("epuap/wsdl/filerepocore.xsd"));
        String id = epuap.storeFile("treść".getBytes(StandardCharsets.UTF_8), "a.txt", "text/plain");
        recipient.downloadFile(id, "PodlaskaWKOHP", dir.resolve("a.txt"));

        assertThat(ContractParts.validate(schema,
                ContractParts.parts(epuap.lastRequest(EpuapSimulator.Service.FILE_REPOSITORY), "Body", Namespaces.FILE_REPOSITORY))).isEqualTo(1);
        assertThat(ContractParts.validate(schema,
                ContractParts.parts(epuap.lastAnswer(EpuapSimulator.Service.FILE_REPOSITORY), "Body", Namespaces.FILE_REPOSITORY))).isEqualTo(1);
    }

    @Test
    void serveContracts_wsdlWithTheSimulatorsAddressAndItsImports() throws Exception {
        Path wsdl = SharedSpecs.require("epuap/wsdl");
        epuap.serveContracts(wsdl);
        var http = java.net.http.HttpClient.newHttpClient();
        for (EpuapSimulator.Service service : EpuapSimulator.Service.values()) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(epuap.endpoint(service) + "?wsdl")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(service.wsdlName()).isEqualTo(200);
            assertThat(answer.body()).contains("location=\"" + epuap.endpoint(service) + "\"");
        }
        var xsd = http.send(java.net.http.HttpRequest.newBuilder(epuap.endpoint(EpuapSimulator.Service.SKRYTKA).resolve("obiektypk.xsd")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xsd.body()).isEqualTo(Files.readAllBytes(wsdl.resolve("obiektypk.xsd")));
        var traversal = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(epuap.endpoint(EpuapSimulator.Service.SKRYTKA).resolve("x") + "/..%2F..%2Fetc%2Fpasswd")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(traversal.statusCode()).isEqualTo(404);
        assertThat(Optional.ofNullable(epuap.lastRequest(EpuapSimulator.Service.SKRYTKA))).as("GETs are not SOAP requests").isEmpty();
    }
}
