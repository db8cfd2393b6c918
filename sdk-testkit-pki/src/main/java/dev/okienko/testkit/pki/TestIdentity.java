package dev.okienko.testkit.pki;

import dev.okienko.core.SystemCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A key pair with its certificate chain from the {@link TestPki}: the certificate first, then the issuing
 * CA, then the root.
 *
 * @param name a short name for messages, e.g. {@code person} or {@code epuap-server}
 * @param privateKey the private key
 * @param chain the certificate first, then its issuers up to the root
 */
public record TestIdentity(String name, PrivateKey privateKey, List<X509Certificate> chain) {
    /** The alias under which {@link #writePkcs12(Path, char[])} stores the key. */
    public static final String ALIAS = "okienko-test";

    /**
     * @param name a short name
     * @param privateKey the private key
     * @param chain the certificate first
     */
    public TestIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least the certificate");
        }
    }

    /** @return the identity's own certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * @return the identity as system credentials (validity is checked as in production: an expired test
     *     identity gives an expired-certificate error)
     */
    public SystemCredentials toSystemCredentials() {
        return SystemCredentials.of(privateKey, chain);
    }

    /**
     * @param password the store and key password
     * @return an in-memory PKCS#12 key store holding the key under {@link #ALIAS}
     */
    public KeyStore toKeyStore(char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, privateKey, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS#12 store", e);
        }
    }

    /**
     * Writes the identity as a PKCS#12 file, for tools and the command line.
     *
     * @param file where to write
     * @param password the store and key password
     * @return {@code file}
     */
    public Path writePkcs12(Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            toKeyStore(password).store(out, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "TestIdentity[" + name + ", " + certificate().getSubjectX500Principal().getName() + "]";
    }
}
