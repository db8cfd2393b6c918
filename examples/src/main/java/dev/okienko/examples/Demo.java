package dev.okienko.examples;

import dev.okienko.epuap.DeliveryOrder;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.InboxPoller;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.Upd;
import dev.okienko.epuap.UpdDraft;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.document.Attachment;
import dev.okienko.epuap.document.DocumentHtml;
import dev.okienko.epuap.document.Party;
import dev.okienko.epuap.document.PismoOgolne;
import dev.okienko.epuap.document.PostalAddress;
import dev.okienko.testkit.EpuapSimulator;
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
import dev.okienko.testkit.EDeliverySimulator;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.pki.TestData;
import java.util.ArrayList;
import java.util.List;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.HttpClients;
import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.SystemCredentials;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureLevel;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.VerificationResult;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The end-to-end demo: everything runs against okienko's embedded services on 127.0.0.1, nothing leaves
 * the machine. Each step says what it expects and what it got; the demo fails (exit code 1) when any
 * step does not get what it expects. It grows with every capability okienko gains.
 */
public final class Demo {
    /** Names for the subject attributes Polish certificates use that RFC 2253 prints only as OIDs. */
    private static final Map<String, String> NAMES = Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.97",
            "ORGANIZATIONIDENTIFIER", "2.5.4.42", "GIVENNAME", "2.5.4.4", "SURNAME");

    private final PrintWriter out;
    private boolean allAsExpected = true;

    /**
     * @param out where the demo reports
     */
    public Demo(PrintWriter out) {
        this.out = out;
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        System.exit(new Demo(out).run() ? 0 : 1);
    }

    /** @return whether every step got what it expected */
    public boolean run() {
        out.println("okienko demo: everything below runs on this machine, against okienko's embedded services.");
        long start = System.nanoTime();
        try (TestPki pki = TestPki.start()) {
            out.printf("%n1. Test PKI started in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            out.println("   root CA          " + pki.rootCertificate().getSubjectX500Principal().getName());
            out.println("   issuing CA       " + pki.issuingCaCertificate().getSubjectX500Principal().getName());
            out.println("   RFC 3161 TSA     " + pki.tsaUri());
            out.println("   OCSP responder   " + pki.ocspUri());
            out.println("   CRL              " + pki.issuingCaCrlUri());
            out.println("   issuer cert AIA  " + pki.issuingCaCertificateUri());

            out.printf("%n2. Test identities%n");
            describePerson("person", pki.person());
            describeSeal("seal", pki.seal());
            describeSeal("trusted-profile seal", pki.trustedProfileSeal());
            out.println("   ePUAP server         " + cn(pki.epuapServer().certificate()));
            describePerson("revoked person", pki.revokedPerson());
            describePerson("expired person", pki.expiredPerson());

            out.printf("%n3. Certificate status, checked by the JDK's PKIX validator with OCSP from the loopback responder%n");
            expectStatus(pki, pki.person(), "valid");
            expectStatus(pki, pki.revokedPerson(), "revoked");
            expectStatus(pki, pki.expiredPerson(), "expired");

            out.printf("%n4. The issuing CA's CRL, fetched through okienko's HTTP stack%n");
            fetchCrl(pki);

            out.printf("%n5. System credentials from a PKCS#12 file%n");
            loadCredentials(pki);

            out.printf("%n6. Signatures: a letter (XAdES-LT) and a PDF (PAdES-LT), signed and verified%n");
            signAndVerify(pki);

            out.printf("%n7. Kinds of signature: trusted profile, a forged one, qualified%n");
            kinds(pki);

            out.printf("%n8. Signing with a trusted profile: TpSigning5 client against the embedded service%n");
            trustedProfileRoundTrip(pki);

            out.printf("%n9. ePUAP: a signed Pismo ogólne sent to an inbox with its UPP, pulled at the other end; a delivery against a UPD%n");
            epuap(pki);

            out.printf("%n10. e-Doręczenia: a recipient looked up by NIP, a signed letter sent and followed to delivery, evidences verified%n");
            edelivery(pki);
        }

        out.printf("%n11. Identifiers%n");
        explain("PESEL", "44051401359", v -> Pesel.parse(v).masked() + ", born " + Pesel.parse(v).birthDate());
        explain("PESEL", "44051401358", v -> Pesel.parse(v).masked());
        explain("NIP", "123-456-32-18", v -> Nip.parse(v).value());
        explain("ADE", "AE:PL-50419-15057-VDGUG-25", v -> "country " + Ade.parse(v).countryCode());
        explain("ADE", "AE:PL-12345-67890-ABCDE-12", v -> Ade.parse(v).value());
        explain("ADE (lenient)", "AE:PL-12345-67890-ABCDE-12",
                v -> "shape accepted, check digits " + (Ade.parse(v, Ade.Validation.LENIENT).hasValidCheckDigits() ? "ok" : "wrong"));
        explain("ePUAP", "/PodlaskaWKOHP/SkrytkaESP", v -> "entity " + EpuapAddress.parse(v).entityId());

        out.printf("%n%s%n", allAsExpected ? "Demo finished: every step got what it expected."
                : "Demo FAILED: some step did not get what it expected (see above).");
        out.flush();
        return allAsExpected;
    }

    private void describePerson(String label, TestIdentity id) {
        String serial = rdn(id.certificate(), "SERIALNUMBER");
        Pesel pesel = Pesel.parse(serial.substring("PNOPL-".length()));
        out.printf("   %-20s %s, PESEL %s (born %s), valid until %s%n", label, cn(id.certificate()), pesel,
                pesel.birthDate(), id.certificate().getNotAfter().toInstant());
    }

    private void describeSeal(String label, TestIdentity id) {
        String orgId = rdn(id.certificate(), "ORGANIZATIONIDENTIFIER");
        Nip nip = Nip.parse(orgId.substring("VATPL-".length()));
        out.printf("   %-20s %s, NIP %s%n", label, cn(id.certificate()), nip.formatted());
    }

    private void expectStatus(TestPki pki, TestIdentity id, String expected) {
        String actual;
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
            params.addCertPathChecker(checker);
            validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(id.chain().subList(0, 2)), params);
            actual = "valid";
        } catch (CertPathValidatorException e) {
            actual = switch (e.getReason() instanceof CertPathValidatorException.BasicReason r ? r : CertPathValidatorException.BasicReason.UNSPECIFIED) {
                case REVOKED -> "revoked";
                case EXPIRED -> "expired";
                default -> "invalid: " + e.getMessage();
            };
        } catch (GeneralSecurityException e) {
            actual = "error: " + e;
        }
        report(cn(id.certificate()), expected, actual);
    }

    private void fetchCrl(TestPki pki) {
        OkHttpClient http = HttpClients.defaultClient();
        try (Response r = http.newCall(new Request.Builder().url(pki.issuingCaCrlUri().toString()).build()).execute()) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(r.body().bytes()));
            crl.verify(pki.issuingCaCertificate().getPublicKey());
            int entries = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
            out.printf("   HTTP %d, %s, signature verified, next update %s%n", r.code(), r.header("Content-Type"),
                    crl.getNextUpdate().toInstant());
            report("revoked person listed", "yes", crl.isRevoked(pki.revokedPerson().certificate()) ? "yes" : "no");
            report("entries on the CRL", "1", Integer.toString(entries));
        } catch (IOException | GeneralSecurityException e) {
            report("CRL", "fetched and verified", "error: " + e);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private void loadCredentials(TestPki pki) {
        try {
            Path dir = Files.createTempDirectory("okienko-demo");
            Path p12 = pki.seal().writePkcs12(dir.resolve("system.p12"), "demo-password".toCharArray());
            SystemCredentials creds = SystemCredentials.fromPkcs12(p12, "demo-password".toCharArray());
            out.println("   loaded " + creds);
            report("chain length", "3", Integer.toString(creds.chain().size()));
            try {
                SystemCredentials.fromPkcs12(p12, "wrong".toCharArray());
                report("wrong password", "refused", "accepted");
            } catch (dev.okienko.core.CredentialsException e) {
                report("wrong password", "refused", "refused (" + e.reason() + ")");
            }
            Files.delete(p12);
            Files.delete(dir);
        } catch (IOException e) {
            report("credentials", "loaded", "error: " + e);
        }
    }

    private void signAndVerify(TestPki pki) {
        TrustConfiguration trust = TrustConfiguration.anchors(pki.rootCertificate());
        Signer signer = Signer.builder().tsa(pki.tsaUri()).trust(trust).build();
        SignatureVerifier verifier = SignatureVerifier.builder().trust(trust).build();
        SigningKey key = SigningKey.of(pki.person().toSystemCredentials());

        Content letter = Content.of(TestDocuments.xmlLetter("Wniosek o wydanie zaświadczenia"), "wniosek.xml");
        Content signedLetter = signer.sign(letter,
                SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.LT), key);
        reportOn(verifier, signedLetter, "XAdES-BASELINE-LT");

        Content pdf = Content.of(TestDocuments.pdf("Decyzja nr 1/2026"), "decyzja.pdf");
        Content signedPdf = signer.sign(pdf, SignatureOptions.pades().level(SignatureLevel.LT).reason("Decyzja"), key);
        reportOn(verifier, signedPdf, "PAdES-BASELINE-LT");

        String tampered = new String(signedLetter.toBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("zaświadczenia", "pozwolenia");
        VerificationReport t = verifier.verify(Content.of(tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "wniosek-zmieniony.xml")).signatures().get(0);
        out.println("   " + "wniosek-zmieniony.xml" + ": " + t.summary());
        report("changed letter", "INVALID", t.verdict().name());
    }

    private void kinds(TestPki pki) {
        dev.okienko.core.Pesel anna = dev.okienko.testkit.pki.TestData.pesel(java.time.LocalDate.of(1992, 4, 17),
                dev.okienko.core.Pesel.Sex.FEMALE, 321);
        String identity = dev.okienko.testkit.pki.TestTrustedProfile.podpisZp("Anna", "Zając", anna, "anna.zajac",
                dev.okienko.testkit.pki.TestTrustedProfile.AccountIdPosition.IN_PERSON_DATA);
        byte[] letter = TestDocuments.xmlLetter("Wniosek przez profil zaufany");
        SignatureVerifier verifier = SignatureVerifier.builder()
                .trust(TrustConfiguration.anchors(pki.rootCertificate()))
                .trustedProfileSeals(java.util.List.of(pki.trustedProfileSeal().certificate()))
                .build();

        VerificationReport genuine = verifier.verify(Content.of(
                dev.okienko.testkit.pki.TestTrustedProfile.sign(letter, pki.trustedProfileSeal(), identity), "pz.xml"))
                .signatures().get(0);
        out.println("   pz.xml: " + genuine.summary());
        report("trusted profile", "TRUSTED_PROFILE", genuine.kind().name());

        VerificationReport forged = verifier.verify(Content.of(
                dev.okienko.testkit.pki.TestTrustedProfile.sign(letter, pki.seal(), identity), "forged.xml"))
                .signatures().get(0);
        out.println("   forged.xml: " + forged.summary());
        out.println("     warning: " + forged.warnings().get(0));
        report("forged seal", "ADVANCED", forged.kind().name());

        try {
            java.nio.file.Path cache = java.nio.file.Files.createTempDirectory("okienko-demo-tl");
            java.net.URI tl = pki.publish("demo-tl.xml", dev.okienko.testkit.pki.TestTrustedList.builder("PL")
                    .service("okienko Test Qualified CA", pki.qualifiedCaCertificate())
                    .buildSigned(pki.trustedListSigner()), "application/xml");
            TrustConfiguration onList = TrustConfiguration.builder()
                    .trustedList(tl, java.util.List.of(pki.trustedListSigner().certificate())).cacheDirectory(cache).build();
            Content signed = Signer.builder().trust(onList).build().sign(Content.of(letter, "kwalifikowany.xml"),
                    SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(pki.qualifiedPerson().toSystemCredentials()));
            VerificationReport q = SignatureVerifier.builder().trust(onList).build().verify(signed).signatures().get(0);
            out.println("   kwalifikowany.xml: " + q.summary());
            report("qualified", "QUALIFIED", q.kind().name());
        } catch (java.io.IOException e) {
            report("qualified", "QUALIFIED", "error: " + e);
        }
    }

    private void trustedProfileRoundTrip(TestPki pki) {
        try (dev.okienko.testkit.TrustedProfileSigningSimulator pz = dev.okienko.testkit.TrustedProfileSigningSimulator.start(pki)) {
            SystemCredentials ezd = pki.seal().toSystemCredentials();
            pz.registerSystem(ezd.certificate());
            dev.okienko.epuap.TrustedProfileSigningClient client = dev.okienko.epuap.TrustedProfileSigningClient.builder()
                    .environment(pz.environment()).credentials(ezd).serviceCertificate(pz.serviceCertificate()).build();
            java.net.URI ok = java.net.URI.create("https://ezd.example/podpisano");
            java.net.URI signHere = client.addDocumentToSigning(TestDocuments.xmlLetter("Wniosek o zaświadczenie"), ok,
                    java.net.URI.create("https://ezd.example/anulowano"), "Proszę podpisać wniosek");
            out.println("   1. the EZD hands the letter to the service; the person is sent to " + signHere);
            OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
            try (Response r = browser.newCall(new Request.Builder().url(signHere.toString()).build()).execute()) {
                out.println("   2. the person signs; the service redirects to " + r.header("Location"));
                report("back at success page", ok.toString(), String.valueOf(r.header("Location")));
            }
            byte[] signed = client.getSignedDocument(signHere).orElseThrow();
            out.println("   3. the EZD collects the signed letter (" + signed.length + " bytes) and verifies it:");
            VerificationReport r = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate()))
                    .trustedProfileSeals(java.util.List.of(pki.trustedProfileSeal().certificate())).build()
                    .verify(Content.of(signed, "wniosek-pz.xml")).signatures().get(0);
            out.println("      " + r.summary());
            report("kind", "TRUSTED_PROFILE", r.kind().name());
        } catch (IOException | RuntimeException e) {
            report("trusted-profile round trip", "done", "error: " + e);
        }
    }

    private void epuap(TestPki pki) {
        EpuapAddress urzad = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
        EpuapAddress nasza = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
        try (EpuapSimulator sim = EpuapSimulator.start(pki).createInbox(urzad).createInbox(nasza)) {
            SystemCredentials ezd = pki.seal().toSystemCredentials();
            sim.registerSystem(ezd.certificate());
            EpuapClient client = EpuapClient.builder().environment(sim.environment())
                    .credentials(ezd).serverCertificate(pki.epuapServer().certificate()).build();
            SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(pki.rootCertificate())).build();

            PismoOgolne letter = PismoOgolne.builder(PismoOgolne.Form.V2013)
                    .sender(Party.person("Jan", "Kowalski", Pesel.parse("44051401359"),
                            PostalAddress.of("15-950", "Białystok", "Lipowa", "1")))
                    .recipient(Party.institution("Podlaski Wojewódzki Konserwator Ochrony Hodowli Pszczół", null))
                    .place("Białystok").created(java.time.LocalDate.now()).title("Wniosek o wydanie zaświadczenia")
                    .paragraph("Proszę o wydanie zaświadczenia o wpisie do rejestru pasiek.")
                    .attachment(Attachment.inline("mapa.pdf", "application/pdf", TestDocuments.pdf("Mapa pasieki"), "Mapa"))
                    .build();
            byte[] signed = Signer.builder().build().sign(Content.of(letter.toXml(), "pismo.xml"),
                    SignatureOptions.xades(SignaturePackaging.ENVELOPED), SigningKey.of(pki.person().toSystemCredentials())).toBytes();
            SendResult sent = client.send(EpuapSubmission.of("UrzadGminyTestowo", urzad, nasza, "pismo.xml", signed));
            out.println("   sent a signed Pismo ogólne to " + urzad + ": document id " + sent.documentId() + ", status "
                    + sent.statusMessage());
            Upp upp = Upp.read(sent.uppDocument().orElseThrow(), verifier);
            out.println("   UPP " + upp.certificateId() + " for document " + upp.documentId() + ", delivered "
                    + upp.deliveredAt() + ", signed by " + cn(upp.signature().signerCertificate()));
            report("UPP from ePUAP", "genuine", upp.isGenuine(pki.epuapServer().certificate()) ? "genuine" : "NOT genuine");

            EpuapInbox inbox = client.inbox("PodlaskaWKOHP", urzad);
            out.println("   " + urzad + " has " + inbox.pending() + " document(s) waiting");
            List<IncomingDocument> received = new ArrayList<>();
            int handled = InboxPoller.of(inbox, received::add).drain();
            report("documents pulled", "1", Integer.toString(handled));
            report("left in the inbox", "0", Integer.toString(inbox.pending()));
            IncomingDocument doc = received.get(0);
            out.println("   pulled and confirmed " + doc.fileName() + " from " + doc.senderEntityId() + " (skrot " + doc.digest() + ")");
            PismoOgolne read = PismoOgolne.read(doc.content());
            report("letter read back", "equal", read.equals(letter) ? "equal" : "different");
            VerificationReport signature = verifier.verify(Content.of(doc.content(), doc.fileName())).signatures().get(0);
            report("its signature", "VALID", signature.verdict() + " (" + signature.signerName() + ")");
            String html = DocumentHtml.render(doc.content());
            report("rendered for a person", "HTML", html.startsWith("<!DOCTYPE html>") && html.contains("Wniosek o wydanie")
                    ? "HTML" : "unexpected");

            out.println("   delivery against a UPD (doreczyciel): the office sends a decision back");
            DeliveryOrder order = client.deliver(EpuapSubmission.of("PodlaskaWKOHP", nasza, urzad, "decyzja.xml",
                    TestDocuments.xmlLetter("Decyzja")), java.time.Instant.now().plus(java.time.Duration.ofDays(14)), "WKOHP.1.2026");
            EpuapInbox ours = client.inbox("UrzadGminyTestowo", nasza);
            IncomingDocument notice = ours.next().orElseThrow();
            UpdDraft draft = UpdDraft.of(notice).orElseThrow();
            ours.confirm(notice);
            out.println("   " + nasza + " got the UPD draft for document " + draft.documentId() + " (order " + draft.orderId()
                    + "); signing it takes the document");
            client.acknowledge("UrzadGminyTestowo", draft);
            IncomingDocument decision = ours.next().orElseThrow();
            ours.confirm(decision);
            report("decision released", "decyzja.xml", decision.fileName());
            Upd upd = Upd.read(inbox.next().orElseThrow().content(), verifier);
            out.println("   UPD " + upd.certificateId() + " for document " + upd.documentId() + ", delivered " + upd.deliveredAt());
            report("UPD to the sender", "genuine", upd.isGenuine(pki.epuapServer().certificate())
                    && upd.documentId().equals(order.documentId()) ? "genuine" : "NOT genuine");
        } catch (RuntimeException e) {
            report("ePUAP round trip", "done", "error: " + e);
        }
    }

    private void edelivery(TestPki pki) {
        Ade ours = Ade.parse("AE:PL-50419-15057-VDGUG-25");
        Ade office = Ade.parse("AE:PL-10609-91337-SAIBG-23");
        Nip officeNip = TestData.nip(526025027);
        SimulatorClock clock = SimulatorClock.systemUtc();
        Path folder = null;
        try (EDeliverySimulator sim = EDeliverySimulator.start(pki, clock)) {
            SystemCredentials ezd = pki.seal().toSystemCredentials();
            SystemCredentials theirs = pki.issueSeal("Urząd Skarbowy Testowo", officeNip).toSystemCredentials();
            sim.registerSystem(ours, "EZD", ezd.certificate()).registerSystem(office, "EZD", theirs.certificate())
                    .addAddress(EDeliverySimulator.BaeEntry.publicBody(office, "Urząd Skarbowy Testowo", officeNip, "Radom"));
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
            report("status for the sender", "Doręczona", mailbox.metadata(messageId).status());

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
            report("status after 14 days", "Uznana za doręczoną", mailbox.metadata(second).status());
        } catch (IOException | RuntimeException e) {
            report("e-Doręczenia round trip", "done", "error: " + e);
        } finally {
            if (folder != null) {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }
        }
    }

    private void reportOn(SignatureVerifier verifier, Content signed, String expectedFormat) {
        VerificationResult result = verifier.verify(signed);
        VerificationReport r = result.signatures().get(0);
        out.printf("   %s (%d bytes): %s%n", signed.name(), signed.size(), r.summary());
        report(signed.name().endsWith(".pdf") ? "signed PDF" : "signed letter", "VALID", r.verdict().name());
        report("  format", expectedFormat, r.formatName());
    }

    private void explain(String label, String value, Function<String, String> parse) {
        try {
            out.printf("   %-14s %-28s valid: %s%n", label, shown(label, value), parse.apply(value));
        } catch (InvalidIdentifierException e) {
            out.printf("   %-14s %-28s INVALID (%s): %s%n", label, shown(label, value), e.defect(), e.getMessage());
        }
    }

    private static String shown(String label, String value) {
        return label.startsWith("PESEL") ? Pesel.mask(value) : value;
    }

    private void report(String what, String expected, String actual) {
        boolean ok = actual.equals(expected) || actual.startsWith(expected + " ");
        allAsExpected &= ok;
        out.printf("   %-24s expected %-17s got %-17s %s%n", what, expected, actual, ok ? "ok" : "<-- UNEXPECTED");
    }

    private static String cn(X509Certificate c) {
        return rdn(c, "CN");
    }

    private static String rdn(X509Certificate c, String type) {
        try {
            String name = c.getSubjectX500Principal().getName(X500Principal.RFC2253, NAMES);
            for (Rdn rdn : new LdapName(name).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no " + type + " in " + c.getSubjectX500Principal());
    }
}
