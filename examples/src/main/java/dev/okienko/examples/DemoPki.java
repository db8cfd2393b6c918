package dev.okienko.examples;

import dev.okienko.core.HttpClients;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.SystemCredentials;
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
import java.util.EnumSet;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Demo steps 2 to 5: the test PKI's identities, certificate status over OCSP, the CRL, system credentials. */
final class DemoPki extends DemoSteps {
    DemoPki(PrintWriter out, DemoSteps.Results results) {
        super(out, results);
    }

    void describePerson(String label, TestIdentity id) {
        String serial = rdn(id.certificate(), "SERIALNUMBER");
        Pesel pesel = Pesel.parse(serial.substring("PNOPL-".length()));
        out.printf("   %-20s %s, PESEL %s (born %s), valid until %s%n", label, cn(id.certificate()), pesel,
                pesel.birthDate(), id.certificate().getNotAfter().toInstant());
    }

    void describeSeal(String label, TestIdentity id) {
        String orgId = rdn(id.certificate(), "ORGANIZATIONIDENTIFIER");
        Nip nip = Nip.parse(orgId.substring("VATPL-".length()));
        out.printf("   %-20s %s, NIP %s%n", label, cn(id.certificate()), nip.formatted());
    }

    void expectStatus(TestPki pki, TestIdentity id, String expected) {
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

    void fetchCrl(TestPki pki) {
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

    void loadCredentials(TestPki pki) {
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
}
