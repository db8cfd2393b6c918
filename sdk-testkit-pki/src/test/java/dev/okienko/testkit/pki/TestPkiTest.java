package dev.okienko.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.CredentialsException;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.SystemCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test PKI checked by independent verifiers: the JDK's PKIX validator (fetching OCSP from the
 * loopback responder itself) and Bouncy Castle's parsers, over real HTTP with the JDK's own HTTP client.
 */
@ExtendWith(TestPkiExtension.class)
class TestPkiTest {
    /** PKIStatus values of RFC 3161 (the constants live in bcutil, which the testkit gets only transitively). */
    private static final int GRANTED = 0;
    private static final int REJECTION = 2;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestPki firstSeen;

    // ------------------------------------------------------------------ certificates

    @Test
    void person_subjectCarriesNamesAndPeselAsPnopl(TestPki pki) {
        X500Name subject = X500Name.getInstance(pki.person().certificate().getSubjectX500Principal().getEncoded());

        assertThat(value(subject, BCStyle.GIVENNAME)).isEqualTo("Jan");
        assertThat(value(subject, BCStyle.SURNAME)).isEqualTo("Kowalski");
        assertThat(value(subject, BCStyle.C)).isEqualTo("PL");
        String serialNumber = value(subject, BCStyle.SERIALNUMBER);
        assertThat(serialNumber).startsWith("PNOPL-");
        Pesel pesel = Pesel.parse(serialNumber.substring("PNOPL-".length()));
        assertThat(pesel.birthDate()).isEqualTo(LocalDate.of(1985, 3, 12));
        assertThat(pesel.sex()).isEqualTo(Pesel.Sex.MALE);
    }

    @Test
    void seal_subjectCarriesVatplOrganizationIdentifier(TestPki pki) {
        X500Name subject = X500Name.getInstance(pki.seal().certificate().getSubjectX500Principal().getEncoded());

        String orgId = value(subject, BCStyle.ORGANIZATION_IDENTIFIER);
        assertThat(orgId).startsWith("VATPL-");
        assertThat(Nip.isValid(orgId.substring("VATPL-".length()))).isTrue();
        assertThat(value(subject, BCStyle.O)).isEqualTo("Urząd Gminy Testowo");
    }

    @Test
    void trustedProfileSeal_isSealOfItsOwn(TestPki pki) {
        X500Name subject = X500Name.getInstance(pki.trustedProfileSeal().certificate().getSubjectX500Principal().getEncoded());

        assertThat(value(subject, BCStyle.ORGANIZATION_IDENTIFIER)).startsWith("VATPL-");
        assertThat(pki.trustedProfileSeal().certificate()).isNotEqualTo(pki.seal().certificate());
        assertThat(pki.trustedProfileSeal().certificate().getKeyUsage()[1]).as("nonRepudiation").isTrue();
    }

    @Test
    void epuapServer_isTlsServerForLoopback(TestPki pki) throws Exception {
        X509Certificate cert = pki.epuapServer().certificate();

        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .contains("localhost", "127.0.0.1");
    }

    @Test
    void chains_signedByTheirIssuers(TestPki pki) throws Exception {
        for (TestIdentity id : List.of(pki.person(), pki.seal(), pki.trustedProfileSeal(), pki.epuapServer(), pki.tsa(),
                pki.ocspResponder(), pki.revokedPerson(), pki.expiredPerson())) {
            List<X509Certificate> chain = id.chain();
            assertThat(chain).as(id.name()).hasSize(3);
            chain.get(0).verify(pki.issuingCaCertificate().getPublicKey());
            assertThat(chain.get(1)).isEqualTo(pki.issuingCaCertificate());
            assertThat(chain.get(2)).isEqualTo(pki.rootCertificate());
        }
        pki.issuingCaCertificate().verify(pki.rootCertificate().getPublicKey());
        pki.rootCertificate().verify(pki.rootCertificate().getPublicKey());
        assertThat(pki.issuingCaCertificate().getBasicConstraints()).isZero();
        assertThat(pki.person().certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void qualifiedPerson_hasQcStatementsAndValidatesThroughQualifiedCaOcsp(TestPki pki) throws Exception {
        X509Certificate cert = pki.qualifiedPerson().certificate();

        assertThat(cert.getExtensionValue(Extension.qCStatements.getId())).isNotNull();
        assertThat(cert.getIssuerX500Principal()).isEqualTo(pki.qualifiedCaCertificate().getSubjectX500Principal());
        assertThat(pki.qualifiedPerson().chain().get(1)).isEqualTo(pki.qualifiedCaCertificate());
        validateWithOcsp(pki, pki.qualifiedPerson());
    }

    @Test
    void expiredPerson_expiredAYearAgo(TestPki pki) {
        X509Certificate cert = pki.expiredPerson().certificate();

        assertThatThrownBy(cert::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThat(cert.getNotAfter().toInstant()).isBefore(Instant.now().minus(Duration.ofDays(300)));
        assertThatThrownBy(() -> pki.expiredPerson().toSystemCredentials())
                .isInstanceOfSatisfying(CredentialsException.class,
                        e -> assertThat(e.reason()).isEqualTo(CredentialsException.Reason.CERTIFICATE_EXPIRED));
    }

    // ------------------------------------------------------------------ JDK PKIX validation, fetching over loopback

    @Test
    void pkixWithOcsp_validPerson_accepted(TestPki pki) throws Exception {
        validateWithOcsp(pki, pki.person());
        assertThat(pki.requestCount("ocsp")).isPositive();
    }

    @Test
    void pkixWithOcsp_revokedPerson_rejectedAsRevoked(TestPki pki) {
        assertThatThrownBy(() -> validateWithOcsp(pki, pki.revokedPerson()))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }

    @Test
    void pkixWithCrls_revokedPerson_rejectedAsRevoked(TestPki pki) throws Exception {
        X509CRL issuingCrl = fetchCrl(crlDistributionPoint(pki.revokedPerson().certificate()));
        X509CRL rootCrl = fetchCrl(crlDistributionPoint(pki.issuingCaCertificate()));
        CertStore crls = CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(issuingCrl, rootCrl)));

        validateWithCrls(pki, pki.person(), crls);
        assertThatThrownBy(() -> validateWithCrls(pki, pki.revokedPerson(), crls))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }

    private static void validateWithOcsp(TestPki pki, TestIdentity id) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
        params.addCertPathChecker(checker);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(id.chain().subList(0, 2)), params);
    }

    private static void validateWithCrls(TestPki pki, TestIdentity id, CertStore crls) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
        params.addCertStore(crls);
        params.addCertPathChecker(checker);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(id.chain().subList(0, 2)), params);
    }

    // ------------------------------------------------------------------ CRL, AIA

    @Test
    void crl_signedByIssuingCaAndListsOnlyRevoked(TestPki pki) throws Exception {
        URI dp = crlDistributionPoint(pki.person().certificate());
        assertThat(dp).isEqualTo(pki.issuingCaCrlUri());

        X509CRL crl = fetchCrl(dp);

        crl.verify(pki.issuingCaCertificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(pki.issuingCaCertificate().getSubjectX500Principal());
        assertThat(crl.isRevoked(pki.revokedPerson().certificate())).isTrue();
        assertThat(crl.isRevoked(pki.person().certificate())).isFalse();
        assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
    }

    @Test
    void aia_caIssuersServesIssuingCaCertificate(TestPki pki) throws Exception {
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(
                pki.person().certificate().getExtensionValue(Extension.authorityInfoAccess.getId())).getOctets());
        URI caIssuers = null;
        URI ocsp = null;
        for (AccessDescription d : aia.getAccessDescriptions()) {
            URI uri = URI.create(d.getAccessLocation().getName().toString());
            if (d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) {
                caIssuers = uri;
            } else if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                ocsp = uri;
            }
        }
        assertThat(ocsp).isEqualTo(pki.ocspUri());

        byte[] der = get(caIssuers);

        X509Certificate fetched = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        assertThat(fetched).isEqualTo(pki.issuingCaCertificate());
    }

    // ------------------------------------------------------------------ OCSP by hand

    @Test
    void ocsp_post_answersGoodRevokedUnknownSignedWithNonce(TestPki pki) throws Exception {
        X509Certificate issuer = pki.issuingCaCertificate();
        var digest = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        CertificateID good = new CertificateID(digest, new JcaX509CertificateHolder(issuer), pki.person().certificate().getSerialNumber());
        CertificateID revoked = new CertificateID(digest, new JcaX509CertificateHolder(issuer),
                pki.revokedPerson().certificate().getSerialNumber());
        CertificateID unknown = new CertificateID(digest, new JcaX509CertificateHolder(issuer), BigInteger.valueOf(424242));
        byte[] nonce = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        OCSPReq request = new OCSPReqBuilder().addRequest(good).addRequest(revoked).addRequest(unknown)
                .setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(new Extension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new DEROctetString(nonce).getEncoded()))))
                .build();

        OCSPResp response = new OCSPResp(post(pki.ocspUri(), "application/ocsp-request", request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pki.ocspResponder().certificate())))
                .isTrue();
        assertThat(basic.getCerts()[0].getSubject().toString()).contains("OCSP Responder");
        assertThat(ASN1OctetString.getInstance(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getParsedValue())
                .getOctets()).isEqualTo(nonce);
        SingleResp[] answers = basic.getResponses();
        assertThat(answers[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(answers[1].getCertStatus()).isInstanceOfSatisfying(RevokedStatus.class,
                r -> assertThat(r.getRevocationReason()).isEqualTo(CRLReason.keyCompromise));
        assertThat(answers[2].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(answers[0].getNextUpdate()).isAfter(answers[0].getThisUpdate());
    }

    @Test
    void ocsp_get_answersAndRootIssuedCertsSignedByRoot(TestPki pki) throws Exception {
        var digest = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        CertificateID id = new CertificateID(digest, new JcaX509CertificateHolder(pki.rootCertificate()),
                pki.issuingCaCertificate().getSerialNumber());
        String encoded = java.net.URLEncoder.encode(Base64.getEncoder().encodeToString(
                new OCSPReqBuilder().addRequest(id).build().getEncoded()), java.nio.charset.StandardCharsets.US_ASCII);

        OCSPResp response = new OCSPResp(get(URI.create(pki.ocspUri() + "/" + encoded)));

        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pki.rootCertificate()))).isTrue();
        assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void ocsp_garbage_malformedRequestStatus(TestPki pki) throws Exception {
        OCSPResp response = new OCSPResp(post(pki.ocspUri(), "application/ocsp-request", new byte[] {0x30, 0x03, 1, 2, 3}));

        assertThat(response.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void revoke_newlyIssuedCertificate_showsInOcspAndCrl(TestPki pki) throws Exception {
        TestIdentity someone = pki.issuePerson("Zofia", "Zielińska", TestData.pesel(LocalDate.of(2001, 2, 3), Pesel.Sex.FEMALE, 1));
        validateWithOcsp(pki, someone);

        pki.revoke(someone.certificate());

        assertThatThrownBy(() -> validateWithOcsp(pki, someone)).isInstanceOf(CertPathValidatorException.class);
        assertThat(fetchCrl(pki.issuingCaCrlUri()).isRevoked(someone.certificate())).isTrue();
    }

    // ------------------------------------------------------------------ TSA

    @Test
    void tsa_grantsSignedTokenOverTheImprintWithNonce(TestPki pki) throws Exception {
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest("a letter".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
        gen.setCertReq(true);
        BigInteger nonce = BigInteger.valueOf(987654321L);
        TimeStampRequest request = gen.generate(TSPAlgorithms.SHA256, imprint, nonce);

        TimeStampResponse response = new TimeStampResponse(post(pki.tsaUri(), "application/timestamp-query", request.getEncoded()));

        response.validate(request);
        assertThat(response.getStatus()).isEqualTo(GRANTED);
        TimeStampToken token = response.getTimeStampToken();
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsa().certificate()));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(nonce);
        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(token.getCertificates().getMatches(null)).hasSize(3);
    }

    @Test
    void tsa_malformedRequest_rejected(TestPki pki) throws Exception {
        TimeStampResponse response = new TimeStampResponse(post(pki.tsaUri(), "application/timestamp-query",
                new byte[] {0x30, 0x01, 0x00}));

        assertThat(response.getStatus()).isEqualTo(REJECTION);
    }

    // ------------------------------------------------------------------ identities as files, the extension

    @Test
    void writePkcs12_loadsBackAsSystemCredentials(TestPki pki, @TempDir Path dir) {
        Path p12 = pki.seal().writePkcs12(dir.resolve("seal.p12"), "secret".toCharArray());

        SystemCredentials creds = SystemCredentials.fromPkcs12(p12, "secret".toCharArray());

        assertThat(creds.certificate()).isEqualTo(pki.seal().certificate());
        assertThat(creds.chain()).containsExactlyElementsOf(pki.seal().chain());
    }

    @Test
    void toSystemCredentials_person_toStringMasksPesel(TestPki pki) {
        String serialNumber = pki.person().certificate().getSubjectX500Principal().getName(
                javax.security.auth.x500.X500Principal.RFC2253, java.util.Map.of("2.5.4.5", "SN"));
        String pesel = serialNumber.replaceAll(".*SN=PNOPL-([0-9]{11}).*", "$1");

        String text = pki.person().toSystemCredentials().toString();

        assertThat(pesel).hasSize(11);
        assertThat(text).contains("serialNumber=PNOPL-*******" + pesel.substring(7)).doesNotContain(pesel);
    }

    @Test
    void extension_sameInstanceForEveryTest_a(TestPki pki) {
        sameAsFirstSeen(pki);
    }

    @Test
    void extension_sameInstanceForEveryTest_b(TestPki pki) {
        sameAsFirstSeen(pki);
    }

    private static synchronized void sameAsFirstSeen(TestPki pki) {
        if (firstSeen == null) {
            firstSeen = pki;
        }
        assertThat(pki).isSameAs(firstSeen);
    }

    @Test
    void toPem_roundTrips(TestPki pki) throws Exception {
        String pem = TestPki.toPem(pki.rootCertificate());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))).isEqualTo(pki.rootCertificate());
    }

    // ------------------------------------------------------------------ helpers

    private static String value(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier attribute) {
        RDN[] rdns = name.getRDNs(attribute);
        assertThat(rdns).as("RDN " + attribute).hasSize(1);
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static URI crlDistributionPoint(X509Certificate cert) {
        CRLDistPoint dp = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                cert.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets());
        GeneralName name = GeneralNames.getInstance(dp.getDistributionPoints()[0].getDistributionPoint().getName()).getNames()[0];
        return URI.create(name.getName().toString());
    }

    private static X509CRL fetchCrl(URI uri) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(get(uri)));
    }

    private static byte[] get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET " + uri).isEqualTo(200);
        return r.body();
    }

    private static byte[] post(URI uri, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("POST " + uri).isEqualTo(200);
        return r.body();
    }
}
