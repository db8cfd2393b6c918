package dev.okienko.testkit.pki;

import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.testkit.pki.internal.CertificateAuthority;
import dev.okienko.testkit.pki.internal.CertificateProfile;
import dev.okienko.testkit.pki.internal.OcspResponder;
import dev.okienko.testkit.pki.internal.PkiServer;
import dev.okienko.testkit.pki.internal.PkiUrls;
import dev.okienko.testkit.pki.internal.TimeStampAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.BasicConstraints;

/**
 * A complete test PKI, generated when it starts and served over real HTTP on 127.0.0.1 (an ephemeral
 * port): a root CA, an issuing CA, and certificates for a person (PESEL in the subject's serialNumber as
 * {@code PNOPL-...}), an organisation's seal ({@code VATPL-...} organizationIdentifier), the trusted-profile
 * seal, the ePUAP server, a time-stamping authority and an OCSP responder, plus a revoked and an expired
 * person. Every certificate names the server in its CRL distribution point and AIA, so a verifier finds
 * the RFC 3161 TSA, the OCSP responder, the CRLs and the issuer certificates the way it would in production.
 *
 * <pre>{@code
 * try (TestPki pki = TestPki.start()) {
 *     TestIdentity signer = pki.person();
 *     URI tsa = pki.tsaUri();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Starting takes a second or two (RSA key generation); JUnit tests share one instance per
 * test run through {@link TestPkiExtension}.
 */
public final class TestPki implements AutoCloseable {
    /** The default person: Jan Kowalski. */
    public static final String PERSON_GIVEN_NAME = "Jan";
    /** The default person's surname. */
    public static final String PERSON_SURNAME = "Kowalski";

    private final Clock clock;
    private final PkiServer server;
    private final CertificateAuthority root;
    private final CertificateAuthority issuing;
    private final CertificateAuthority qualifiedCa;
    private final TestIdentity qualifiedPerson;
    private final TestIdentity tsa;
    private final TestIdentity ocspResponder;
    private final TestIdentity person;
    private final TestIdentity seal;
    private final TestIdentity trustedProfileSeal;
    private final TestIdentity epuapServer;
    private final TestIdentity revokedPerson;
    private final TestIdentity expiredPerson;
    private final TestIdentity trustedListSigner;

    private TestPki(Clock clock) throws IOException {
        this.clock = clock;
        this.server = new PkiServer(clock);
        PkiUrls urls = server.urls();
        Instant now = clock.instant();
        Instant caStart = now.minus(Duration.ofDays(5 * 365));
        root = CertificateAuthority.root("root", name("okienko Test Root CA"), caStart, now.plus(Duration.ofDays(20 * 365)));
        issuing = root.subordinate("issuing", name("okienko Test Issuing CA"), caStart, now.plus(Duration.ofDays(10 * 365)), urls);
        qualifiedCa = root.subordinate("qualified", name("okienko Test Qualified CA"), caStart,
                now.plus(Duration.ofDays(10 * 365)), urls);
        server.publish(root);
        server.publish(issuing);
        server.publish(qualifiedCa);

        Instant start = now.minus(Duration.ofDays(1));
        Instant end = now.plus(Duration.ofDays(2 * 365));
        tsa = issue("tsa", new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PL")
                .addRDN(BCStyle.O, "okienko test PKI").addRDN(BCStyle.CN, "okienko Test TSA").build(), start, end,
                CertificateProfile.TSA);
        ocspResponder = issue("ocsp", new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PL")
                .addRDN(BCStyle.O, "okienko test PKI").addRDN(BCStyle.CN, "okienko Test OCSP Responder").build(), start,
                end, CertificateProfile.OCSP);
        person = issuePerson(PERSON_GIVEN_NAME, PERSON_SURNAME,
                TestData.pesel(LocalDate.of(1985, 3, 12), Pesel.Sex.MALE, 123));
        seal = issueSeal("Urząd Gminy Testowo", TestData.nip(526_000_000));
        trustedProfileSeal = issue("trusted-profile-seal", new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "PL")
                .addRDN(BCStyle.O, "Ministerstwo Cyfryzacji (test)")
                .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "VATPL-" + TestData.nip(701_000_000).value())
                .addRDN(BCStyle.CN, "Profil Zaufany (test seal)").build(), start, end, CertificateProfile.SIGNING);
        epuapServer = issue("epuap-server", new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PL")
                .addRDN(BCStyle.O, "ePUAP (test)").addRDN(BCStyle.CN, "localhost").build(), start, end, CertificateProfile.SERVER);
        revokedPerson = issuePerson("Anna", "Nowak", TestData.pesel(LocalDate.of(1990, 7, 1), Pesel.Sex.FEMALE, 456));
        issuing.revoke(revokedPerson.certificate().getSerialNumber(), now.minus(Duration.ofHours(1)), CRLReason.keyCompromise);
        expiredPerson = issue("expired-person", personName("Piotr", "Wiśniewski",
                TestData.pesel(LocalDate.of(1975, 11, 30), Pesel.Sex.MALE, 789)),
                now.minus(Duration.ofDays(2 * 365)), now.minus(Duration.ofDays(365)), CertificateProfile.SIGNING);

        qualifiedPerson = issue(qualifiedCa, "qualified-person", personName("Ewa", "Kwalifikowana",
                TestData.pesel(LocalDate.of(1988, 9, 23), Pesel.Sex.FEMALE, 654)), start, end, CertificateProfile.QUALIFIED);
        trustedListSigner = issue("trusted-list-signer", new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PL")
                .addRDN(BCStyle.O, "okienko test PKI").addRDN(BCStyle.CN, "okienko Test Trusted List Scheme Operator")
                .build(), start, end, CertificateProfile.SIGNING);

        server.serve(new TimeStampAuthority(tsa.privateKey(), tsa.chain(), clock),
                new OcspResponder(List.of(issuing, qualifiedCa, root), issuing, ocspResponder.privateKey(), ocspResponder.certificate(),
                        clock, Duration.ofHours(1)));
        server.start();
    }

    /**
     * Generates the PKI and starts its server.
     *
     * @return the running PKI; close it to stop the server
     */
    public static TestPki start() {
        return start(Clock.systemUTC());
    }

    /**
     * @param clock the clock certificates, CRLs, OCSP responses and time stamps are dated by
     * @return the running PKI
     */
    public static TestPki start(Clock clock) {
        try {
            return new TestPki(Objects.requireNonNull(clock, "clock"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PKI's server", e);
        }
    }

    private static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PL").addRDN(BCStyle.O, "okienko test PKI")
                .addRDN(BCStyle.CN, cn).build();
    }

    private static X500Name personName(String givenName, String surname, Pesel pesel) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "PL")
                .addRDN(BCStyle.GIVENNAME, givenName)
                .addRDN(BCStyle.SURNAME, surname)
                .addRDN(BCStyle.SERIALNUMBER, "PNOPL-" + pesel.value())
                .addRDN(BCStyle.CN, givenName + " " + surname)
                .build();
    }

    private TestIdentity issue(String id, X500Name subject, Instant notBefore, Instant notAfter, CertificateProfile profile) {
        return issue(issuing, id, subject, notBefore, notAfter, profile);
    }

    private TestIdentity issue(CertificateAuthority ca, String id, X500Name subject, Instant notBefore, Instant notAfter,
                               CertificateProfile profile) {
        KeyPair keys = CertificateAuthority.newKeyPair(2048);
        X509Certificate cert = ca.issue(subject, keys.getPublic(), notBefore, notAfter, (b, u) -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()));
            profile.addExtensions(b);
            if (profile != CertificateProfile.OCSP) {
                ca.addRevocationPointers(b, server.urls());
            }
        });
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(ca.chain());
        return new TestIdentity(id, keys.getPrivate(), chain);
    }

    /**
     * Issues a signing certificate for a natural person, as Polish qualified certificates name them:
     * {@code C=PL, GIVENNAME, SURNAME, SERIALNUMBER=PNOPL-<PESEL>, CN=<given name> <surname>}.
     *
     * @param givenName the first name
     * @param surname the surname
     * @param pesel the PESEL
     * @return the identity, valid from yesterday for two years
     */
    public TestIdentity issuePerson(String givenName, String surname, Pesel pesel) {
        Instant now = clock.instant();
        return issue("person " + givenName + " " + surname, personName(givenName, surname, pesel),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2 * 365)), CertificateProfile.SIGNING);
    }

    /**
     * Issues an electronic seal certificate for an organisation:
     * {@code C=PL, O=<name>, organizationIdentifier=VATPL-<NIP>, CN=<name>}.
     *
     * @param organization the organisation's name
     * @param nip its NIP
     * @return the identity, valid from yesterday for two years
     */
    public TestIdentity issueSeal(String organization, Nip nip) {
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "PL")
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "VATPL-" + nip.value())
                .addRDN(BCStyle.CN, organization)
                .build();
        return issue("seal " + organization, subject, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2 * 365)),
                CertificateProfile.SIGNING);
    }

    /**
     * Revokes a certificate issued by this PKI (reason keyCompromise, now); CRLs and OCSP say so at once.
     *
     * @param certificate a certificate from this PKI
     * @throws IllegalArgumentException when this PKI did not issue it
     */
    public void revoke(X509Certificate certificate) {
        BigInteger serial = certificate.getSerialNumber();
        CertificateAuthority ca = certificate.getIssuerX500Principal().equals(root.certificate().getSubjectX500Principal())
                ? root : certificate.getIssuerX500Principal().equals(qualifiedCa.certificate().getSubjectX500Principal())
                ? qualifiedCa : issuing;
        ca.revoke(serial, clock.instant(), CRLReason.keyCompromise);
    }

    // ------------------------------------------------------------------ the fixed identities

    /** @return Jan Kowalski, a natural person with a valid signing certificate */
    public TestIdentity person() {
        return person;
    }

    /** @return the seal of "Urząd Gminy Testowo" ({@code VATPL-...}) */
    public TestIdentity seal() {
        return seal;
    }

    /** @return the test stand-in for the trusted-profile (Profil Zaufany) seal */
    public TestIdentity trustedProfileSeal() {
        return trustedProfileSeal;
    }

    /** @return the test ePUAP server's certificate (CN and SAN localhost, 127.0.0.1), which signs its answers */
    public TestIdentity epuapServer() {
        return epuapServer;
    }

    /** @return Anna Nowak, whose certificate was revoked an hour before the PKI started (keyCompromise) */
    public TestIdentity revokedPerson() {
        return revokedPerson;
    }

    /** @return Piotr Wiśniewski, whose certificate expired a year ago */
    public TestIdentity expiredPerson() {
        return expiredPerson;
    }

    /**
     * @return Ewa Kwalifikowana, whose certificate is a qualified one (ETSI QC statements: compliance, QSCD,
     *     type esign; policy QCP-n-qscd) from {@link #qualifiedCaCertificate()}; her signatures are qualified
     *     once a trusted list lists that CA as CA/QC
     */
    public TestIdentity qualifiedPerson() {
        return qualifiedPerson;
    }

    /** @return the test "qualified" CA, issuing qualified certificates, under the same root */
    public X509Certificate qualifiedCaCertificate() {
        return qualifiedCa.certificate();
    }

    /** @return the scheme operator that signs test trusted lists ({@link TestTrustedList}) */
    public TestIdentity trustedListSigner() {
        return trustedListSigner;
    }

    /**
     * Serves a document over the PKI's HTTP server, e.g. a signed test trusted list.
     *
     * @param name a file name, e.g. {@code PL-TL.xml}
     * @param body the content
     * @param contentType its media type
     * @return the address it is served at
     */
    public URI publish(String name, byte[] body, String contentType) {
        return server.publish(name, body, contentType);
    }

    /**
     * @param name a file published with {@link #publish}; from now on it answers 404, as a server that is down
     */
    public void withdraw(String name) {
        server.withdraw(name);
    }

    /** @return the time-stamping authority's identity */
    public TestIdentity tsa() {
        return tsa;
    }

    /** @return the delegated OCSP responder's identity */
    public TestIdentity ocspResponder() {
        return ocspResponder;
    }

    // ------------------------------------------------------------------ CAs and endpoints

    /** @return the root CA certificate: the trust anchor */
    public X509Certificate rootCertificate() {
        return root.certificate();
    }

    /** @return the issuing CA certificate */
    public X509Certificate issuingCaCertificate() {
        return issuing.certificate();
    }

    /** @return the server's base address, {@code http://127.0.0.1:<port>/} */
    public URI baseUri() {
        return server.urls().base();
    }

    /** @return the RFC 3161 time-stamping endpoint (POST application/timestamp-query) */
    public URI tsaUri() {
        return server.urls().tsa();
    }

    /** @return the OCSP responder (POST, or GET with the base64 request appended) */
    public URI ocspUri() {
        return server.urls().ocsp();
    }

    /** @return the CRL of the issuing CA */
    public URI issuingCaCrlUri() {
        return server.urls().crl(issuing.id());
    }

    /** @return the CRL of the root CA */
    public URI rootCrlUri() {
        return server.urls().crl(root.id());
    }

    /** @return where the issuing CA certificate is published (AIA caIssuers of end-entity certificates) */
    public URI issuingCaCertificateUri() {
        return server.urls().certificate(issuing.id());
    }

    /**
     * @param endpoint {@code tsa}, {@code ocsp}, {@code crl} or {@code certs}
     * @return how many requests that endpoint has answered, for tests that check what a verifier fetched
     */
    public int requestCount(String endpoint) {
        return server.requestCount(endpoint);
    }

    /**
     * @param certificate any certificate
     * @return it in PEM form
     */
    public static String toPem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Stops the server. The certificates stay usable offline; their revocation endpoints do not answer. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "TestPki[" + baseUri() + "]";
    }
}
