package dev.okienko.signature;

import dev.okienko.core.CredentialsException;
import dev.okienko.core.CredentialsException.Reason;
import dev.okienko.core.SystemCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.InvalidParameterException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A private key that signs, with its certificate chain: from {@link SystemCredentials} (PKCS#12 or any
 * {@link java.security.KeyStore}), from a PKCS#11 token ({@link #pkcs11}), or a key and chain directly. RSA and EC keys sign
 * with SHA-256 ({@code SHA256withRSA}, {@code SHA256withECDSA}). For keys that never reach this JVM, use
 * {@link Signer#prepare} and {@link Signer#finish} instead.
 */
public final class SigningKey {
    private static final AtomicInteger PKCS11_PROVIDERS = new AtomicInteger();

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final @Nullable Provider provider;

    private SigningKey(PrivateKey privateKey, List<X509Certificate> chain, @Nullable Provider provider) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        this.provider = provider;
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs its certificate");
        }
    }

    /**
     * @param credentials loaded and checked system credentials
     * @return the key
     */
    public static SigningKey of(SystemCredentials credentials) {
        return new SigningKey(credentials.privateKey(), credentials.chain(), null);
    }

    /**
     * @param privateKey the key
     * @param chain the certificate first, then its issuers
     * @return the key
     */
    public static SigningKey of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new SigningKey(privateKey, chain, null);
    }

    /**
     * A key on a PKCS#11 token (smart card, HSM, SoftHSM) through the JDK's SunPKCS11 provider. The provider
     * is made for this key only and is not registered globally; the key never leaves the token. PKCS#11 login
     * is per application: while this JVM is logged in to the token, the PIN is not checked again.
     *
     * @param library the token's PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slotListIndex which slot of the library's slot list, from 0
     * @param pin the user PIN; the array is not kept
     * @param alias the key's label, or null when the token holds exactly one key
     * @return the key with its certificate chain as stored on the token
     * @throws dev.okienko.core.CredentialsException when the library cannot be loaded (UNREADABLE), the PIN is
     *     wrong (WRONG_PASSWORD), or the key is not there
     */
    public static SigningKey pkcs11(Path library, int slotListIndex, char[] pin, @Nullable String alias) {
        Provider provider;
        try {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new CredentialsException(Reason.UNREADABLE, "this JDK has no SunPKCS11 provider", null);
            }
            provider = base.configure("--name=okienko-" + PKCS11_PROVIDERS.incrementAndGet() + "\nlibrary="
                    + library.toAbsolutePath() + "\nslotListIndex=" + slotListIndex);
        } catch (java.security.ProviderException | InvalidParameterException | UnsupportedOperationException e) {
            throw new CredentialsException(Reason.UNREADABLE, "cannot use the PKCS#11 library " + library + ": "
                    + e.getMessage(), e);
        }
        KeyStore ks;
        try {
            ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, pin);
        } catch (IOException e) {
            boolean pinWrong = false;
            for (Throwable t = e; t != null && !pinWrong; t = t.getCause()) {
                pinWrong = t instanceof javax.security.auth.login.FailedLoginException
                        || String.valueOf(t.getMessage()).contains("CKR_PIN_INCORRECT");
            }
            throw new CredentialsException(pinWrong ? Reason.WRONG_PASSWORD : Reason.UNREADABLE,
                    pinWrong ? "the PIN does not open the token" : "cannot open the token: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CredentialsException(Reason.UNREADABLE, "cannot open the token: " + e.getMessage(), e);
        }
        SystemCredentials credentials = SystemCredentials.fromKeyStore(ks, alias, null);
        return new SigningKey(credentials.privateKey(), credentials.chain(), provider);
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
            Signature s = provider == null ? Signature.getInstance(jcaAlgorithm) : Signature.getInstance(jcaAlgorithm, provider);
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
