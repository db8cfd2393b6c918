package dev.okienko.spring;

import dev.okienko.core.Ade;
import dev.okienko.core.CredentialsException;
import dev.okienko.core.Environment;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.spring.internal.ActuatorHealthIndicator;
import dev.okienko.spring.internal.ContributorHealthIndicator;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes okienko's clients from {@link OkienkoProperties}: the system's {@link SystemCredentials} (PKCS#12 or PKCS#11),
 * a {@link TrustConfiguration}, a {@link SignatureVerifier} and a {@link Signer}; with an e-Doręczenia address, a
 * {@link SignedJwtTokenProvider}, the office's {@link Mailbox} and an {@link AddressBook}; with ePUAP's server
 * certificate, an {@link EpuapClient}. Every client's HTTP exchanges are observed ({@link ObservedHttp}) in the
 * application's {@link ObservationRegistry}, when it has one. Each bean steps aside for one the application defines,
 * and a {@link Clock} bean, if any, is the clients' clock. An {@link OkienkoHealthCheck} and, with the actuator of
 * Spring Boot 3 or the health module of Spring Boot 4 on the class path, the health indicator {@code okienko} (bean
 * {@value #HEALTH_INDICATOR}) that shows it.
 */
@AutoConfiguration
@EnableConfigurationProperties(OkienkoProperties.class)
public class OkienkoAutoConfiguration {
    /** The health indicator's bean name: the actuator shows it as {@code okienko}. */
    public static final String HEALTH_INDICATOR = "okienkoHealthIndicator";
    private static final java.util.concurrent.atomic.AtomicInteger PKCS11_PROVIDERS = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether the system's credentials are configured (the service clients need them; a bean of yours counts too, see below). */
    static final String CREDENTIALS_SET = "'${okienko.credentials.pkcs12:}' != '' or '${okienko.credentials.pkcs11-library:}' != ''";

    /** Used by Spring. */
    public OkienkoAutoConfiguration() {
    }

    /**
     * @param properties the settings
     * @return the system's credentials, loaded and checked once (a wrong password or an expired certificate fails
     *     the start, naming what is wrong)
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression(CREDENTIALS_SET)
    public SystemCredentials okienkoSystemCredentials(OkienkoProperties properties) {
        OkienkoProperties.Credentials c = properties.getCredentials();
        if (c.getPkcs12() != null) {
            char[] password = c.getPassword() == null ? new char[0] : c.getPassword().toCharArray();
            return SystemCredentials.loader().alias(c.getAlias()).password(password).loadPkcs12(c.getPkcs12());
        }
        Path library = java.util.Objects.requireNonNull(c.getPkcs11Library(), "okienko.credentials.pkcs11-library");
        try {
            // a name of its own (SigningKey.pkcs11 names its providers okienko-N): for mutual TLS the provider is installed
            // in the JVM, where names are unique
            Provider provider = Security.getProvider("SunPKCS11").configure("--name=okienko-spring-" + PKCS11_PROVIDERS.incrementAndGet()
                    + "\nlibrary=" + library
                    + "\nslotListIndex=" + c.getPkcs11Slot() + "\n");
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, c.getPkcs11Pin() == null ? null : c.getPkcs11Pin().toCharArray());
            return SystemCredentials.fromKeyStore(store, c.getAlias(), null);
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw new CredentialsException(CredentialsException.Reason.UNREADABLE, "cannot open the PKCS#11 token through "
                    + library + ", slot " + c.getPkcs11Slot() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param properties the settings
     * @return the certificates trusted: okienko.signature.trust-anchors, and the services of
     *     okienko.signature.trusted-list (signed by okienko.signature.trusted-list-signers); none when none are set
     */
    @Bean
    @ConditionalOnMissingBean
    public TrustConfiguration okienkoTrust(OkienkoProperties properties) {
        OkienkoProperties.Signature s = properties.getSignature();
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path pem : s.getTrustAnchors()) {
            anchors.addAll(certificates(pem, "okienko.signature.trust-anchors"));
        }
        URI list = s.getTrustedList();
        if (list == null) {
            return anchors.isEmpty() ? TrustConfiguration.none() : TrustConfiguration.anchors(anchors);
        }
        List<X509Certificate> signers = new ArrayList<>();
        for (Path pem : s.getTrustedListSigners()) {
            signers.addAll(certificates(pem, "okienko.signature.trusted-list-signers"));
        }
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("okienko.signature.trusted-list needs okienko.signature.trusted-list-signers:"
                    + " the certificates the list must be signed with");
        }
        TrustConfiguration.Builder b = TrustConfiguration.builder().trustedList(list, signers).anchors(anchors);
        if (s.getTrustedListCache() != null) {
            b.cacheDirectory(s.getTrustedListCache());
        }
        if (s.isOffline()) {
            b.offline();
        }
        return b.build();
    }

    /**
     * @param properties the settings
     * @param trust what is trusted
     * @param observations the application's observations, if any
     * @param conventions the application's names and tags for okienko's HTTP observations, if any
     * @param clock the application's clock, if any
     * @return the verifier
     */
    @Bean
    @ConditionalOnMissingBean
    public SignatureVerifier okienkoSignatureVerifier(OkienkoProperties properties, TrustConfiguration trust,
                                                      ObjectProvider<ObservationRegistry> observations,
                                                      ObjectProvider<OkienkoHttpObservationConvention> conventions, ObjectProvider<Clock> clock) {
        SignatureVerifier.Builder b = SignatureVerifier.builder().trust(trust).clock(clock(clock))
                .httpClient(http("signature", observations, conventions));
        if (properties.getSignature().isOffline()) {
            b.offline();
        }
        return b.build();
    }

    /**
     * @param properties the settings
     * @param trust what is trusted
     * @param observations the application's observations, if any
     * @param conventions the application's names and tags for okienko's HTTP observations, if any
     * @param clock the application's clock, if any
     * @return the signer
     */
    @Bean
    @ConditionalOnMissingBean
    public Signer okienkoSigner(OkienkoProperties properties, TrustConfiguration trust,
                                ObjectProvider<ObservationRegistry> observations,
                                ObjectProvider<OkienkoHttpObservationConvention> conventions, ObjectProvider<Clock> clock) {
        Signer.Builder b = Signer.builder().trust(trust).clock(clock(clock))
                .httpClient(http("signature", observations, conventions));
        URI tsa = properties.getSignature().getTsa();
        if (tsa != null) {
            b.tsa(tsa);
        }
        return b.build();
    }

    /** e-Doręczenia, when the office's address and the system's credentials are set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "okienko.edelivery", name = "address")
    @ConditionalOnExpression(CREDENTIALS_SET)
    static class EdeliveryConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SignedJwtTokenProvider okienkoTokenProvider(OkienkoProperties properties, SystemCredentials credentials,
                                                    ObjectProvider<ObservationRegistry> observations,
                                                    ObjectProvider<OkienkoHttpObservationConvention> conventions, ObjectProvider<Clock> clock) {
            OkienkoProperties.Edelivery e = properties.getEdelivery();
            return SignedJwtTokenProvider.builder().environment(environment(e.getEnvironment())).credentials(credentials)
                    .system(Ade.parse(java.util.Objects.requireNonNull(e.getAddress())), e.getSystemName()).clock(clock(clock))
                    .httpClient(edeliveryHttp("edelivery-token", properties, credentials, observations, conventions)).build();
        }

        @Bean
        @ConditionalOnMissingBean
        Mailbox okienkoMailbox(OkienkoProperties properties, SignedJwtTokenProvider tokens, SystemCredentials credentials,
                               ObjectProvider<ObservationRegistry> observations,
                               ObjectProvider<OkienkoHttpObservationConvention> conventions, ObjectProvider<Clock> clock) {
            OkienkoProperties.Edelivery e = properties.getEdelivery();
            return Mailbox.builder().environment(environment(e.getEnvironment())).tokens(tokens)
                    .address(Ade.parse(java.util.Objects.requireNonNull(e.getAddress()))).clock(clock(clock))
                    .httpClient(edeliveryHttp("edelivery", properties, credentials, observations, conventions)).build();
        }

        @Bean
        @ConditionalOnMissingBean
        AddressBook okienkoAddressBook(OkienkoProperties properties, SignedJwtTokenProvider tokens, SystemCredentials credentials,
                                       ObjectProvider<ObservationRegistry> observations,
                                       ObjectProvider<OkienkoHttpObservationConvention> conventions, ObjectProvider<Clock> clock) {
            OkienkoProperties.Edelivery e = properties.getEdelivery();
            return AddressBook.builder().environment(environment(e.getEnvironment())).tokens(tokens)
                    .sender(Ade.parse(java.util.Objects.requireNonNull(e.getAddress()))).clock(clock(clock))
                    .httpClient(edeliveryHttp("edelivery-bae", properties, credentials, observations, conventions)).build();
        }
    }

    /** ePUAP, when its server certificate and the system's credentials are set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "okienko.epuap", name = "server-certificate")
    @ConditionalOnExpression(CREDENTIALS_SET)
    static class EpuapConfiguration {
        @Bean
        @ConditionalOnMissingBean
        EpuapClient okienkoEpuapClient(OkienkoProperties properties, SystemCredentials credentials,
                                       ObjectProvider<ObservationRegistry> observations,
                                       ObjectProvider<OkienkoHttpObservationConvention> conventions) {
            OkienkoProperties.Epuap e = properties.getEpuap();
            List<X509Certificate> server = certificates(java.util.Objects.requireNonNull(e.getServerCertificate()),
                    "okienko.epuap.server-certificate");
            return EpuapClient.builder().environment(environment(e.getEnvironment())).credentials(credentials)
                    .serverCertificate(server.get(0)).httpClient(http("epuap", observations, conventions)).build();
        }
    }

    /**
     * @param properties the settings
     * @param credentials the system's credentials, if any
     * @param tokens e-Doręczenia's token provider, if any
     * @param trust the trust configuration
     * @param clock the application's clock, if any
     * @param window the one window, if any
     * @return what okienko's health indicator reports (usable without the actuator too)
     */
    @Bean
    @ConditionalOnMissingBean
    OkienkoHealthCheck okienkoHealthCheck(OkienkoProperties properties, ObjectProvider<SystemCredentials> credentials,
                                          ObjectProvider<SignedJwtTokenProvider> tokens, TrustConfiguration trust,
                                          ObjectProvider<Clock> clock, ObjectProvider<dev.okienko.correspondence.Correspondence> window) {
        return new OkienkoHealthCheck(credentials.getIfAvailable(),
                properties.getHealth().isCheckToken() ? tokens.getIfAvailable() : null, trust,
                properties.getHealth().getCertificateWarning(), clock(clock), window::getIfAvailable);
    }

    /** The health indicator {@code okienko}, with Spring Boot 3's actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class ActuatorHealthConfiguration {
        @Bean(name = HEALTH_INDICATOR)
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
        ActuatorHealthIndicator okienkoHealthIndicator(OkienkoHealthCheck check) {
            return new ActuatorHealthIndicator(check);
        }
    }

    /** The health indicator {@code okienko}, with Spring Boot 4's health module (where the actuator's API moved). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
    static class ContributorHealthConfiguration {
        @Bean(name = HEALTH_INDICATOR)
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
        ContributorHealthIndicator okienkoHealthIndicator(OkienkoHealthCheck check) {
            return new ContributorHealthIndicator(check);
        }
    }

    /**
     * @param name production, integration, or a base URL laid out as okienko's simulator serves it
     * @return the environment
     */
    static Environment environment(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "production" -> Environment.PRODUCTION;
            case "integration" -> Environment.INTEGRATION;
            default -> {
                if (!name.startsWith("http://") && !name.startsWith("https://")) {
                    throw new IllegalArgumentException("okienko environment \"" + name
                            + "\" is none of production, integration or an http(s) base URL");
                }
                yield Environment.custom(URI.create(name));
            }
        };
    }

    private static List<X509Certificate> certificates(Path pem, String property) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(property + ": " + pem + " holds no certificate");
            }
            return out;
        } catch (IOException e) {
            throw new dev.okienko.core.LocalFileException(property + ": cannot read " + pem, pem, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(property + ": " + pem + " is not a PEM or DER certificate: " + e.getMessage(), e);
        }
    }

    /**
     * @return an e-Doręczenia client's HTTP stack: with the system's certificate for mutual TLS and the server's own
     *     trust anchors, when set
     */
    static okhttp3.OkHttpClient edeliveryHttp(String client, OkienkoProperties properties, @Nullable SystemCredentials credentials,
                                              ObjectProvider<ObservationRegistry> observations,
                                              ObjectProvider<OkienkoHttpObservationConvention> conventions) {
        OkienkoProperties.Edelivery e = properties.getEdelivery();
        dev.okienko.core.HttpClients.Builder b = ObservedHttp.builder(client, registry(observations), conventions.orderedStream().toList());
        if (e.isMutualTls()) {
            if (credentials == null) {
                throw new IllegalStateException("okienko.edelivery.mutual-tls=true needs the system's credentials (okienko.credentials.*)");
            }
            b.clientCertificate(credentials);
        }
        Path anchors = e.getServerTrustAnchors();
        if (anchors != null) {
            b.trustAnchors(certificates(anchors, "okienko.edelivery.server-trust-anchors"));
        }
        return b.build();
    }

    private static okhttp3.OkHttpClient http(String client, ObjectProvider<ObservationRegistry> observations,
                                             ObjectProvider<OkienkoHttpObservationConvention> conventions) {
        return ObservedHttp.client(client, registry(observations), conventions.orderedStream().toList());
    }

    private static ObservationRegistry registry(ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable();
        return registry == null ? ObservationRegistry.NOOP : registry;
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        Clock c = clock.getIfAvailable();
        return c == null ? Clock.systemUTC() : c;
    }
}
