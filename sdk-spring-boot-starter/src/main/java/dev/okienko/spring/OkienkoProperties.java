package dev.okienko.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * okienko's settings, under {@code okienko.*}. Each client is made only when what it needs is set: the system's
 * credentials ({@code okienko.credentials.*}) for all of them, an address for e-Doręczenia, an entity and the server
 * certificate for ePUAP.
 *
 * <pre>
 * okienko.credentials.pkcs12=/etc/ezd/system.p12
 * okienko.credentials.password=${EZD_P12_PASSWORD}
 * okienko.edelivery.environment=integration
 * okienko.edelivery.address=AE:PL-50419-15057-VDGUG-25
 * okienko.edelivery.system-name=EZD
 * okienko.epuap.environment=integration
 * okienko.epuap.server-certificate=/etc/ezd/epuap-server.pem
 * okienko.signature.trust-anchors=/etc/ezd/root.pem
 * </pre>
 */
@ConfigurationProperties(prefix = "okienko")
public class OkienkoProperties {
    private final Credentials credentials = new Credentials();
    private final Edelivery edelivery = new Edelivery();
    private final Epuap epuap = new Epuap();
    private final Signature signature = new Signature();
    private final Health health = new Health();
    private final CorrespondenceSettings correspondence = new CorrespondenceSettings();

    /** @return the system's credentials */
    public Credentials getCredentials() {
        return credentials;
    }

    /** @return e-Doręczenia */
    public Edelivery getEdelivery() {
        return edelivery;
    }

    /** @return ePUAP */
    public Epuap getEpuap() {
        return epuap;
    }

    /** @return signing and verification */
    public Signature getSignature() {
        return signature;
    }

    /** @return the health indicator */
    public Health getHealth() {
        return health;
    }

    /** @return the one window */
    public CorrespondenceSettings getCorrespondence() {
        return correspondence;
    }

    /** The one window (sdk-correspondence): made when {@code store} is set. */
    public static class CorrespondenceSettings {
        /** A folder for the embedded H2 store, a JDBC URL (PostgreSQL, H2), or "datasource" for the application's DataSource. */
        private @Nullable String store;
        /** The database user, for a JDBC URL. */
        private @Nullable String user;
        /** The database password, for a JDBC URL. */
        private @Nullable String password;
        /** Where contents go, for a JDBC URL or the DataSource: on several nodes, a folder they all share. */
        private @Nullable Path contentFolder;
        /** Worker threads that send the letters submitted (0: none on this node). */
        private int workers = 2;
        /** How often the receivers poll the e-Doręczenia mailbox and the ePUAP box (unset: no receivers on this node). */
        private @Nullable Duration receivePollInterval = Duration.ofMinutes(1);
        /** Whether to receive from the e-Doręczenia mailbox. */
        private boolean receiveEdelivery = true;
        /** When a received e-Doręczenia message is opened (its opening is delivery, E.1): BY_A_PERSON or AT_ONCE. */
        private dev.okienko.correspondence.EDeliveryOpening edeliveryOpening = dev.okienko.correspondence.EDeliveryOpening.BY_A_PERSON;
        /** The office's ePUAP box, e.g. /UrzadGminyTestowo/skrytka: letters go out with it as reply address, and documents are received from it. */
        private @Nullable String epuapBox;
        /** Whether to receive from the ePUAP box. */
        private boolean receiveEpuap = true;
        /** The office's name, as the sender of letters through ePUAP. */
        private String officeName = "";
        /** This node's name in leases and logs (default: the host name and process id). */
        private @Nullable String node;

        /** @return the store */
        public @Nullable String getStore() {
            return store;
        }

        /** @param store the store */
        public void setStore(@Nullable String store) {
            this.store = store;
        }

        /** @return the user */
        public @Nullable String getUser() {
            return user;
        }

        /** @param user the user */
        public void setUser(@Nullable String user) {
            this.user = user;
        }

        /** @return the password */
        public @Nullable String getPassword() {
            return password;
        }

        /** @param password the password */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        /** @return the content folder */
        public @Nullable Path getContentFolder() {
            return contentFolder;
        }

        /** @param contentFolder the content folder */
        public void setContentFolder(@Nullable Path contentFolder) {
            this.contentFolder = contentFolder;
        }

        /** @return the worker threads */
        public int getWorkers() {
            return workers;
        }

        /** @param workers the worker threads */
        public void setWorkers(int workers) {
            this.workers = workers;
        }

        /** @return the poll interval */
        public @Nullable Duration getReceivePollInterval() {
            return receivePollInterval;
        }

        /** @param receivePollInterval the poll interval */
        public void setReceivePollInterval(@Nullable Duration receivePollInterval) {
            this.receivePollInterval = receivePollInterval;
        }

        /** @return whether e-Doręczenia is received from */
        public boolean isReceiveEdelivery() {
            return receiveEdelivery;
        }

        /** @param receiveEdelivery whether e-Doręczenia is received from */
        public void setReceiveEdelivery(boolean receiveEdelivery) {
            this.receiveEdelivery = receiveEdelivery;
        }

        /** @return when messages are opened */
        public dev.okienko.correspondence.EDeliveryOpening getEdeliveryOpening() {
            return edeliveryOpening;
        }

        /** @param edeliveryOpening when messages are opened */
        public void setEdeliveryOpening(dev.okienko.correspondence.EDeliveryOpening edeliveryOpening) {
            this.edeliveryOpening = edeliveryOpening;
        }

        /** @return the ePUAP box */
        public @Nullable String getEpuapBox() {
            return epuapBox;
        }

        /** @param epuapBox the ePUAP box */
        public void setEpuapBox(@Nullable String epuapBox) {
            this.epuapBox = epuapBox;
        }

        /** @return whether ePUAP is received from */
        public boolean isReceiveEpuap() {
            return receiveEpuap;
        }

        /** @param receiveEpuap whether ePUAP is received from */
        public void setReceiveEpuap(boolean receiveEpuap) {
            this.receiveEpuap = receiveEpuap;
        }

        /** @return the office's name */
        public String getOfficeName() {
            return officeName;
        }

        /** @param officeName the office's name */
        public void setOfficeName(String officeName) {
            this.officeName = officeName;
        }

        /** @return the node's name */
        public @Nullable String getNode() {
            return node;
        }

        /** @param node the node's name */
        public void setNode(@Nullable String node) {
            this.node = node;
        }

        @Override
        public String toString() {
            return "CorrespondenceSettings[store=" + (store == null ? null : store.replaceAll("password=[^;&]*", "password=***"))
                    + ", password=***]";
        }
    }

    /** The system's key and certificate: a PKCS#12 file, or a PKCS#11 token (an HSM, a smart card). */
    public static class Credentials {
        /** The PKCS#12 file with the system's key and certificate. */
        private @Nullable Path pkcs12;
        /** The PKCS#12 file's password (take it from the environment, e.g. ${EZD_P12_PASSWORD}). */
        private @Nullable String password;
        /** The key's alias, when the key store holds more than one key. */
        private @Nullable String alias;
        /** The PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so), instead of a PKCS#12 file. */
        private @Nullable Path pkcs11Library;
        /** The PKCS#11 slot list index. */
        private int pkcs11Slot;
        /** The PKCS#11 token's PIN. */
        private @Nullable String pkcs11Pin;

        /** @return the PKCS#12 file */
        public @Nullable Path getPkcs12() {
            return pkcs12;
        }

        /** @param pkcs12 the PKCS#12 file */
        public void setPkcs12(@Nullable Path pkcs12) {
            this.pkcs12 = pkcs12;
        }

        /** @return the password */
        public @Nullable String getPassword() {
            return password;
        }

        /** @param password the password */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        /** @return the alias */
        public @Nullable String getAlias() {
            return alias;
        }

        /** @param alias the alias */
        public void setAlias(@Nullable String alias) {
            this.alias = alias;
        }

        /** @return the PKCS#11 library */
        public @Nullable Path getPkcs11Library() {
            return pkcs11Library;
        }

        /** @param pkcs11Library the PKCS#11 library */
        public void setPkcs11Library(@Nullable Path pkcs11Library) {
            this.pkcs11Library = pkcs11Library;
        }

        /** @return the slot list index */
        public int getPkcs11Slot() {
            return pkcs11Slot;
        }

        /** @param pkcs11Slot the slot list index */
        public void setPkcs11Slot(int pkcs11Slot) {
            this.pkcs11Slot = pkcs11Slot;
        }

        /** @return the PIN */
        public @Nullable String getPkcs11Pin() {
            return pkcs11Pin;
        }

        /** @param pkcs11Pin the PIN */
        public void setPkcs11Pin(@Nullable String pkcs11Pin) {
            this.pkcs11Pin = pkcs11Pin;
        }

        @Override
        public String toString() {
            return "Credentials[" + (pkcs12 != null ? "pkcs12=" + pkcs12 : "pkcs11=" + pkcs11Library) + ", password=***]";
        }
    }

    /** e-Doręczenia: the office's mailbox and BAE. */
    public static class Edelivery {
        /** production, integration, or the base URL of services laid out as okienko's simulator serves them. */
        private String environment = "integration";
        /** The office's electronic delivery address (ADE), e.g. AE:PL-50419-15057-VDGUG-25; without it no e-Doręczenia client is made. */
        private @Nullable String address;
        /** The system's name in the mailbox (the client id is ADE.SYSTEM.name). */
        private String systemName = "EZD";
        /**
         * Whether the system's certificate is presented as the TLS client certificate (mutual TLS, where the service asks
         * for it; a key on a PKCS#11 token works too).
         */
        private boolean mutualTls;
        /**
         * PEM file of the only certificates the service's TLS certificate may chain to, instead of the JVM's trust store:
         * for a test environment with its own CA, such as the simulators over HTTPS.
         */
        private @Nullable Path serverTrustAnchors;

        /** @return the environment */
        public String getEnvironment() {
            return environment;
        }

        /** @param environment the environment */
        public void setEnvironment(String environment) {
            this.environment = environment;
        }

        /** @return the address */
        public @Nullable String getAddress() {
            return address;
        }

        /** @param address the address */
        public void setAddress(@Nullable String address) {
            this.address = address;
        }

        /** @return the system's name */
        public String getSystemName() {
            return systemName;
        }

        /** @param systemName the system's name */
        public void setSystemName(String systemName) {
            this.systemName = systemName;
        }

        /** @return whether mutual TLS is used */
        public boolean isMutualTls() {
            return mutualTls;
        }

        /** @param mutualTls whether mutual TLS is used */
        public void setMutualTls(boolean mutualTls) {
            this.mutualTls = mutualTls;
        }

        /** @return the server's trust anchors, if not the JVM's */
        public @Nullable Path getServerTrustAnchors() {
            return serverTrustAnchors;
        }

        /** @param serverTrustAnchors the server's trust anchors (PEM) */
        public void setServerTrustAnchors(@Nullable Path serverTrustAnchors) {
            this.serverTrustAnchors = serverTrustAnchors;
        }
    }

    /** ePUAP. */
    public static class Epuap {
        /** production, integration, or the base URL of services laid out as okienko's simulator serves them. */
        private String environment = "integration";
        /** ePUAP's server certificate (PEM): every answer must be signed with it; without it no ePUAP client is made. */
        private @Nullable Path serverCertificate;

        /** @return the environment */
        public String getEnvironment() {
            return environment;
        }

        /** @param environment the environment */
        public void setEnvironment(String environment) {
            this.environment = environment;
        }

        /** @return the server certificate */
        public @Nullable Path getServerCertificate() {
            return serverCertificate;
        }

        /** @param serverCertificate the server certificate */
        public void setServerCertificate(@Nullable Path serverCertificate) {
            this.serverCertificate = serverCertificate;
        }
    }

    /** Signing and verification. */
    public static class Signature {
        /** Trusted certificates (PEM files): roots of the signatures to accept and of the receipts to check. */
        private List<Path> trustAnchors = new ArrayList<>();
        /** An RFC 3161 time-stamping authority, for signatures at level T and above. */
        private @Nullable URI tsa;
        /** Verify with what documents carry only: never fetch OCSP, CRLs or certificates. */
        private boolean offline;
        /** A national trusted list (ETSI TS 119 612), e.g. Poland's; its services become anchors while granted. */
        private @Nullable URI trustedList;
        /** The certificates (PEM files) the trusted list must be signed with: its scheme operator's. */
        private List<Path> trustedListSigners = new ArrayList<>();
        /** Where downloaded trusted lists are kept between starts, and read from when the download fails. */
        private @Nullable Path trustedListCache;

        /** @return the trusted list */
        public @Nullable URI getTrustedList() {
            return trustedList;
        }

        /** @param trustedList the trusted list */
        public void setTrustedList(@Nullable URI trustedList) {
            this.trustedList = trustedList;
        }

        /** @return its signers */
        public List<Path> getTrustedListSigners() {
            return trustedListSigners;
        }

        /** @param trustedListSigners its signers */
        public void setTrustedListSigners(List<Path> trustedListSigners) {
            this.trustedListSigners = trustedListSigners;
        }

        /** @return the cache folder */
        public @Nullable Path getTrustedListCache() {
            return trustedListCache;
        }

        /** @param trustedListCache the cache folder */
        public void setTrustedListCache(@Nullable Path trustedListCache) {
            this.trustedListCache = trustedListCache;
        }

        /** @return the anchors */
        public List<Path> getTrustAnchors() {
            return trustAnchors;
        }

        /** @param trustAnchors the anchors */
        public void setTrustAnchors(List<Path> trustAnchors) {
            this.trustAnchors = trustAnchors;
        }

        /** @return the TSA */
        public @Nullable URI getTsa() {
            return tsa;
        }

        /** @param tsa the TSA */
        public void setTsa(@Nullable URI tsa) {
            this.tsa = tsa;
        }

        /** @return whether offline */
        public boolean isOffline() {
            return offline;
        }

        /** @param offline whether offline */
        public void setOffline(boolean offline) {
            this.offline = offline;
        }
    }

    /** The health indicator ("okienko" under /actuator/health). */
    public static class Health {
        /** The system certificate's remaining validity under which the indicator warns (it is DOWN once expired). */
        private Duration certificateWarning = Duration.ofDays(30);
        /** Whether the indicator asks for an e-Doręczenia token (cached; a new one at most when the old expires). */
        private boolean checkToken = true;

        /** @return the warning period */
        public Duration getCertificateWarning() {
            return certificateWarning;
        }

        /** @param certificateWarning the warning period */
        public void setCertificateWarning(Duration certificateWarning) {
            this.certificateWarning = certificateWarning;
        }

        /** @return whether the token is checked */
        public boolean isCheckToken() {
            return checkToken;
        }

        /** @param checkToken whether the token is checked */
        public void setCheckToken(boolean checkToken) {
            this.checkToken = checkToken;
        }
    }
}
