package dev.okienko.examples;

import dev.okienko.testkit.pki.TestPki;
import java.io.PrintWriter;

/**
 * The end-to-end demo: everything runs against okienko's embedded services on 127.0.0.1, nothing leaves
 * the machine. Each step says what it expects and what it got; the demo fails (exit code 1) when any
 * step does not get what it expects. It grows with every capability okienko gains.
 */
public final class Demo {
    private final PrintWriter out;
    private final DemoSteps.Results results = new DemoSteps.Results();

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
        DemoPki pkiSteps = new DemoPki(out, results);
        DemoSignatures signatures = new DemoSignatures(out, results);
        try (TestPki pki = TestPki.start()) {
            out.printf("%n1. Test PKI started in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            out.println("   root CA          " + pki.rootCertificate().getSubjectX500Principal().getName());
            out.println("   issuing CA       " + pki.issuingCaCertificate().getSubjectX500Principal().getName());
            out.println("   RFC 3161 TSA     " + pki.tsaUri());
            out.println("   OCSP responder   " + pki.ocspUri());
            out.println("   CRL              " + pki.issuingCaCrlUri());
            out.println("   issuer cert AIA  " + pki.issuingCaCertificateUri());

            out.printf("%n2. Test identities%n");
            pkiSteps.describePerson("person", pki.person());
            pkiSteps.describeSeal("seal", pki.seal());
            pkiSteps.describeSeal("trusted-profile seal", pki.trustedProfileSeal());
            out.println("   ePUAP server         " + DemoSteps.cn(pki.epuapServer().certificate()));
            pkiSteps.describePerson("revoked person", pki.revokedPerson());
            pkiSteps.describePerson("expired person", pki.expiredPerson());

            out.printf("%n3. Certificate status, checked by the JDK's PKIX validator with OCSP from the loopback responder%n");
            pkiSteps.expectStatus(pki, pki.person(), "valid");
            pkiSteps.expectStatus(pki, pki.revokedPerson(), "revoked");
            pkiSteps.expectStatus(pki, pki.expiredPerson(), "expired");

            out.printf("%n4. The issuing CA's CRL, fetched through okienko's HTTP stack%n");
            pkiSteps.fetchCrl(pki);

            out.printf("%n5. System credentials from a PKCS#12 file%n");
            pkiSteps.loadCredentials(pki);

            out.printf("%n6. Signatures: a letter (XAdES-LT) and a PDF (PAdES-LT), signed and verified%n");
            signatures.signAndVerify(pki);

            out.printf("%n7. Kinds of signature: trusted profile, a forged one, qualified%n");
            signatures.kinds(pki);

            out.printf("%n8. Signing with a trusted profile: TpSigning5 client against the embedded service%n");
            signatures.trustedProfileRoundTrip(pki);

            out.printf("%n9. ePUAP: a signed Pismo ogólne sent to an inbox with its UPP, pulled at the other end; a delivery against a UPD%n");
            new DemoEpuap(out, results).epuap(pki);

            out.printf("%n10. e-Doręczenia: a recipient looked up by NIP, a signed letter sent and followed to delivery, evidences verified%n");
            new DemoEDelivery(out, results).edelivery(pki);

            out.printf("%n11. The one window: three letters stored, routed by the law, sent once, followed to their receipts; "
                    + "documents received through both channels, stored once, the forged one flagged%n");
            new DemoOneWindow(out, results).oneWindow(pki);
        }

        out.printf("%n12. Identifiers%n");
        new DemoIdentifiers(out, results).identifiers();

        out.printf("%n%s%n", results.allAsExpected ? "Demo finished: every step got what it expected."
                : "Demo FAILED: some step did not get what it expected (see above).");
        out.flush();
        return results.allAsExpected;
    }
}
