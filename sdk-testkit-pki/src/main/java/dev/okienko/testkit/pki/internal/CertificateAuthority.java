package dev.okienko.testkit.pki.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/** One CA of the test PKI: its key, certificate, what it issued and what it revoked. */
public final class CertificateAuthority {
    /** The signature algorithm of every certificate, CRL and response. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A revocation entry. */
    public record Revocation(Instant time, int reason) {
    }

    /** What the CA says about a serial number. */
    public enum Status {
        /** Issued and not revoked. */
        GOOD,
        /** Issued and revoked. */
        REVOKED,
        /** Never issued by this CA. */
        UNKNOWN
    }

    /** Adds extensions to a certificate being issued. */
    @FunctionalInterface
    public interface Extensions {
        /**
         * @param builder the certificate being built
         * @param utils extension helpers
         * @throws CertIOException when an extension cannot be encoded
         * @throws GeneralSecurityException when a key cannot be read
         */
        void add(X509v3CertificateBuilder builder, JcaX509ExtensionUtils utils) throws CertIOException, GeneralSecurityException;
    }

    private final String id;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final Set<BigInteger> issued = ConcurrentHashMap.newKeySet();
    private final Map<BigInteger, Revocation> revoked = new ConcurrentHashMap<>();
    private final AtomicLong crlNumber = new AtomicLong();

    private CertificateAuthority(String id, KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
        this.id = id;
        this.keys = keys;
        this.certificate = certificate;
        this.chain = List.copyOf(chain);
    }

    /**
     * @param id the CA's path name on the PKI server ({@code root})
     * @param subject its name
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @return a self-signed root CA
     */
    public static CertificateAuthority root(String id, X500Name subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair(3072);
        X509Certificate cert = build(subject, keys.getPublic(), subject, keys, null, notBefore, notAfter, (b, u) -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()));
        });
        return new CertificateAuthority(id, keys, cert, List.of(cert));
    }

    /**
     * @param id the CA's path name on the PKI server
     * @param subject its name
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @param urls where the PKI server publishes this CA's issuer's CRL, certificate and OCSP
     * @return a subordinate CA issued by this one, allowed to issue end-entity certificates only
     */
    public CertificateAuthority subordinate(String id, X500Name subject, Instant notBefore, Instant notAfter, PkiUrls urls) {
        KeyPair subKeys = newKeyPair(2048);
        X509Certificate cert = issue(subject, subKeys.getPublic(), notBefore, notAfter, (b, u) -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(subKeys.getPublic()));
            addRevocationPointers(b, urls);
        });
        List<X509Certificate> subChain = new ArrayList<>();
        subChain.add(cert);
        subChain.addAll(chain);
        return new CertificateAuthority(id, subKeys, cert, subChain);
    }

    /**
     * Issues a certificate: serial number, validity, AKI, then the caller's extensions.
     *
     * @param subject the subject
     * @param publicKey the subject's key
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @param extensions the subject-specific extensions
     * @return the certificate
     */
    public X509Certificate issue(X500Name subject, PublicKey publicKey, Instant notBefore, Instant notAfter,
                                 Extensions extensions) {
        X509Certificate cert = build(subject, publicKey, X500Name.getInstance(
                certificate.getSubjectX500Principal().getEncoded()), keys, certificate, notBefore, notAfter, extensions);
        issued.add(cert.getSerialNumber());
        return cert;
    }

    /**
     * Adds the CRL distribution point and the AIA (OCSP and issuer certificate) of this CA.
     *
     * @param b the certificate being built
     * @param urls the PKI server's addresses for this CA
     * @throws CertIOException when encoding fails
     */
    public void addRevocationPointers(X509v3CertificateBuilder b, PkiUrls urls) throws CertIOException {
        b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls.crl(id).toString()))), null, null)}));
        b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls.ocsp().toString())),
            new AccessDescription(AccessDescription.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls.certificate(id).toString()))}));
    }

    private static X509Certificate build(X500Name subject, PublicKey publicKey, X500Name issuer, KeyPair issuerKeys,
                                         @Nullable X509Certificate issuerCert, Instant notBefore, Instant notAfter,
                                         Extensions extensions) {
        try {
            BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, publicKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                    ? utils.createAuthorityKeyIdentifier(issuerKeys.getPublic())
                    : utils.createAuthorityKeyIdentifier(issuerCert));
            extensions.add(b, utils);
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
        }
    }

    /**
     * @param bits RSA key size
     * @return a new RSA key pair
     */
    public static KeyPair newKeyPair(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    /**
     * @param serial the serial number
     * @param time when it was revoked
     * @param reason the CRL reason code ({@link org.bouncycastle.asn1.x509.CRLReason})
     */
    public void revoke(BigInteger serial, Instant time, int reason) {
        if (!issued.contains(serial)) {
            throw new IllegalArgumentException("serial " + serial.toString(16) + " was not issued by " + id);
        }
        revoked.put(serial, new Revocation(time, reason));
    }

    /**
     * @param serial a serial number
     * @return what this CA says about it
     */
    public Status status(BigInteger serial) {
        if (revoked.containsKey(serial)) {
            return Status.REVOKED;
        }
        return issued.contains(serial) ? Status.GOOD : Status.UNKNOWN;
    }

    /**
     * @param serial a revoked serial number
     * @return its revocation, if revoked
     */
    public Optional<Revocation> revocation(BigInteger serial) {
        return Optional.ofNullable(revoked.get(serial));
    }

    /**
     * @param now the CRL's thisUpdate
     * @param validity until nextUpdate
     * @return a freshly signed CRL listing every revocation so far
     */
    public X509CRL crl(Instant now, Duration validity) {
        try {
            X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            X509v2CRLBuilder b = new X509v2CRLBuilder(issuer, Date.from(now));
            b.setNextUpdate(Date.from(now.plus(validity)));
            revoked.forEach((serial, r) -> b.addCRLEntry(serial, Date.from(r.time()), r.reason()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber.incrementAndGet())));
            X509CRLHolder holder = b.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate()));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a CRL for " + id, e);
        }
    }

    /** @return the CA's path name on the PKI server */
    public String id() {
        return id;
    }

    /** @return the CA's key pair */
    public KeyPair keys() {
        return keys;
    }

    /** @return the CA's certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    /** @return the CA's certificate first, then its issuers */
    public List<X509Certificate> chain() {
        return chain;
    }
}
