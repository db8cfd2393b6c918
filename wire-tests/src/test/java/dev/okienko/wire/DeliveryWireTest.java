package dev.okienko.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Environment;
import dev.okienko.epuap.DeliveryOrder;
import dev.okienko.epuap.DownloadedFile;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.UpdDraft;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.epuap.internal.RecipientSignature;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import dev.okienko.testkit.pki.TestXadesSigner;
import jakarta.activation.DataHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.cxf.attachment.ByteDataSource;
import org.apache.cxf.endpoint.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pl.gov.epuap.ws.doreczyciel.Doreczyciel;
import pl.gov.epuap.ws.filerepo.Filerepo;
import pl.gov.epuap.ws.pull.Pull;
import pl.gov.epuap.wsdl.filerepocore.DownloadFile;
import pl.gov.epuap.wsdl.filerepocore.DownloadFileParam;
import pl.gov.epuap.wsdl.filerepocore.UploadFileParam;
import pl.gov.epuap.wsdl.obiekty.DokumentTyp;
import pl.gov.epuap.wsdl.obiekty.OdpowiedzDoreczycielaTyp;
import pl.gov.epuap.wsdl.obiekty.StatusTyp;
import pl.gov.epuap.wsdl.obiekty.ZapytaniePullPobierzTyp;

/**
 * Both directions of wire compatibility for delivery against a UPD ({@code doreczyciel.wsdl}) and the file
 * repository ({@code filerepo.wsdl}), with clients and service interfaces CXF's wsdl2java made from the
 * official WSDL.
 */
@ExtendWith(TestPkiExtension.class)
class DeliveryWireTest {
    private static final EpuapAddress URZAD = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final EpuapAddress NASZA = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
    private static final byte[] LETTER = TestDocuments.xmlLetter("Decyzja doręczana za UPD");

    @TempDir
    Path dir;

    private static DokumentTyp document(String name, String type, byte[] content) {
        DokumentTyp d = new DokumentTyp();
        d.setNazwaPliku(name);
        d.setTypPliku(type);
        d.setZawartosc(content);
        return d;
    }

    private static byte[] random(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    // ------------------------------------------------------------------ generated clients against the embedded ePUAP

    @Test
    void generatedClient_deliversAndTheRecipientTakesItAgainstASignedUpd(TestPki pki) throws Exception {
        try (EpuapSimulator epuap = EpuapSimulator.start(pki).createInbox(URZAD).createInbox(NASZA)
                .registerSystem(pki.seal().certificate())) {
            Doreczyciel doreczyciel = Cxf.client(Doreczyciel.class, epuap.endpoint(EpuapSimulator.Service.DORECZYCIEL), pki);
            ZonedDateTime deadline = ZonedDateTime.now(ZoneId.of("Europe/Warsaw")).plusDays(14).truncatedTo(ChronoUnit.SECONDS);
            XMLGregorianCalendar termin = DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(GregorianCalendar.from(deadline));

            OdpowiedzDoreczycielaTyp answer = doreczyciel.dorecz("UrzadGminyTestowo", URZAD.value(), NASZA.value(), termin,
                    false, null, "SPRAWA.1.2026", null, null, document("decyzja.xml", "text/xml", LETTER));

            assertThat(answer.getStatus().getKod()).isEqualTo(1);
            assertThat(answer.getIdentyfikatorZlecenia()).isNotBlank();
            assertThat(epuap.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.documentId()).isEqualTo(answer.getIdentyfikatorDokumentu());
                assertThat(d.deadline()).isEqualTo(deadline.toInstant());
                assertThat(d.caseId()).isEqualTo("SPRAWA.1.2026");
                assertThat(d.acknowledged()).isFalse();
            });

            Pull pull = Cxf.client(Pull.class, epuap.endpoint(EpuapSimulator.Service.PULL), pki);
            ZapytaniePullPobierzTyp next = new ZapytaniePullPobierzTyp();
            next.setPodmiot("PodlaskaWKOHP");
            next.setNazwaSkrytki(URZAD.boxName());
            next.setAdresSkrytki(URZAD.value());
            byte[] draft = pull.pobierzNastepny(next).getDokument().getZawartosc();
            assertThat(new String(draft, StandardCharsets.UTF_8)).contains("UPD", answer.getIdentyfikatorDokumentu())
                    .doesNotContain("Signature");

            StatusTyp taken = doreczyciel.odbierz("PodlaskaWKOHP", false, null,
                    document("UPD.xml", "text/xml", TestXadesSigner.signEnveloped(draft, pki.seal())));

            assertThat(taken.getKod()).as(taken.getKomunikat()).isEqualTo(1);
            assertThat(epuap.deliveries()).singleElement().satisfies(d -> assertThat(d.acknowledged()).isTrue());
            assertThat(epuap.inbox(URZAD)).singleElement().satisfies(r -> assertThat(r.content()).isEqualTo(LETTER));
            assertThat(epuap.inbox(NASZA)).singleElement().satisfies(r -> assertThat(
                    RecipientSignature.verify(r.content()).signer()).isEqualTo(pki.epuapServer().certificate()));
        }
    }

    @Test
    void generatedClient_uploadsAndDownloadsOnceThroughTheEmbeddedFileRepository(TestPki pki) throws Exception {
        try (EpuapSimulator epuap = EpuapSimulator.start(pki).registerSystem(pki.seal().certificate())) {
            byte[] scan = random(3 * 1024 * 1024);
            Filerepo repo = Cxf.client(Filerepo.class, epuap.endpoint(EpuapSimulator.Service.FILE_REPOSITORY), pki);

            UploadFileParam upload = new UploadFileParam();
            upload.setFile(new DataHandler(new ByteDataSource(scan, "application/pdf")));
            upload.setFilename("skan.pdf");
            upload.setMimeType("application/pdf");
            upload.setSubject("UrzadGminyTestowo");
            String id = repo.uploadFile(upload);
            assertThat(epuap.storedFiles()).containsExactly(id);

            DownloadFileParam download = new DownloadFileParam();
            download.setFileId(id);
            download.setSubject("PodlaskaWKOHP");
            DownloadFile file = repo.downloadFile(download);

            assertThat(file.getFilename()).isEqualTo("skan.pdf");
            assertThat(file.getMimeType()).isEqualTo("application/pdf");
            assertThat(file.getFile().getInputStream().readAllBytes()).isEqualTo(scan);
            assertThat(epuap.storedFiles()).isEmpty();
            assertThatThrownBy(() -> repo.downloadFile(download)).isInstanceOf(pl.gov.epuap.ws.filerepo.OdbierzFaultMsg.class)
                    .hasMessageContaining("został już pobrany");
        }
    }

    // ------------------------------------------------------------------ okienko's client against plain servers

    /**
     * doreczyciel and the file repository as a plain implementation of the generated interfaces: a delivery
     * puts a UPD draft into the (pull) box, a signed UPD releases the document; each file is handed out once.
     */
    static final class PlainDelivery implements Doreczyciel, Filerepo {
        final WireCompatibilityTest.PlainEpuap boxes;
        final List<String> headers = new CopyOnWriteArrayList<>();
        final List<DokumentTyp> kept = new CopyOnWriteArrayList<>();
        final List<byte[]> signedUpds = new CopyOnWriteArrayList<>();
        final java.util.Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();

        PlainDelivery(WireCompatibilityTest.PlainEpuap boxes) {
            this.boxes = boxes;
        }

        @Override
        public OdpowiedzDoreczycielaTyp dorecz(String podmiot, String adresSkrytki, String adresOdpowiedzi,
                                               XMLGregorianCalendar terminDoreczenia, boolean czyProbne,
                                               String identyfikatorDokumentu, String identyfikatorSprawy,
                                               javax.xml.transform.Source daneDodatkowe, DokumentTyp upd, DokumentTyp dokument) {
            headers.addAll(List.of(podmiot, adresSkrytki, adresOdpowiedzi, String.valueOf(terminDoreczenia),
                    Boolean.toString(czyProbne), String.valueOf(identyfikatorSprawy)));
            kept.add(dokument);
            String id = "CXF-D" + kept.size();
            String draft = "<upo:Dokument xmlns:upo=\"http://crd.gov.pl/xml/schematy/UPO/2008/05/09/\"><upo:UPD>"
                    + "<upo:IdentyfikatorPoswiadczenia>UPD-" + id + "</upo:IdentyfikatorPoswiadczenia>"
                    + "<upo:Adresat>" + adresSkrytki + "</upo:Adresat><upo:Nadawca>" + podmiot + "</upo:Nadawca>"
                    + "<upo:IdentyfikatorDokumentu>" + id + "</upo:IdentyfikatorDokumentu>"
                    + "<upo:IdentyfikatorZlecenia>Z-" + id + "</upo:IdentyfikatorZlecenia></upo:UPD></upo:Dokument>";
            boxes.box.add(document("UPD-" + id + ".xml", "text/xml", draft.getBytes(StandardCharsets.UTF_8)));
            OdpowiedzDoreczycielaTyp answer = new OdpowiedzDoreczycielaTyp();
            answer.setStatus(WireCompatibilityTest.PlainEpuap.status(1, "OK"));
            answer.setIdentyfikatorDokumentu(id);
            answer.setIdentyfikatorZlecenia("Z-" + id);
            return answer;
        }

        @Override
        public StatusTyp odbierz(String podmiot, boolean czyProbne, javax.xml.transform.Source daneDodatkowe, DokumentTyp upd) {
            signedUpds.add(upd.getZawartosc());
            boxes.box.removeIf(d -> d.getNazwaPliku().startsWith("UPD-"));
            boxes.box.add(kept.remove(0));
            return WireCompatibilityTest.PlainEpuap.status(1, "OK");
        }

        @Override
        public String uploadFile(UploadFileParam dataDocument) {
            throw new UnsupportedOperationException("uploadFile");
        }

        @Override
        public DownloadFile downloadFile(DownloadFileParam param) throws pl.gov.epuap.ws.filerepo.OdbierzFaultMsg {
            byte[] content = files.remove(param.getFileId());
            if (content == null) {
                throw new pl.gov.epuap.ws.filerepo.OdbierzFaultMsg("Plik " + param.getFileId() + " został już pobrany");
            }
            DownloadFile file = new DownloadFile();
            file.setFile(new DataHandler(new ByteDataSource(content, "application/pdf")));
            file.setFilename("skan.pdf");
            file.setMimeType("application/pdf");
            return file;
        }
    }

    @Test
    void okienkosClient_deliversAcknowledgesAndDownloadsThroughPlainServersMadeFromTheWsdl(TestPki pki) throws Exception {
        URI root = Cxf.freeRoot();
        URI services = root.resolve(Environment.Service.EPUAP.simulatorPath());
        WireCompatibilityTest.PlainEpuap boxes = new WireCompatibilityTest.PlainEpuap();
        PlainDelivery plain = new PlainDelivery(boxes);
        byte[] scan = random(2 * 1024 * 1024);
        plain.files.put("FR-1", scan);
        List<Server> servers = List.of(
                Cxf.publish(Pull.class, boxes, services.resolve("pull"), pki, pki.epuapServer()),
                Cxf.publish(Doreczyciel.class, plain, services.resolve("doreczyciel"), pki, pki.epuapServer()),
                Cxf.publish(Filerepo.class, plain, root.resolve("repo-ws-ext/FileRepoService"), pki, pki.epuapServer()));
        try {
            EpuapClient client = EpuapClient.builder().environment(Environment.custom(root))
                    .credentials(pki.seal().toSystemCredentials()).serverCertificate(pki.epuapServer().certificate()).build();
            Instant deadline = Instant.now().plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

            DeliveryOrder order = client.deliver(EpuapSubmission.of("UrzadGminyTestowo", URZAD, NASZA, "decyzja.xml", LETTER),
                    deadline, "SPRAWA.1.2026");

            assertThat(order.documentId()).isEqualTo("CXF-D1");
            assertThat(order.orderId()).isEqualTo("Z-CXF-D1");
            assertThat(plain.headers).hasSize(6).startsWith("UrzadGminyTestowo", URZAD.value(), NASZA.value())
                    .endsWith("false", "SPRAWA.1.2026");
            assertThat(Instant.parse(plain.headers.get(3))).isEqualTo(deadline);

            EpuapInbox inbox = client.inbox("PodlaskaWKOHP", URZAD);
            IncomingDocument draftDocument = inbox.next().orElseThrow();
            UpdDraft draft = UpdDraft.of(draftDocument).orElseThrow();
            assertThat(draft.documentId()).isEqualTo("CXF-D1");

            byte[] signed = client.acknowledge("PodlaskaWKOHP", draft);

            assertThat(plain.signedUpds).singleElement().isEqualTo(signed);
            assertThat(RecipientSignature.verify(signed).signer()).isEqualTo(pki.seal().certificate());
            IncomingDocument delivered = inbox.next().orElseThrow();
            assertThat(delivered.content()).isEqualTo(LETTER);

            DownloadedFile file = client.downloadFile("FR-1", "PodlaskaWKOHP", dir.resolve("skan.pdf"));
            assertThat(Files.readAllBytes(file.path())).isEqualTo(scan);
            assertThat(file.fileName()).isEqualTo("skan.pdf");
            assertThat(file.mimeType()).isEqualTo("application/pdf");
            assertThatThrownBy(() -> client.downloadFile("FR-1", "PodlaskaWKOHP", dir.resolve("again.pdf")))
                    .isInstanceOf(dev.okienko.core.ServiceException.class).hasMessageContaining("został już pobrany");
        } finally {
            servers.forEach(Server::destroy);
        }
    }
}
