package dev.okienko.examples;

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
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.PrintWriter;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Demo steps 6 to 8: signing and verifying, kinds of signature, signing with a trusted profile. */
final class DemoSignatures extends DemoSteps {
    DemoSignatures(PrintWriter out, DemoSteps.Results results) {
        super(out, results);
    }

    void signAndVerify(TestPki pki) {
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

    void kinds(TestPki pki) {
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

    void trustedProfileRoundTrip(TestPki pki) {
        try (dev.okienko.testkit.epuap.TrustedProfileSigningSimulator pz = dev.okienko.testkit.epuap.TrustedProfileSigningSimulator.start(pki)) {
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
}
