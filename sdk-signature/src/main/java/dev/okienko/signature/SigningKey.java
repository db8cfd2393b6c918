package dev.okienko.signature;

import dev.okienko.core.SystemCredentials;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key that signs, with its certificate chain: from {@link SystemCredentials} (PKCS#12, any
 * {@link java.security.KeyStore}, including PKCS#11 ones) or a key and chain directly. RSA and EC keys sign
 * with SHA-256 ({@code SHA256withRSA}, {@code SHA256withECDSA}). For keys that never reach this JVM, use
 * {@link Signer#prepare} and {@link Signer#finish} instead.
 */
public final class SigningKey {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs its certificate");
        }
    }

    /**
     * @param credentials loaded and checked system credentials
     * @return the key
     */
    public static SigningKey of(SystemCredentials credentials) {
        return new SigningKey(credentials.privateKey(), credentials.chain());
    }

    /**
     * @param privateKey the key
     * @param chain the certificate first, then its issuers
     * @return the key
     */
    public static SigningKey of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new SigningKey(privateKey, chain);
    }

    /** @return the signer's certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return the certificate first, then its issuers */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * @param dataToSign the bytes from {@link PendingSignature#dataToSign()}
     * @param jcaAlgorithm the algorithm from {@link PendingSignature#signatureAlgorithm()}
     * @return the signature value
     * @throws SigningException when the key cannot sign
     */
    byte[] sign(byte[] dataToSign, String jcaAlgorithm) {
        try {
            Signature s = Signature.getInstance(jcaAlgorithm);
            s.initSign(privateKey);
            s.update(dataToSign);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("the key cannot sign with " + jcaAlgorithm + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
