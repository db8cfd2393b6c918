package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.CredentialsException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key stores made by the JDK's own {@code keytool} (an independent tool, run as a separate process), so
 * that the loader is tested on PKCS#12 files as other software writes them.
 */
class SystemCredentialsTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    static Path dir;

    private static Path system;
    private static Path expired;
    private static Path twoKeys;
    private static Path trustOnly;
    private static Path keyPasswordDiffers;

    @BeforeAll
    static void makeKeyStores() throws Exception {
        system = dir.resolve("system.p12");
        keytool("-genkeypair", "-alias", "ezd", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=EZD System, O=Urzad Gminy Test, C=PL", "-keystore", system, "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD));
        expired = dir.resolve("expired.p12");
        keytool("-genkeypair", "-alias", "old", "-keyalg", "EC", "-groupname", "secp256r1", "-startdate", "-30d",
                "-validity", "10", "-dname", "CN=Old System, C=PL", "-keystore", expired, "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD));
        twoKeys = dir.resolve("two.p12");
        for (String alias : new String[] {"first", "second"}) {
            keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=" + alias + ", C=PL", "-keystore", twoKeys, "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD));
        }
        Path cert = dir.resolve("ezd.cer");
        keytool("-exportcert", "-alias", "ezd", "-keystore", system, "-storepass", new String(PASSWORD), "-file", cert);
        trustOnly = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert, "-keystore", trustOnly, "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD));
        keyPasswordDiffers = dir.resolve("jks-keypass.jks");
        keytool("-genkeypair", "-alias", "k", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=JKS, C=PL", "-keystore", keyPasswordDiffers, "-storetype", "JKS",
                "-storepass", new String(PASSWORD), "-keypass", "another password");
    }

    private static void keytool(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        for (Object a : args) {
            command.add(a.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + command + "\n" + output);
        }
    }

    @Test
    void fromPkcs12_singleKey_loadsKeyAndCertificate() {
        SystemCredentials creds = SystemCredentials.fromPkcs12(system, PASSWORD);

        assertThat(creds.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(creds.certificate().getSubjectX500Principal().getName()).contains("CN=EZD System");
        assertThat(creds.chain()).hasSize(1);
        assertThat(creds.toString()).contains("EZD System").doesNotContain("PRIVATE", "correct horse");
    }

    @Test
    void fromPkcs12_wrongPassword_saysSo() {
        assertThatThrownBy(() -> SystemCredentials.fromPkcs12(system, "wrong".toCharArray()))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD))
                .hasMessageContaining("password")
                .message().doesNotContain("wrong");
    }

    @Test
    void fromPkcs12_expiredCertificate_saysWhen() {
        assertThatThrownBy(() -> SystemCredentials.fromPkcs12(expired, PASSWORD))
                .isInstanceOfSatisfying(CredentialsException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_EXPIRED))
                .hasMessageContaining("Old System").hasMessageContaining("expired on");
    }

    @Test
    void loader_allowInvalidDates_loadsExpiredCertificate() {
        SystemCredentials creds = SystemCredentials.loader().password(PASSWORD).allowInvalidDates(true).loadPkcs12(expired);

        assertThat(creds.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void loader_clockBeforeValidity_notYetValid() {
        Clock past = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(-3));

        assertThatThrownBy(() -> SystemCredentials.loader().password(PASSWORD).clock(past).loadPkcs12(system))
                .isInstanceOfSatisfying(CredentialsException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_NOT_YET_VALID));
    }

    @Test
    void fromPkcs12_twoKeysNoAlias_ambiguousListsAliases() {
        assertThatThrownBy(() -> SystemCredentials.fromPkcs12(twoKeys, PASSWORD))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AMBIGUOUS_ALIAS))
                .hasMessageContaining("first").hasMessageContaining("second");
    }

    @Test
    void loader_alias_choosesKey() {
        SystemCredentials creds = SystemCredentials.loader().password(PASSWORD).alias("second").loadPkcs12(twoKeys);

        assertThat(creds.certificate().getSubjectX500Principal().getName()).contains("CN=second");
    }

    @Test
    void loader_unknownAlias_notFound() {
        assertThatThrownBy(() -> SystemCredentials.loader().password(PASSWORD).alias("third").loadPkcs12(twoKeys))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALIAS_NOT_FOUND));
    }

    @Test
    void fromPkcs12_trustStoreOnly_noPrivateKey() {
        assertThatThrownBy(() -> SystemCredentials.fromPkcs12(trustOnly, PASSWORD))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_PRIVATE_KEY));
    }

    @Test
    void fromKeyStore_certificateAlias_notAKeyEntry() throws Exception {
        KeyStore ks = load(trustOnly, "PKCS12");

        assertThatThrownBy(() -> SystemCredentials.fromKeyStore(ks, "ca", PASSWORD))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALIAS_NOT_FOUND))
                .hasMessageContaining("certificate, not a private key");
    }

    @Test
    void fromKeyStore_jksWithSeparateKeyPassword_needsTheKeyPassword() throws Exception {
        KeyStore ks = load(keyPasswordDiffers, "JKS");

        assertThatThrownBy(() -> SystemCredentials.fromKeyStore(ks, null, PASSWORD))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD));
        assertThat(SystemCredentials.fromKeyStore(ks, null, "another password".toCharArray()).certificate()
                .getSubjectX500Principal().getName()).contains("CN=JKS");
    }

    @Test
    void of_keyFromAnotherPair_mismatch() throws Exception {
        SystemCredentials a = SystemCredentials.fromPkcs12(system, PASSWORD);
        KeyStore other = load(keyPasswordDiffers, "JKS");
        PrivateKey foreignKey = (PrivateKey) other.getKey("k", "another password".toCharArray());

        assertThatThrownBy(() -> SystemCredentials.of(foreignKey, List.of(a.certificate())))
                .isInstanceOfSatisfying(CredentialsException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CERTIFICATE_MISMATCH));
        assertThat(SystemCredentials.of(a.privateKey(), List.<X509Certificate>of(a.certificate())).certificate())
                .isEqualTo(a.certificate());
    }

    @Test
    void fromPkcs12_missingFile_unreadable() {
        assertThatThrownBy(() -> SystemCredentials.fromPkcs12(dir.resolve("nope.p12"), PASSWORD))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("nope.p12");
    }

    @Test
    void fromPkcs12_notAKeyStore_unreadable() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "this is not PKCS#12");

        assertThatThrownBy(() -> SystemCredentials.fromPkcs12(garbage, PASSWORD))
                .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
    }

    private static KeyStore load(Path file, String type) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }
}
