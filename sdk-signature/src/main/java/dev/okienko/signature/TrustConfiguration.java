package dev.okienko.signature;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Which certificates a verifier trusts. Explicit: nothing is trusted unless configured here, so tests and
 * offline installations behave exactly as configured.
 *
 * <p>Immutable and thread-safe; build it once and share it between signers and verifiers.
 */
public final class TrustConfiguration {
    private final List<X509Certificate> anchors;

    private TrustConfiguration(List<X509Certificate> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    /**
     * @param anchors trusted certificates (roots or any CA or end-entity certificate to trust as such)
     * @return the configuration
     */
    public static TrustConfiguration anchors(X509Certificate... anchors) {
        return anchors(List.of(anchors));
    }

    /**
     * @param anchors trusted certificates
     * @return the configuration
     */
    public static TrustConfiguration anchors(List<X509Certificate> anchors) {
        for (X509Certificate a : anchors) {
            Objects.requireNonNull(a, "anchor");
        }
        return new TrustConfiguration(anchors);
    }

    /**
     * @param keyStore a loaded key store whose every certificate (trusted-certificate and key entries) is
     *     trusted
     * @return the configuration
     */
    public static TrustConfiguration fromKeyStore(KeyStore keyStore) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                Certificate c = keyStore.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    certs.add(x);
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("the key store is not loaded", e);
        }
        return new TrustConfiguration(certs);
    }

    /** @return a configuration that trusts nothing: every signature is at best INDETERMINATE */
    public static TrustConfiguration none() {
        return new TrustConfiguration(List.of());
    }

    /** @return the trusted certificates */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    @Override
    public String toString() {
        return "TrustConfiguration[" + anchors.size() + " anchors]";
    }
}
