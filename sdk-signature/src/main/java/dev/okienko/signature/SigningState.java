package dev.okienko.signature;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Signer#finish} needs besides the document and the signature value: the options, the signing
 * time fixed when the data to sign was computed, the signer's certificate chain, and a digest of the data
 * to sign (so that a different document or a wrong signature value is refused). Small, immutable and
 * serialisable, so it can be kept while a remote signer or an HSM does its part.
 */
public final class SigningState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SignatureOptions options;
    private final Instant signingTime;
    private final List<byte[]> chain;
    private final byte[] dataToSignDigest;

    SigningState(SignatureOptions options, Instant signingTime, List<X509Certificate> chain, byte[] dataToSignDigest) {
        this.options = Objects.requireNonNull(options, "options");
        this.signingTime = Objects.requireNonNull(signingTime, "signingTime");
        this.dataToSignDigest = dataToSignDigest.clone();
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                der.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode a certificate of the chain", e);
            }
        }
        this.chain = List.copyOf(der);
    }

    /** @return the signature options */
    public SignatureOptions options() {
        return options;
    }

    /** @return the signing time the data to sign includes */
    public Instant signingTime() {
        return signingTime;
    }

    /** @return the signer's certificate first, then its issuers */
    public List<X509Certificate> chain() {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (byte[] der : chain) {
                certs.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
            }
            return certs;
        } catch (CertificateException e) {
            throw new IllegalStateException("the stored chain is not readable", e);
        }
    }

    /** @return the SHA-256 of the data to sign, by which {@link Signer#finish} recognises the same document */
    byte[] dataToSignDigest() {
        return dataToSignDigest.clone();
    }

    @Override
    public String toString() {
        return "SigningState[" + options + ", signed at " + signingTime + ", chain of " + chain.size() + "]";
    }
}
