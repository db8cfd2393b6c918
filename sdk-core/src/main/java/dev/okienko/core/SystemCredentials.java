package dev.okienko.core;

import dev.okienko.core.CredentialsException.Reason;
import dev.okienko.core.internal.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * The private key and certificate chain a system (an EZD installation) uses to sign requests to ePUAP,
 * tokens for e-Doręczenia, and documents. Loaded from a PKCS#12 file or any {@link KeyStore} (including a
 * PKCS#11 one), and checked on load: the password opens it, it holds exactly the key asked for, the key
 * belongs to the certificate, and the certificate is valid now. Each failure is a
 * {@link CredentialsException} with a {@link CredentialsException.Reason}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the certificate's subject, serial number and
 * validity, never key material.
 */
public final class SystemCredentials {
    private static final Map<String, String> SUBJECT_NAMES = Map.of("2.5.4.5", "serialNumber", "2.5.4.97",
            "organizationIdentifier", "2.5.4.42", "givenName", "2.5.4.4", "surname");

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    /** The provider of a PKCS#11 key store: its keys sign only through it. */
    private final @Nullable Provider provider;

    private SystemCredentials(PrivateKey privateKey, List<X509Certificate> chain, @Nullable Provider provider) {
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.provider = provider;
    }

    /**
     * Loads the only private key of a PKCS#12 file, checking validity against the system clock.
     *
     * @param file the {@code .p12} / {@code .pfx} file
     * @param password its password (also the key's); the array is not kept
     * @return the credentials
     * @throws CredentialsException naming what is wrong
     */
    public static SystemCredentials fromPkcs12(Path file, char[] password) {
        return loader().password(password).loadPkcs12(file);
    }

    /**
     * Takes the only private key of a loaded key store (or the one named by {@code alias}), checking validity
     * against the system clock.
     *
     * @param keyStore a loaded key store (PKCS#12, JKS, PKCS#11 ...)
     * @param alias the entry to use, or null when the store holds exactly one private key
     * @param keyPassword the key's password (null for PKCS#11 keys)
     * @return the credentials
     * @throws CredentialsException naming what is wrong
     */
    public static SystemCredentials fromKeyStore(KeyStore keyStore, @Nullable String alias, char @Nullable [] keyPassword) {
        Loader loader = loader().alias(alias);
        if (keyPassword != null) {
            loader.password(keyPassword);
        }
        return loader.fromKeyStore(keyStore);
    }

    /**
     * @param privateKey the key
     * @param chain the certificate first, then its issuers
     * @return the credentials, checked as the loaders check them
     * @throws CredentialsException naming what is wrong
     */
    public static SystemCredentials of(PrivateKey privateKey, List<X509Certificate> chain) {
        return loader().check(privateKey, chain);
    }

    /** @return a loader for settings beyond the common case: alias, clock, accepting expired certificates */
    public static Loader loader() {
        return new Loader();
    }

    /** @return the private key: never log it */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * A signature engine for this key: through the PKCS#11 provider the key came from (a key on a token or an HSM
     * signs only there, and that provider need not be installed in the JVM), or the JDK's for any other key.
     *
     * @param algorithm a JCA algorithm, e.g. {@code SHA256withRSA}
     * @return the engine, initialised for signing with {@link #privateKey()}
     * @throws GeneralSecurityException when the provider has no such algorithm or refuses the key
     */
    public Signature signature(String algorithm) throws GeneralSecurityException {
        return engine(algorithm, privateKey, provider);
    }

    /** @return a signature engine initialised for signing with the key, through its provider when it has one */
    private static Signature engine(String algorithm, PrivateKey key, @Nullable Provider provider) throws GeneralSecurityException {
        Signature signature = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
        signature.initSign(key);
        return signature;
    }

    /**
     * @return the PKCS#11 provider the key came from, for libraries that take a provider (XML signatures, TLS); empty
     *     for a key in software, which any installed provider signs with
     */
    public java.util.Optional<Provider> keyProvider() {
        return java.util.Optional.ofNullable(provider);
    }

    /** @return the system's certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return the certificate first, then its issuers as far as the key store had them */
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public String toString() {
        X509Certificate c = certificate();
        return "SystemCredentials[subject=" + describe(c) + ", serial="
                + c.getSerialNumber().toString(16) + ", valid " + c.getNotBefore().toInstant() + " to "
                + c.getNotAfter().toInstant() + ", key=" + privateKey.getAlgorithm() + "]";
    }

    /**
     * @param c a certificate
     * @return its subject for messages: attribute names for the OIDs Polish certificates use, PESEL masked
     */
    static String describe(X509Certificate c) {
        return Secrets.maskText(c.getSubjectX500Principal().getName(X500Principal.RFC2253, SUBJECT_NAMES));
    }

    /** Loads {@link SystemCredentials} with non-default settings. Not thread-safe; use once. */
    public static final class Loader {
        private @Nullable String alias;
        private char @Nullable [] password;
        private Clock clock = Clock.systemUTC();
        private boolean allowInvalidDates;

        private Loader() {
        }

        /**
         * @param alias the key entry to use, or null for the only one
         * @return this
         */
        public Loader alias(@Nullable String alias) {
            this.alias = alias;
            return this;
        }

        /**
         * @param password the key store's password, also used for the key; copied, so the caller may wipe it
         * @return this
         */
        public Loader password(char[] password) {
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * @param clock the clock validity is checked against
         * @return this
         */
        public Loader clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Accepts a certificate outside its validity (e.g. to inspect or re-sign old material); off by default.
         *
         * @param allow whether to skip the validity check
         * @return this
         */
        public Loader allowInvalidDates(boolean allow) {
            this.allowInvalidDates = allow;
            return this;
        }

        /**
         * @param file a PKCS#12 file
         * @return the credentials
         * @throws CredentialsException naming what is wrong
         */
        public SystemCredentials loadPkcs12(Path file) {
            KeyStore ks;
            try (InputStream in = Files.newInputStream(file)) {
                ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
            } catch (NoSuchFileException e) {
                throw new CredentialsException(Reason.UNREADABLE, "no such key file: " + file, e);
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException || isPasswordFailure(e)) {
                    throw new CredentialsException(Reason.WRONG_PASSWORD,
                            "the password does not open " + file.getFileName(), e);
                }
                throw new CredentialsException(Reason.UNREADABLE,
                        "cannot read " + file.getFileName() + " as PKCS#12: " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new CredentialsException(Reason.UNREADABLE,
                        "cannot read " + file.getFileName() + " as PKCS#12: " + e.getMessage(), e);
            }
            return fromKeyStore(ks);
        }

        /**
         * @param keyStore a loaded key store
         * @return the credentials
         * @throws CredentialsException naming what is wrong
         */
        public SystemCredentials fromKeyStore(KeyStore keyStore) {
            try {
                String chosen = chooseAlias(keyStore);
                Key key;
                try {
                    key = keyStore.getKey(chosen, password);
                } catch (UnrecoverableKeyException e) {
                    throw new CredentialsException(Reason.WRONG_PASSWORD,
                            "the password does not open the private key '" + chosen + "'", e);
                }
                if (!(key instanceof PrivateKey privateKey)) {
                    throw new CredentialsException(Reason.NO_PRIVATE_KEY, "entry '" + chosen + "' has no private key", null);
                }
                Certificate[] certs = keyStore.getCertificateChain(chosen);
                if (certs == null || certs.length == 0) {
                    throw new CredentialsException(Reason.NO_PRIVATE_KEY,
                            "entry '" + chosen + "' has a key but no certificate", null);
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : certs) {
                    if (!(c instanceof X509Certificate x)) {
                        throw new CredentialsException(Reason.UNREADABLE, "entry '" + chosen + "' has a non-X.509 certificate", null);
                    }
                    chain.add(x);
                }
                // a token's keys sign only through its provider (which need not be installed in the JVM)
                return check(privateKey, chain, "PKCS11".equalsIgnoreCase(keyStore.getType()) ? keyStore.getProvider() : null);
            } catch (KeyStoreException | NoSuchAlgorithmException e) {
                throw new CredentialsException(Reason.UNREADABLE, "cannot read the key store: " + e.getMessage(), e);
            }
        }

        private String chooseAlias(KeyStore keyStore) throws KeyStoreException {
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            if (alias != null) {
                if (!keyStore.containsAlias(alias)) {
                    throw new CredentialsException(Reason.ALIAS_NOT_FOUND,
                            "no entry '" + alias + "'; key entries: " + keyAliases, null);
                }
                if (!keyStore.isKeyEntry(alias)) {
                    throw new CredentialsException(Reason.ALIAS_NOT_FOUND,
                            "entry '" + alias + "' is a certificate, not a private key; key entries: " + keyAliases, null);
                }
                return alias;
            }
            if (keyAliases.isEmpty()) {
                throw new CredentialsException(Reason.NO_PRIVATE_KEY,
                        "the key store holds no private key (" + keyStore.size() + " certificate entries only)", null);
            }
            if (keyAliases.size() > 1) {
                throw new CredentialsException(Reason.AMBIGUOUS_ALIAS,
                        "the key store holds " + keyAliases.size() + " private keys " + keyAliases + "; name one", null);
            }
            return keyAliases.get(0);
        }

        SystemCredentials check(PrivateKey privateKey, List<X509Certificate> chain) {
            return check(privateKey, chain, null);
        }

        SystemCredentials check(PrivateKey privateKey, List<X509Certificate> chain, @Nullable Provider provider) {
            Objects.requireNonNull(privateKey, "privateKey");
            if (chain.isEmpty()) {
                throw new CredentialsException(Reason.NO_PRIVATE_KEY, "no certificate given for the key", null);
            }
            X509Certificate cert = chain.get(0);
            String subject = describe(cert);
            if (!allowInvalidDates) {
                Instant now = clock.instant();
                if (now.isAfter(cert.getNotAfter().toInstant())) {
                    throw new CredentialsException(Reason.CERTIFICATE_EXPIRED, "the certificate of " + subject
                            + " expired on " + cert.getNotAfter().toInstant(), null);
                }
                if (now.isBefore(cert.getNotBefore().toInstant())) {
                    throw new CredentialsException(Reason.CERTIFICATE_NOT_YET_VALID, "the certificate of " + subject
                            + " is valid only from " + cert.getNotBefore().toInstant(), null);
                }
            }
            if (!keyMatches(privateKey, cert, provider)) {
                throw new CredentialsException(Reason.KEY_CERTIFICATE_MISMATCH,
                        "the private key does not belong to the certificate of " + subject, null);
            }
            return new SystemCredentials(privateKey, chain, provider);
        }

        /**
         * Signs a probe with the key and verifies it with the certificate's public key. A key that cannot
         * be exported (PKCS#11, HSM) may refuse the probe; then only its first real use will tell.
         */
        private static boolean keyMatches(PrivateKey key, X509Certificate cert, @Nullable Provider provider) {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> null;
            };
            if (algorithm == null) {
                return true;
            }
            byte[] probe = "okienko key check".getBytes(StandardCharsets.US_ASCII);
            try {
                Signature signer = engine(algorithm, key, provider);
                signer.update(probe);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(cert.getPublicKey());
                verifier.update(probe);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                // a software key that cannot sign-and-verify against the certificate's key (e.g. an RSA key with
                // an EC certificate) does not match; a token's key that refused the probe is given the benefit
                return key.getEncoded() == null;
            }
        }

        private static boolean isPasswordFailure(IOException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return m.contains("password") || m.contains("mac check") || m.contains("integrity check");
        }
    }
}
