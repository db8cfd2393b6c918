package dev.okienko.examples.readme;

import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.HttpClients;
import dev.okienko.core.Krs;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.Regon;
import dev.okienko.core.RetryPolicy;
import dev.okienko.core.SecureXml;
import dev.okienko.core.SystemCredentials;
import dev.okienko.correspondence.Addressee;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.CorrespondenceQuery;
import dev.okienko.correspondence.CorrespondenceStore;
import dev.okienko.correspondence.EDeliveryOpening;
import dev.okienko.correspondence.IncomingItem;
import dev.okienko.correspondence.OutgoingAttachment;
import dev.okienko.correspondence.OutgoingLetter;
import dev.okienko.correspondence.Receivers;
import dev.okienko.correspondence.Submission;
import dev.okienko.correspondence.Workers;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.Evidence;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SendTask;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.edelivery.TokenProvider;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.InboxPoller;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.TrustedProfileSigningClient;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.document.Party;
import dev.okienko.signature.Content;
import dev.okienko.signature.PendingSignature;
import dev.okienko.signature.SignatureFormat;
import dev.okienko.signature.SignatureLevel;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.VerificationResult;
import dev.okienko.signature.VisibleSignature;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import okhttp3.OkHttpClient;
import org.w3c.dom.Document;

/**
 * The Java snippets of README.md, each between {@code tag::NAME[]} and {@code end::NAME[]}: they compile here, so
 * the README cannot show code that does not (ReadmeSnippetsTest holds each README block against its region). The
 * methods' parameters are what a snippet takes from the reader's own code.
 */
@SuppressWarnings({"unused", "UnusedAssignment"})
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /** Your own system, as the snippets call it. */
    interface Ezd {
        void register(IncomingDocument document);

        void register(IncomingItem item);
    }

    /** An HSM or remote signing service, as the snippets call it. */
    interface Hsm {
        byte[] sign(byte[] data, String algorithm);
    }

    /** A class of yours that JAXB reads. */
    @jakarta.xml.bind.annotation.XmlRootElement
    static final class Wniosek {
    }

    static void identifiers() {
        // tag::core-identifiers[]
        Pesel pesel = Pesel.parse("44051401359");
        pesel.birthDate();                 // 1944-05-14
        pesel.sex();                       // MALE
        pesel.toString();                  // *******1359 (a PESEL is never shown whole)

        Nip.parse("123-456-32-18").value();// 1234563218 (also accepts 1234563218 and PL1234563218)
        Regon.parse("12345678500010").entity(); // 123456785
        Krs.of(12345);                     // 0000012345

        Ade.parse("AE:PL-50419-15057-VDGUG-25");                            // strict: shape, country, check digits
        Ade.parse("AE:PL-12345-67890-ABCDE-12", Ade.Validation.LENIENT);    // shape only
        EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP").entityId();         // PodlaskaWKOHP
        // end::core-identifiers[]
    }

    static void xml(InputStream inputStream, JAXBContext jaxbContext) throws JAXBException {
        // tag::core-xml[]
        Document doc = SecureXml.parse(inputStream);
        XMLStreamReader r = SecureXml.newXmlStreamReader(inputStream);
        Wniosek w = SecureXml.unmarshal(jaxbContext.createUnmarshaller(), inputStream, Wniosek.class);
        Schema s = SecureXml.newSchema(Path.of("schema.xsd"));   // imports only from its own folder
        // end::core-xml[]
    }

    static void http(OkHttpClient yourClient, SystemCredentials systemCredentials, X509Certificate testEnvironmentCa) {
        // tag::core-http[]
        OkHttpClient http = HttpClients.builder()
            .baseClient(yourClient)
            .readTimeout(Duration.ofSeconds(30))
            .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
            .clientCertificate(systemCredentials)     // mutual TLS; the key never leaves its store (PKCS#11 works)
            .trustAnchors(List.of(testEnvironmentCa)) // only for servers with their own CA; by default the JDK's trust
            .build();
        // end::core-http[]
    }

    static void credentials(char[] password, Clock clock, Path file) {
        // tag::core-credentials[]
        SystemCredentials creds = SystemCredentials.fromPkcs12(Path.of("ezd.p12"), password);
        SystemCredentials other = SystemCredentials.loader().alias("ezd").password(password).clock(clock).loadPkcs12(file);
        // end::core-credentials[]
    }

    static void signing(X509Certificate rootCertificate, Path p12, char[] password, SigningKey key, Content pdfContent,
                        Content signedEarlier, char[] pin, Content document, SignatureOptions options,
                        List<X509Certificate> certificateChain, Hsm hsm) {
        // tag::signature-sign-verify[]
        TrustConfiguration trust = TrustConfiguration.anchors(rootCertificate);
        Signer signer = Signer.builder().tsa(URI.create("http://tsa.example/")).trust(trust).build();

        Content signed = signer.sign(Content.of(Path.of("pismo.xml")),
                SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.LT),
                SigningKey.of(SystemCredentials.fromPkcs12(p12, password)));
        Content pdf = signer.sign(Content.of(Path.of("decyzja.pdf")),
                SignatureOptions.pades().level(SignatureLevel.T).reason("Decyzja").location("Warszawa"), key);
        Content stamped = signer.sign(pdfContent, SignatureOptions.pades().visible(
                VisibleSignature.text("Podpisano elektronicznie\nJan Kowalski").at(1, 350, 700, 200, 60)), key);
        Content archived = signer.extend(signedEarlier, SignatureLevel.LTA, null);

        // a key on a smart card or HSM, through the JDK's SunPKCS11 (tested with SoftHSM2)
        SigningKey onToken = SigningKey.pkcs11(Path.of("/usr/lib/softhsm/libsofthsm2.so"), 0, pin, "jan");

        // remote or HSM signing: nothing but a small serialisable state is kept between the steps
        PendingSignature pending = signer.prepare(document, options, certificateChain);
        byte[] value = hsm.sign(pending.dataToSign(), pending.signatureAlgorithm());   // e.g. SHA256withRSA
        Content done = signer.finish(document, pending.state(), value);   // refuses another document or a wrong value

        SignatureVerifier verifier = SignatureVerifier.builder().trust(trust).build();   // .offline() never fetches
        for (VerificationReport r : verifier.verify(Content.of(Path.of("wniosek.xml"))).signatures()) {
            r.verdict();            // VALID, INVALID, INDETERMINATE (ETSI indication and sub-indication beside it)
            r.formatName();         // XAdES-BASELINE-LT
            r.signerName();         // r.pesel(), r.nip(): from PNOPL- / VATPL-, null when absent; PESEL masked in toString
            r.provenSigningTime();  // the earliest signature time stamp that verified; r.claimedSigningTime() beside it
            r.summary();            // one line; r.errors() and r.warnings() in words
        }
        // end::signature-sign-verify[]
    }

    static void formats(SignatureVerifier verifier, Signer signer, Content document, SigningKey key, Content pismo,
                        Content zalacznik) {
        // tag::signature-formats[]
        VerificationResult result = verifier.verify(Content.of(Path.of("wniosek.asice")));
        result.signatures();                      // one VerificationReport per signature, XAdES or CAdES inside
        result.container().ifPresent(c -> c.files().forEach(f ->
                System.out.println(f.name() + " signed by " + f.signatureIds())));   // empty: added unsigned
        result.allValid();                        // false when a file in the container is covered by no signature

        VerificationResult stamp = verifier.verify(Content.of(Path.of("protokol.tsr")), Content.of(Path.of("protokol.pdf")));
        stamp.timestamps().get(0).productionTime();   // also a PDF's document time stamps: TimestampReport each

        Content p7s = signer.sign(document, SignatureOptions.cades(SignaturePackaging.DETACHED), key);
        Content asice = signer.sign(List.of(pismo, zalacznik), SignatureOptions.asice(SignatureFormat.XADES), key);
        // end::signature-formats[]
    }

    static void trustedLists(List<X509Certificate> schemeOperatorCertificates, X509Certificate eIdCardRoot) {
        // tag::signature-trusted-lists[]
        TrustConfiguration trust = TrustConfiguration.builder()
            .trustedList(URI.create("https://…/PL_TSL.xml"), schemeOperatorCertificates)   // or .listOfTrustedLists(lotl, ojCertificates)
            .anchors(List.of(eIdCardRoot))                                                   // plus explicit anchors
            .cacheDirectory(Path.of("/var/cache/ezd/tl"))
            .build();
        trust.trustedListStatus();   // per list: loaded, signature valid, territory, sequence, next update, error
        // end::signature-trusted-lists[]
    }

    static void kinds(TrustConfiguration trust, X509Certificate trustedProfileSealCertificate, X509Certificate eIdCardRoot) {
        // tag::signature-kinds[]
        SignatureVerifier verifier = SignatureVerifier.builder()
            .trust(trust)
            .trustedProfileSeals(List.of(trustedProfileSealCertificate))
            .personalAnchors(List.of(eIdCardRoot))
            .build();
        VerificationReport r = verifier.verify(Content.of(Path.of("wniosek.xml"))).signatures().get(0);
        r.kind();      // TRUSTED_PROFILE
        r.signer();    // SignerIdentity[Anna Zając, PESEL *******3219, ePUAP anna.zajac, from PODPIS_ZP]
        // end::signature-kinds[]
    }

    static void trustedProfile(TrustedProfileSigningClient pz, byte[] xml, URI successUrl, URI failureUrl) {
        // tag::signature-trusted-profile[]
        URI signHere = pz.addDocumentToSigning(xml, successUrl, failureUrl, "Proszę podpisać wniosek");
        // send the person's browser to signHere; when they come back to successUrl:
        byte[] signed = pz.getSignedDocument(signHere).orElseThrow();   // then verify: kind() == TRUSTED_PROFILE
        // end::signature-trusted-profile[]
    }

    static void epuap(SystemCredentials systemCredentials, X509Certificate epuapServerCertificate, byte[] signedXml,
                      SignatureVerifier verifier, Ezd ezd) {
        // tag::epuap-client[]
        EpuapClient epuap = EpuapClient.builder()
            .environment(Environment.INTEGRATION)
            .credentials(systemCredentials)                 // the system certificate registered in ePUAP
            .serverCertificate(epuapServerCertificate)      // every answer must be signed with it
            .build();

        SendResult sent = epuap.send(EpuapSubmission.of("MojUrzad", EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP"),
                EpuapAddress.parse("/MojUrzad/skrytka"), "pismo.xml", signedXml));
        Upp upp = Upp.read(sent.uppDocument().orElseThrow(), verifier);    // upp.isGenuine(epuapCertificate)

        EpuapInbox inbox = epuap.inbox("MojUrzad", EpuapAddress.parse("/MojUrzad/skrytka"));
        int handled = InboxPoller.of(inbox, doc -> ezd.register(doc)).drain();   // confirmed only after ezd.register returned
        // end::epuap-client[]
    }

    static void addresses(Environment environment, char[] password, Collection<Ade> addresses, Ade recipient) {
        // tag::edelivery-addresses[]
        TokenProvider tokens = SignedJwtTokenProvider.builder()
                .environment(environment)                       // or .tokenEndpoint(URI)
                .credentials(SystemCredentials.fromPkcs12(Path.of("system.p12"), password))
                .system(Ade.parse("AE:PL-50419-15057-VDGUG-25"), "EZD")   // client id <ADE>.SYSTEM.<name>
                .build();
        AddressBook bae = AddressBook.builder().environment(environment).tokens(tokens)
                .sender(Ade.parse("AE:PL-50419-15057-VDGUG-25")).cache(Duration.ofMinutes(10)).build();
        Iterator<AddressEntry> found = bae.search(AddressQuery.byOfficialId(OfficialId.of(Nip.parse("5260250274"))));
        Map<Ade, AddressEntry> known = bae.lookup(addresses);           // up to 1000 in one call
        Optional<AddressEntry> entry = bae.confirm(recipient);
        // end::edelivery-addresses[]
    }

    static void mailbox(Environment environment, TokenProvider tokens, Ade recipient, SignatureVerifier verifier,
                        X509Certificate providerCertificate) {
        // tag::edelivery-mailbox[]
        Mailbox mailbox = Mailbox.builder().environment(environment).tokens(tokens)
                .address(Ade.parse("AE:PL-50419-15057-VDGUG-25")).build();
        Letter letter = Letter.builder().to(recipient).subject("Decyzja GK.6733.12.2026").text("W załączeniu decyzja.")
                .attach(Path.of("decyzja.pdf"), "application/pdf").caseId("GK.6733.12.2026").build();
        SendTask task = mailbox.send(letter);                           // 202 + messageTaskId
        SendReport report = mailbox.await(task, Duration.ofMinutes(2)); // per-recipient message ids or errors
        String messageId = report.messageIdFor(recipient.value()).orElseThrow();
        Iterator<MailboxMessage> inbox = mailbox.messages(Mailbox.Folder.INBOX);   // metadata: opens nothing
        MailboxMessage message = mailbox.open(messageId);               // full: the recipient's read is delivery (E.1)
        mailbox.downloadAttachment(messageId, message.attachments().get(0), Path.of("in/decyzja.pdf"));
        for (EvidenceInfo info : mailbox.evidences(messageId)) {
            Evidence evidence = mailbox.evidence(info, verifier);       // ETSI EN 319 522 XML, signature verified
            boolean proves = evidence.isGenuine(providerCertificate);   // valid, the provider's seal, whole document
        }
        // end::edelivery-mailbox[]
    }

    static void outgoing(Mailbox mailbox, AddressBook addressBook, EpuapClient epuapClient, EpuapAddress ourBox,
                         HybridShipment.PostalAddress officePostalAddress, SignatureVerifier verifier,
                         X509Certificate evidenceOperatorCertificate, X509Certificate epuapServerCertificate) {
        // tag::correspondence-outgoing[]
        CorrespondenceStore store = CorrespondenceStore.embedded(Path.of("okienko-store"));        // H2, one node
        // or: CorrespondenceStore.of(dataSource, sharedContentFolder).migrate();                 // PostgreSQL, many nodes
        Correspondence window = Correspondence.builder().store(store)
                .edelivery(mailbox, addressBook)                     // the office's mailbox and BAE
                .epuap(epuapClient, ourBox, Party.institution("Urząd Gminy Testowo", null))
                .hybrid(officePostalAddress)                         // paper letters for recipients without an address
                .trust(verifier, evidenceOperatorCertificate, epuapServerCertificate)
                .build();
        Submission s = window.submit(OutgoingLetter.builder()
                .to(Addressee.of(Nip.parse("5260250274")))            // looked up in BAE when routed
                .to(Addressee.of(EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP")))
                .subject("Decyzja GK.6733.12.2026").text("W załączeniu decyzja.")
                .attach(OutgoingAttachment.of(Path.of("decyzja.pdf"))).caseReference("GK.6733.12.2026")
                .idempotencyKey("ezd-doc-4711")                      // the same key again: the same letter, stored once
                .build());
        try (Workers workers = window.startWorkers(4)) {             // or window.workOnce() from a scheduled job
            // ... your application runs; close() lets the letters in hand finish
        }
        window.letter(s.letterId());                                 // status, each recipient's channel and reason, timeline
        window.needingAttention(50);                                 // undeliverable, refused, outcome unknown
        // end::correspondence-outgoing[]
    }

    static void incoming(CorrespondenceStore store, EpuapClient epuapClient, Mailbox mailbox, SignatureVerifier verifier,
                         Ezd ezd, byte[] requestBody, String itemId) {
        // tag::correspondence-incoming[]
        Correspondence window = Correspondence.builder().store(store)
                .receiveEpuap(epuapClient, "UrzadGminyTestowo", EpuapAddress.parse("/UrzadGminyTestowo/skrytka"))
                .receiveEdelivery(mailbox, EDeliveryOpening.BY_A_PERSON)   // or AT_ONCE: see below
                .verifySignatures(verifier)                          // or trust(...), which also checks receipts
                .incoming(item -> ezd.register(item))   // your EZD, idempotent by item.id(); content: openIncoming(item.id())
                .build();
        Receivers receivers = window.startReceivers(Duration.ofMinutes(1));   // poll each minute, or sooner when notified
        // in your webhook endpoint (mailbox.subscribe(new Subscriptions(url, null, null, null)) once):
        window.notified(requestBody);   // answer 200; a ClientException means 400
        window.fileIncoming(itemId, "GK.6220.1.2026");                   // once your EZD registered item.id() in a case
        window.correspondence(CorrespondenceQuery.all().caseReference("GK.6220.1.2026"));   // in and out, newest first
        // end::correspondence-incoming[]
    }
}
