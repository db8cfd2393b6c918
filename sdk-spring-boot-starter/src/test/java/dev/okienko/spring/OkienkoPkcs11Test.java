package dev.okienko.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.Environment;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.SendResult;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.seeded.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The system's key on a real PKCS#11 token (SoftHSM2, its tokens under target/): the starter opens it from
 * okienko.credentials.pkcs11-*, the e-Doręczenia token endpoint accepts the client assertion signed on the token, and
 * ePUAP accepts a request whose WS-Security signature was made on it.
 */
class OkienkoPkcs11Test {
    private static final String PIN = "1234";
    private static Simulation simulation;
    private static Path library;

    @BeforeAll
    static void setUp() throws Exception {
        library = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"), Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"))
                .stream().filter(Files::exists).findFirst()
                .orElseThrow(() -> new AssertionError("SoftHSM2 is not installed (Debian's softhsm2; .ci/run installs it)"));
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF, set by surefire's configuration in this module's pom.xml").isNotNull();
        Path tokens = Path.of(conf).resolveSibling("softhsm-tokens-starter");
        if (Files.exists(tokens)) {
            try (var walk = Files.walk(tokens)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "ezd", "--pin", PIN,
                "--so-pin", "87654321").redirectErrorStream(true).start();
        String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(init.exitValue()).as(output).isZero();

        simulation = Simulation.start();
        // the registered system's key and chain on the token, as an HSM would hold them
        Provider importer = Security.getProvider("SunPKCS11").configure("--name=okienko-starter-import\nlibrary=" + library
                + "\nslotListIndex=0");
        KeyStore token = KeyStore.getInstance("PKCS11", importer);
        token.load(null, PIN.toCharArray());
        token.setKeyEntry("ezd", simulation.pki().seal().privateKey(), null, simulation.pki().seal().chain().toArray(new Certificate[0]));
    }

    private static Path serverCertificate() throws Exception {
        Path pem = Files.createTempFile("epuap-server", ".pem");
        Files.writeString(pem, dev.okienko.testkit.pki.TestPki.toPem(simulation.pki().epuapServer().certificate()));
        return pem;
    }

    @AfterAll
    static void stop() {
        if (simulation != null) {
            simulation.close();
        }
    }

    /** The starter with the system's key on the token and e-Doręczenia at the given simulator. */
    private static ApplicationContextRunner onTheToken(Environment edelivery) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OkienkoAutoConfiguration.class))
                .withPropertyValues(
                        "okienko.credentials.pkcs11-library=" + library,
                        "okienko.credentials.pkcs11-slot=0",
                        "okienko.credentials.pkcs11-pin=" + PIN,
                        "okienko.credentials.alias=ezd",
                        "okienko.edelivery.environment=" + SimulatorUrls.base(edelivery, Environment.Service.EDELIVERY_TOKEN),
                        "okienko.edelivery.address=" + Simulation.OWN_ADE.value(),
                        "okienko.edelivery.system-name=" + Simulation.SYSTEM_NAME);
    }

    @Test
    void credentialsOnAToken_signTheClientAssertion_andTheEpuapRequest() throws Exception {
        onTheToken(simulation.edelivery().environment())
                .withPropertyValues(
                        "okienko.epuap.environment=" + SimulatorUrls.base(simulation.epuap().environment(), Environment.Service.EPUAP),
                        "okienko.epuap.server-certificate=" + serverCertificate())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SystemCredentials credentials = context.getBean(SystemCredentials.class);
                    assertThat(credentials.certificate()).isEqualTo(simulation.pki().seal().certificate());
                    assertThat(credentials.privateKey().getClass().getName()).as("the key stays on the token").contains("P11");
                    OkienkoHealthCheck.Result health = context.getBean(OkienkoHealthCheck.class).check();
                    assertThat(health.up()).as(health.details().toString()).isTrue();
                    assertThat(health.details()).containsEntry("edeliveryToken", "obtained");
                    // and ePUAP's WS-Security signature made on the token
                    SendResult sent = context.getBean(EpuapClient.class).send(EpuapSubmission.of(Simulation.SYSTEM_ENTITY,
                            Simulation.OTHER_BOX, Simulation.OWN_BOX, "pismo.xml", TestDocuments.xmlLetter("Wniosek")));
                    assertThat(sent.uppDocument()).isPresent();
                });
    }

    @Test
    void mutualTls_withTheKeyOnTheToken_whoseProviderTheJvmDoesNotHave() throws Exception {
        assertThat(Security.getProviders()).as("no token's provider is installed in the JVM")
                .noneMatch(p -> p.getName().startsWith("SunPKCS11-okienko"));
        try (EDeliverySimulator tls = EDeliverySimulator.startMutualTls(simulation.pki(), SimulatorClock.systemUtc())) {
            tls.registerSystem(Simulation.OWN_ADE, Simulation.SYSTEM_NAME, simulation.pki().seal().certificate())
                    .addAddress(BaeEntry.publicBody(Simulation.OFFICE_ADE, "Urząd Skarbowy Testowo", Simulation.OFFICE_NIP, "Radom"));
            Path root = Files.createTempFile("root", ".pem");
            Files.writeString(root, dev.okienko.testkit.pki.TestPki.toPem(simulation.pki().rootCertificate()));
            onTheToken(tls.environment())
                    .withPropertyValues(
                            "okienko.edelivery.mutual-tls=true",
                            "okienko.edelivery.server-trust-anchors=" + root)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(SimulatorUrls.base(tls.environment(), Environment.Service.EDELIVERY_TOKEN)).startsWith("https://");
                        assertThat(context.getBean(AddressBook.class).confirm(Simulation.OFFICE_ADE)).as("BAE over mutual TLS").isPresent();
                        assertThat(tls.tokensIssued()).as("a token issued over mutual TLS").isPositive();
                        Provider provider = context.getBean(SystemCredentials.class).keyProvider().orElseThrow();
                        assertThat(Security.getProviders()).as("installed, last").endsWith(provider);
                    });
        }
    }

    @Test
    void mutualTls_refusedWithAClearReason_whenAnotherProviderOfTheSameNameIsInstalled() throws Exception {
        String config = "--name=okienko-clash\nlibrary=" + library + "\nslotListIndex=0\n";
        Provider installed = Security.getProvider("SunPKCS11").configure(config);
        Security.addProvider(installed);
        try {
            Provider ours = Security.getProvider("SunPKCS11").configure(config);
            KeyStore token = KeyStore.getInstance("PKCS11", ours);
            token.load(null, PIN.toCharArray());
            SystemCredentials credentials = SystemCredentials.fromKeyStore(token, "ezd", null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.okienko.core.HttpClients.builder().clientCertificate(credentials)
                            .build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SunPKCS11-okienko-clash").hasMessageContaining("another provider of that name is installed");
        } finally {
            Security.removeProvider(installed.getName());
        }
    }
}
