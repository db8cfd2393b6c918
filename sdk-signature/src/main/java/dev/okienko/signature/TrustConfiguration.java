package dev.okienko.signature;

import dev.okienko.core.HttpClients;
import dev.okienko.signature.internal.TrustedLists;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Which certificates a verifier trusts: explicit anchors, trusted lists (a national list such as the Polish
 * one, or the EU list of trusted lists), or both. Nothing is trusted unless configured here.
 *
 * <p>Trusted lists are loaded once, when the configuration is built, into an on-disk cache, and shared by
 * every signer and verifier given this configuration, across threads. {@link #refresh()} loads them again; a
 * refresh that fails keeps the lists loaded before. {@link Builder#offline()} never touches the network and
 * uses only the cache (so a first offline start with an empty cache trusts nothing from lists).
 *
 * <pre>{@code
 * TrustConfiguration trust = TrustConfiguration.builder()
 *     .trustedList(URI.create("https://example.gov/tsl/PL_TSL.xml"), plTlSigningCertificates)
 *     .cacheDirectory(Path.of("/var/cache/ezd/trusted-lists"))
 *     .build();
 * }</pre>
 */
public final class TrustConfiguration {
    /** Where the European Commission publishes the EU list of trusted lists. */
    public static final URI EU_LOTL = URI.create("https://ec.europa.eu/tools/lotl/eu-lotl.xml");

    private final List<X509Certificate> anchors;
    private final CommonTrustedCertificateSource anchorSource;
    private final @Nullable TrustedLists trustedLists;

    private TrustConfiguration(List<X509Certificate> anchors, @Nullable TrustedLists trustedLists) {
        this.anchors = List.copyOf(anchors);
        this.anchorSource = new CommonTrustedCertificateSource();
        for (X509Certificate anchor : this.anchors) {
            anchorSource.addCertificate(new CertificateToken(anchor));
        }
        this.trustedLists = trustedLists;
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
        return builder().anchors(anchors).build();
    }

    /**
     * @param keyStore a loaded key store whose every certificate (trusted-certificate and key entries) is
     *     trusted
     * @return the configuration
     */
    public static TrustConfiguration fromKeyStore(KeyStore keyStore) {
        return builder().keyStore(keyStore).build();
    }

    /** @return a configuration that trusts nothing: every signature is at best INDETERMINATE */
    public static TrustConfiguration none() {
        return new TrustConfiguration(List.of(), null);
    }

    /** @return a builder for anchors and trusted lists */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the explicitly trusted certificates */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /** @return the state of each trusted list, empty when none is configured */
    public List<TrustedListStatus> trustedListStatus() {
        return trustedLists == null ? List.of() : trustedLists.status();
    }

    /**
     * Loads the trusted lists again (online unless built offline). Lists that cannot be downloaded, read or
     * verified now keep their previous content. Safe to call while other threads verify.
     */
    public void refresh() {
        if (trustedLists != null) {
            trustedLists.refresh();
        }
    }

    /** @return DSS's trusted sources: the anchors, then what the trusted lists make trusted */
    CertificateSource[] dssSources() {
        return trustedLists == null ? new CertificateSource[] {anchorSource}
                : new CertificateSource[] {anchorSource, trustedLists.certificates()};
    }

    @Override
    public String toString() {
        return "TrustConfiguration[" + anchors.size() + " anchors"
                + (trustedLists == null ? "" : ", " + trustedLists.status().size() + " trusted lists") + "]";
    }

    /** Builds a {@link TrustConfiguration}. */
    public static final class Builder {
        private final List<X509Certificate> anchors = new ArrayList<>();
        private final List<TrustedLists.Source> lists = new ArrayList<>();
        private @Nullable Path cacheDirectory;
        private @Nullable OkHttpClient http;
        private boolean offline;

        private Builder() {
        }

        /**
         * @param certificates certificates to trust as anchors
         * @return this
         */
        public Builder anchors(List<X509Certificate> certificates) {
            certificates.forEach(c -> anchors.add(Objects.requireNonNull(c, "anchor")));
            return this;
        }

        /**
         * @param keyStore a loaded key store whose every certificate is trusted
         * @return this
         */
        public Builder keyStore(KeyStore keyStore) {
            try {
                for (String alias : Collections.list(keyStore.aliases())) {
                    Certificate c = keyStore.getCertificate(alias);
                    if (c instanceof X509Certificate x) {
                        anchors.add(x);
                    }
                }
            } catch (KeyStoreException e) {
                throw new IllegalArgumentException("the key store is not loaded", e);
            }
            return this;
        }

        /**
         * A national trusted list, e.g. the Polish one, whose signature must verify with one of the given
         * certificates (as announced by its scheme operator).
         *
         * @param url where the list is published
         * @param signingCertificates the certificates it may be signed with
         * @return this
         */
        public Builder trustedList(URI url, List<X509Certificate> signingCertificates) {
            lists.add(new TrustedLists.Source(url, List.copyOf(signingCertificates), false, List.of()));
            return this;
        }

        /**
         * A list of trusted lists, e.g. the EU LOTL, with the certificates it may be signed with (for the EU,
         * those published in the Official Journal); pivots are followed.
         *
         * @param url where the list of lists is published
         * @param signingCertificates the certificates it may be signed with
         * @param territories the national lists to follow (e.g. {@code PL}); none for all
         * @return this
         */
        public Builder listOfTrustedLists(URI url, List<X509Certificate> signingCertificates, String... territories) {
            lists.add(new TrustedLists.Source(url, List.copyOf(signingCertificates), true, List.of(territories)));
            return this;
        }

        /**
         * The EU list of trusted lists at {@link #EU_LOTL}, and through it the national lists, each checked
         * against the signers the LOTL names for it. {@code euLotl(ojCertificates, "PL")} is the way to the
         * Polish national trusted list with its signer taken from the LOTL.
         *
         * @param officialJournalCertificates the LOTL signing certificates the EU publishes in the Official
         *     Journal (okienko does not bundle them: they change, and you should take them from the source)
         * @param territories the national lists to follow, e.g. {@code PL}; none for all
         * @return this
         */
        public Builder euLotl(List<X509Certificate> officialJournalCertificates, String... territories) {
            return listOfTrustedLists(EU_LOTL, officialJournalCertificates, territories);
        }

        /**
         * @param directory where downloaded lists are kept between runs; by default
         *     {@code <java.io.tmpdir>/okienko-trusted-lists}
         * @return this
         */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param http the client lists are downloaded with; by default {@link HttpClients#defaultClient()}
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Never download: use the lists in the cache directory only.
         *
         * @return this
         */
        public Builder offline() {
            this.offline = true;
            return this;
        }

        /** @return the configuration, with its trusted lists loaded */
        public TrustConfiguration build() {
            TrustedLists loaded = null;
            if (!lists.isEmpty()) {
                Path dir = cacheDirectory != null ? cacheDirectory
                        : Path.of(System.getProperty("java.io.tmpdir"), "okienko-trusted-lists");
                loaded = new TrustedLists(lists, dir, http != null ? http : HttpClients.defaultClient(), offline);
            }
            return new TrustConfiguration(anchors, loaded);
        }
    }
}
