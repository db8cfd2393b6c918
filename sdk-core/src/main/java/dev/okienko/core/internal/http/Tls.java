package dev.okienko.core.internal.http;

import dev.okienko.core.ClientException;
import dev.okienko.core.SystemCredentials;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS settings of okienko's HTTP client: the system's certificate for mutual TLS, and the server trust
 * (the JDK's by default, or only given anchors).
 */
public final class Tls {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.http");
    private final SSLContext context;
    private final X509TrustManager trust;

    private Tls(SSLContext context, X509TrustManager trust) {
        this.context = context;
        this.trust = trust;
    }

    /**
     * @param client the credentials to present when a server asks for a client certificate, or null for none
     * @param anchors the only certificates servers may chain to, or null for the JDK's trust store
     * @return the settings
     * @throws IllegalStateException when the JDK cannot make a TLS context
     */
    public static Tls of(@Nullable SystemCredentials client, @Nullable Collection<X509Certificate> anchors) {
        if (client != null) {
            client.keyProvider().ifPresent(Tls::availableToJsse);
        }
        try {
            X509TrustManager trust = trustManager(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(client == null ? null : new KeyManager[] {new SystemKeyManager(client)}, new TrustManager[] {trust},
                    null);
            return new Tls(context, trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * JSSE signs the TLS handshake through the JVM's installed providers only, so a key on a PKCS#11 token whose
     * provider was configured but not installed could not be presented. The provider is appended to the JVM's list,
     * at the lowest priority: every other provider is still asked first for everything, and only a key none of them
     * can use (a token's key) reaches it.
     *
     * @throws IllegalStateException when another provider of the same name is installed: JSSE would find that one,
     *     which cannot use this key
     */
    private static void availableToJsse(Provider provider) {
        synchronized (Tls.class) {
            Provider installed = Security.getProvider(provider.getName());
            if (installed == provider) {
                return;
            }
            if (installed != null) {
                throw new IllegalStateException("cannot present the key on " + provider.getName() + " for mutual TLS: another provider"
                        + " of that name is installed in the JVM, and TLS would use it; configure the PKCS#11 provider with a name"
                        + " of its own (SunPKCS11's name=...)");
            }
            Security.addProvider(provider);
            LOG.info("PKCS#11 provider {} installed in the JVM at the lowest priority, so that TLS can sign with the key on its token",
                    provider.getName());
        }
    }

    /**
     * @param service the service's name
     * @param e a transport failure talking to it
     * @return the failure as a {@link ClientException}: retryable unless it cannot pass by
     *     itself (unknown host, a certificate that failed checks), and with a hint when TLS failed
     */
    public static ClientException unreachable(String service, IOException e) {
        String hint = e instanceof SSLException
                ? " (TLS failed: check the server's trust anchors and, for mutual TLS, the client certificate)" : "";
        return new ClientException(service + " could not be reached: " + e.getMessage() + hint, e,
                RetryInterceptor.isTransient(e));
    }

    /** @return the context, for {@code OkHttpClient.Builder.sslSocketFactory} */
    public SSLContext context() {
        return context;
    }

    /** @return the server trust */
    public X509TrustManager trust() {
        return trust;
    }

    private static X509TrustManager trustManager(@Nullable Collection<X509Certificate> anchors) throws GeneralSecurityException {
        KeyStore store = null;
        if (anchors != null) {
            store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK gives no X.509 trust manager");
    }

    /**
     * Presents the system's key and chain as the client certificate. It works with keys that cannot leave their
     * store (PKCS#11), since it hands the key object over instead of copying it into a key store.
     */
    private static final class SystemKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "okienko-system";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        SystemKeyManager(SystemCredentials credentials) {
            this.key = credentials.privateKey();
            this.chain = credentials.chain().toArray(new X509Certificate[0]);
        }

        private boolean fits(@Nullable String keyType) {
            if (keyType == null) {
                return false;
            }
            String type = keyType.toUpperCase(Locale.ROOT);
            String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
            return type.equals(algorithm) || (algorithm.equals("RSA") && type.startsWith("RSA"))
                    || (algorithm.equals("EC") && type.startsWith("EC"));
        }

        private @Nullable String choose(String @Nullable [] keyTypes) {
            if (keyTypes != null) {
                for (String t : keyTypes) {
                    if (fits(t)) {
                        return ALIAS;
                    }
                }
            }
            return null;
        }

        @Override
        public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
            return fits(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public @Nullable String chooseClientAlias(String @Nullable [] keyTypes, Principal @Nullable [] issuers,
                                                  @Nullable Socket socket) {
            return choose(keyTypes);
        }

        @Override
        public @Nullable String chooseEngineClientAlias(String @Nullable [] keyTypes, Principal @Nullable [] issuers,
                                                        @Nullable SSLEngine engine) {
            return choose(keyTypes);
        }

        @Override
        public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
            return null;
        }

        @Override
        public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
            return null;
        }

        @Override
        public X509Certificate @Nullable [] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public @Nullable PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
