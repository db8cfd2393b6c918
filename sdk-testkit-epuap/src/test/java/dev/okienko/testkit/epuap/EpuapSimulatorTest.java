package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.SecureXml;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.ConfirmationDigest;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.WsSecurity;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.Verdict;
import dev.okienko.testkit.pki.SharedSpecs;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.util.List;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * okienko's ePUAP client against the embedded ePUAP, and both sides held against the official contract
 * (shared/specs/epuap/wsdl/obiektypk.xsd).
 */
@ExtendWith(TestPkiExtension.class)
class EpuapSimulatorTest {
    private static final EpuapAddress URZAD = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final EpuapAddress NASZA = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");

    private TestPki pki;
    private EpuapSimulator epuap;
    private SystemCredentials system;
    private EpuapClient client;

    @BeforeEach
    void start(TestPki testPki) {
        pki = testPki;
        epuap = EpuapSimulator.start(pki).createInbox(URZAD).createInbox(NASZA);
        system = pki.seal().toSystemCredentials();
        epuap.registerSystem(system.certificate());
        client = EpuapClient.builder().environment(epuap.environment()).credentials(system)
                .serverCertificate(pki.epuapServer().certificate()).build();
    }

    @AfterEach
    void stop() {
        epuap.close();
    }

    private static EpuapSubmission letter() {
        return EpuapSubmission.of("UrzadGminyTestowo", URZAD, NASZA, "pismo.xml", TestDocuments.xmlLetter("Pismo ogólne"));
    }

    @Test
    void send_documentLandsInTheRecipientsInbox() {
        SendResult sent = client.send(letter());

        List<InboxDocument> inbox = epuap.inbox(URZAD);
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).documentId()).isEqualTo(sent.documentId());
        assertThat(inbox.get(0).senderEntityId()).isEqualTo("UrzadGminyTestowo");
        assertThat(inbox.get(0).replyTo()).isEqualTo(NASZA.value());
        assertThat(inbox.get(0).content()).isEqualTo(TestDocuments.xmlLetter("Pismo ogólne"));
        assertThat(sent.statusMessage()).isEqualTo("OK");
    }

    @Test
    void send_uppComesSignedByEpuapAndNamesTheDocument() {
        SendResult sent = client.send(letter());

        SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build();
        Upp upp = Upp.read(sent.uppDocument().orElseThrow(), verifier);

        assertThat(upp.certificateId()).isEqualTo(sent.uppId());
        assertThat(upp.documentId()).isEqualTo(sent.documentId());
        assertThat(upp.recipient()).isEqualTo(URZAD.value());
        assertThat(upp.sender()).isEqualTo("UrzadGminyTestowo");
        assertThat(upp.deliveredAt()).isNotNull();
        assertThat(upp.signature().verdict()).isEqualTo(Verdict.VALID);
        assertThat(upp.isGenuine(pki.epuapServer().certificate())).isTrue();
        assertThat(upp.isGenuine(pki.seal().certificate())).isFalse();
    }

    @Test
    void upp_changedAfterSigning_notGenuine() {
        byte[] upp = client.send(letter()).uppDocument().orElseThrow();
        String changed = new String(upp, java.nio.charset.StandardCharsets.UTF_8).replace("UrzadGminyTestowo", "KtosInny");

        Upp read = Upp.read(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build());

        assertThat(read.signature().verdict()).isEqualTo(Verdict.INVALID);
        assertThat(read.isGenuine(pki.epuapServer().certificate())).isFalse();
    }

    @Test
    void upp_forgedWithAnotherKey_notGenuine() {
        byte[] forged = dev.okienko.testkit.pki.TestXadesSigner.signEnveloped(("<upo:Dokument xmlns:upo=\"" + Upp.NAMESPACE
                + "\"><upo:UPP><upo:IdentyfikatorPoswiadczenia>UPP-1</upo:IdentyfikatorPoswiadczenia>"
                + "<upo:IdentyfikatorDokumentu>1</upo:IdentyfikatorDokumentu></upo:UPP></upo:Dokument>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), pki.seal());

        Upp read = Upp.read(forged, SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build());

        assertThat(read.signature().verdict()).isEqualTo(Verdict.VALID);
        assertThat(read.isGenuine(pki.epuapServer().certificate())).isFalse();
    }

    @Test
    void upp_notAUpp_typedError() {
        assertThatThrownBy(() -> Upp.read(TestDocuments.xmlLetter("X"),
                SignatureVerifier.builder().build())).isInstanceOf(dev.okienko.core.XmlException.class)
                .hasMessageContaining("not a UPP");
    }

    @Test
    void send_trial_acceptedButNotDelivered() {
        SendResult sent = client.send(letter().trial(true));

        assertThat(sent.documentId()).isNotEmpty();
        assertThat(sent.uppDocument()).isEmpty();
        assertThat(epuap.inbox(URZAD)).isEmpty();
    }

    @Test
    void send_unknownBox_serviceExceptionWithEpuapsMessage() {
        EpuapSubmission toNowhere = EpuapSubmission.of("UrzadGminyTestowo", EpuapAddress.parse("/Nikt/skrytka"), NASZA,
                "pismo.xml", TestDocuments.xmlLetter("X"));

        assertThatThrownBy(() -> client.send(toNowhere))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCodes()).containsExactly("soapenv:Server"))
                .hasMessageContaining("nie istnieje");
    }

    @Test
    void send_unregisteredSystem_soapFault() {
        EpuapClient stranger = EpuapClient.builder().environment(epuap.environment())
                .credentials(pki.person().toSystemCredentials()).serverCertificate(pki.epuapServer().certificate()).build();

        assertThatThrownBy(() -> stranger.send(letter()))
                .isInstanceOf(ServiceException.class).hasMessageContaining("unknown system certificate");
        assertThat(epuap.inbox(URZAD)).isEmpty();
    }

    @Test
    void builder_withoutServerCertificate_refused() {
        assertThatThrownBy(() -> EpuapClient.builder().environment(epuap.environment()).credentials(system).build())
                .hasMessageContaining("server certificate");
    }

    // ------------------------------------------------------------------ pull

    @Test
    void pull_twoDocuments_takenOneAtATimeAndRedeliveredUntilConfirmed() {
        client.send(EpuapSubmission.of("UrzadGminyTestowo", URZAD, NASZA, "pierwsze.xml", TestDocuments.xmlLetter("1")));
        client.send(EpuapSubmission.of("UrzadGminyTestowo", URZAD, NASZA, "drugie.xml", TestDocuments.xmlLetter("2")));
        EpuapInbox inbox = client.inbox("PodlaskaWKOHP", URZAD);

        assertThat(inbox.pending()).isEqualTo(2);
        IncomingDocument first = inbox.next().orElseThrow();
        assertThat(first.fileName()).isEqualTo("pierwsze.xml");
        assertThat(first.content()).isEqualTo(TestDocuments.xmlLetter("1"));
        assertThat(first.senderEntityId()).isEqualTo("UrzadGminyTestowo");
        assertThat(first.replyTo()).isEqualTo(NASZA.value());
        assertThat(first.sentAt()).isNotNull();
        // not confirmed yet: a crash here means it comes again
        IncomingDocument again = inbox.next().orElseThrow();
        assertThat(again.digest()).isEqualTo(first.digest());

        inbox.confirm(first);
        assertThat(inbox.pending()).isEqualTo(1);
        IncomingDocument second = inbox.next().orElseThrow();
        assertThat(second.fileName()).isEqualTo("drugie.xml");
        inbox.confirm(second);

        assertThat(inbox.pending()).isZero();
        assertThat(inbox.next()).isEmpty();
    }

    @Test
    void pull_confirmWithDigestEpuapDoesNotAccept_refusedAndDocumentStays() {
        client.send(letter());
        EpuapClient sha256 = EpuapClient.builder().environment(epuap.environment()).credentials(system)
                .serverCertificate(pki.epuapServer().certificate()).confirmationDigest(ConfirmationDigest.SHA256).build();
        EpuapInbox inbox = sha256.inbox("PodlaskaWKOHP", URZAD);
        IncomingDocument doc = inbox.next().orElseThrow();

        assertThatThrownBy(() -> inbox.confirm(doc))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCodes()).containsExactly("-1"))
                .hasMessageContaining("Skrót");
        assertThat(inbox.pending()).isEqualTo(1);

        epuap.acceptConfirmationDigest(ConfirmationDigest.SHA256);
        inbox.confirm(doc);
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void pull_anotherEntitysBox_refused() {
        assertThatThrownBy(() -> client.inbox("KtosInny", URZAD).pending())
                .isInstanceOf(ServiceException.class).hasMessageContaining("Brak uprawnień");
    }

    // ------------------------------------------------------------------ contract: obiektypk.xsd

    @Test
    void contract_pullRequestsAndAnswersValidateAgainstOfficialSchema() {
        Schema schema = SecureXml.newSchema(SharedSpecs.require("epuap/wsdl/obiektypk.xsd"));
        client.send(letter());
        EpuapInbox inbox = client.inbox("PodlaskaWKOHP", URZAD);
        List<Runnable> calls = List.of(inbox::pending, () -> inbox.next(),
                () -> inbox.confirm(inbox.next().orElseThrow()));

        for (Runnable call : calls) {
            call.run();
            for (Document message : List.of(epuap.lastRequest(EpuapSimulator.Service.PULL), epuap.lastAnswer(EpuapSimulator.Service.PULL))) {
                Element body = (Element) message.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
                List<Element> parts = ContractParts.children(body, Namespaces.OBJECTS);
                assertThat(parts).hasSize(1);
                SecureXml.validate(schema, ContractParts.standalone(parts.get(0)));
            }
        }
    }

    // ------------------------------------------------------------------ contract: obiektypk.xsd (skrytka)

    @Test
    void contract_clientsNadajRequestPartsValidateAgainstOfficialSchema() {
        Schema schema = SecureXml.newSchema(SharedSpecs.require("epuap/wsdl/obiektypk.xsd"));
        client.send(letter().additionalData("<Dane/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        Document request = epuap.lastRequest(EpuapSimulator.Service.SKRYTKA);
        Element header = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Header").item(0);
        Element body = (Element) request.getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        int parts = 0;
        for (Element part : ContractParts.children(header, Namespaces.OBJECTS)) {
            SecureXml.validate(schema, ContractParts.standalone(part));
            parts++;
        }
        assertThat(parts).as("IdentyfikatorPodmiotu, AdresSkrytki, AdresOdpowiedzi, CzyProbne, DaneDodatkowe").isEqualTo(5);
        List<Element> bodyParts = ContractParts.children(body, Namespaces.OBJECTS);
        assertThat(bodyParts).extracting(Element::getLocalName).containsExactly("Dokument");
        SecureXml.validate(schema, ContractParts.standalone(bodyParts.get(0)));
    }

    @Test
    void contract_simulatorsAnswerValidatesAgainstOfficialSchema() {
        Schema schema = SecureXml.newSchema(SharedSpecs.require("epuap/wsdl/obiektypk.xsd"));
        client.send(letter());

        Element body = (Element) epuap.lastAnswer(EpuapSimulator.Service.SKRYTKA).getElementsByTagNameNS(WsSecurity.SOAP, "Body").item(0);
        List<Element> parts = ContractParts.children(body, Namespaces.OBJECTS);

        assertThat(parts).extracting(Element::getLocalName).containsExactly("OdpowiedzSkrytki");
        SecureXml.validate(schema, ContractParts.standalone(parts.get(0)));
    }
}
