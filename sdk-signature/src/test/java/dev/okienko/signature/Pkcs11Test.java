package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.letter;
import static dev.okienko.signature.SignerTest.pdf;
import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.CredentialsException;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing with a key on a real PKCS#11 token: SoftHSM2, with its token directory under target/ (surefire
 * sets SOFTHSM2_CONF for the test JVM). Jan's key is stored on the token through SunPKCS11 and never read
 * back: okienko signs with it there.
 */
@ExtendWith(TestPkiExtension.class)
class Pkcs11Test {
    private static final char[] PIN = "1234".toCharArray();
    private static Path library;
    private static Provider importer;
    private static Signer signer;
    private static SignatureVerifier verifier;

    @BeforeAll
    static void setUp(TestPki pki) throws Exception {
        ExternalTool.require("softhsm2-util", "softhsm2");
        library = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
                        Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")).stream()
                .filter(Files::exists).findFirst()
                .orElseThrow(() -> new AssertionError("softhsm2-util is installed but libsofthsm2.so is not where Debian puts it"));
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF, set by surefire's configuration in sdk-signature/pom.xml").isNotNull();
        Path tokens = Path.of(conf).resolveSibling("softhsm-tokens");
        if (Files.exists(tokens)) {
            try (var walk = Files.walk(tokens)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        ExternalTool.Result init = ExternalTool.run(tokens, "softhsm2-util", "--init-token", "--free", "--label", "okienko",
                "--pin", new String(PIN), "--so-pin", "87654321");
        assertThat(init.exitCode()).as(init.output()).isZero();

        // put Jan's key and chain on the token, as a card issuer would
        importer = Security.getProvider("SunPKCS11").configure("--name=okienko-test-import\nlibrary=" + library
                + "\nslotListIndex=0");
        KeyStore token = KeyStore.getInstance("PKCS11", importer);
        token.load(null, PIN);
        token.setKeyEntry("jan", pki.person().privateKey(), null, pki.person().chain().toArray(new Certificate[0]));

        Fixture f = Fixture.of(pki);
        signer = f.signer();
        verifier = f.verifier();
    }

    @Test
    void pkcs11_xadesAndPades_validSignaturesMadeOnTheToken() {
        SigningKey key = SigningKey.pkcs11(library, 0, PIN, "jan");

        Content xades = signer.sign(letter(), SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.T), key);
        Content pades = signer.sign(pdf(), SignatureOptions.pades(), key);

        assertThat(key.certificate().getSubjectX500Principal().getName()).contains("Jan Kowalski");
        assertThat(single(verifier.verify(xades)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(single(verifier.verify(pades)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void pkcs11_onlyKeyWithoutAlias_found() {
        assertThat(SigningKey.pkcs11(library, 0, PIN, null).chain()).hasSize(3);
    }

    @Test
    void pkcs11_wrongPin_wrongPassword() throws Exception {
        // PKCS#11 login is per application: while this JVM is logged in, no PIN is checked again; log out first
        ((java.security.AuthProvider) importer).logout();

        assertThatThrownBy(() -> SigningKey.pkcs11(library, 0, "0000".toCharArray(), "jan"))
                .isInstanceOfSatisfying(CredentialsException.class,
                        e -> assertThat(e.reason()).isEqualTo(CredentialsException.Reason.WRONG_PASSWORD));
    }

    @Test
    void pkcs11_missingLibrary_unreadable() {
        assertThatThrownBy(() -> SigningKey.pkcs11(Path.of("/nonexistent/libpkcs11.so"), 0, PIN, null))
                .isInstanceOfSatisfying(CredentialsException.class,
                        e -> assertThat(e.reason()).isEqualTo(CredentialsException.Reason.UNREADABLE))
                .hasMessageContaining("libpkcs11.so");
    }
}
