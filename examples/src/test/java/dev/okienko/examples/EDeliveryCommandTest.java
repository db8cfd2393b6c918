package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.Ade;
import dev.okienko.core.Environment;
import dev.okienko.core.Nip;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code okienko simulate} with its embedded e-Doręczenia, and {@code okienko lookup} and {@code okienko send}
 * used against it through nothing but its {@code simulator.json}.
 */
class EDeliveryCommandTest {
    @TempDir
    static Path dir;
    private static Cli.Simulation simulation;
    private static Path json;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulation = new Cli.Simulation(dir.resolve("sim"));
        json = simulation.json();
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        simulation.close();
        assertThat(simulation.result().out()).contains("e-Doręczenia     token http://127.0.0.1:");
    }

    @Test
    void simulatorJson_describesTheEmbeddedEDoreczenia() throws Exception {
        JsonNode ed = new ObjectMapper().readTree(json.toFile()).path("edelivery");

        assertThat(ed.path("tokenUrl").asText()).startsWith("http://127.0.0.1:").endsWith("/protocol/openid-connect/token");
        assertThat(Path.of(ed.at("/system/p12").asText())).isAbsolute().exists();
        assertThat(ed.at("/system/password").asText()).isNotEmpty();
        assertThat(ed.at("/system/name").asText()).isEqualTo("EZD");
        assertThat(Path.of(ed.path("evidenceCertificate").asText())).exists();
        assertThat(ed.path("mutualTls").asBoolean()).isFalse();
        assertThat(ed.path("addresses")).hasSize(3)
                .anySatisfy(a -> assertThat(a.at("/officialIds/nip").asText()).isEqualTo("5260250274"))
                .anySatisfy(a -> assertThat(a.path("ade").asText()).isEqualTo(ed.at("/system/ade").asText()));
        // the official paths answer under the base URLs: without a token, 401 in each API's error shape
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ua = http.send(HttpRequest.newBuilder(URI.create(ed.path("uaUrl").asText() + "/"
                + ed.at("/system/ade").asText() + "/messages")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ua.statusCode()).isEqualTo(401);
        assertThat(ua.body()).contains("\"error\"");
        HttpResponse<String> se = http.send(HttpRequest.newBuilder(URI.create(ed.path("seUrl").asText() + "/search/bae_search"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(se.statusCode()).isEqualTo(401);
        assertThat(se.body()).contains("errorCodes");
    }

    @Test
    void lookupByNip_thenSendALetter_followedToItsMessageId() throws Exception {
        Cli.Run found = run("lookup", "--simulator", json.toString(), "--nip", "5260250274");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("AE:PL-10609-91337-SAIBG-23", "ACTIVE", "Urząd Skarbowy Testowo (public)");

        Cli.Run confirmed = run("lookup", "--simulator", json.toString(), "--confirm", "AE:PL-55754-97181-CHDVR-19");
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("Jan Kowalski").doesNotContain("44051401359");

        Path letter = Files.write(dir.resolve("pismo.xml"), TestDocuments.xmlLetter("Pismo z wiersza poleceń"));
        Cli.Run sent = run("send", "--simulator", json.toString(), "--to", "AE:PL-10609-91337-SAIBG-23",
                "--subject", "Pismo z wiersza poleceń", "--text", "W załączeniu.", "--attach", letter.toString(),
                "--case-id", "GK.1.2026", "--wait", "PT30S");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("task ", "to           AE:PL-10609-91337-SAIBG-23: message ",
                "evidence   A.1", "evidence   D.1", "status     Czeka na doręczenie");

        Cli.Run missing = run("send", "--simulator", json.toString(), "--to", "AE:PL-10609-91337-SAIBG-23",
                "--subject", "Pismo", "--attach", dir.resolve("nie-ma.pdf").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err().strip()).as("one line, no exception's class name")
                .isEqualTo("okienko send: not a readable file: " + dir.resolve("nie-ma.pdf"));
    }

    @Test
    void simulatorFile_writtenAMomentLater_isWaitedFor() throws Exception {
        // as after `okienko simulate ... &` in the README: the command starts before the file exists
        Path later = dir.resolve("later").resolve("simulator.json");
        Files.createDirectories(later.getParent());
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(1500);
                Files.copy(json, later);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        Cli.Run found = run("lookup", "--simulator", later.toString(), "--nip", "5260250274");

        writer.join();
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("AE:PL-10609-91337-SAIBG-23");
    }

    @Test
    void explicitConnection_withMutualTls_andATestTrustAnchor() throws Exception {
        try (TestPki pki = TestPki.start();
             EDeliverySimulator mtls = EDeliverySimulator.startMutualTls(pki, Clock.systemUTC())) {
            Ade system = Ade.parse("AE:PL-50419-15057-VDGUG-25");
            Ade office = Ade.parse("AE:PL-10609-91337-SAIBG-23");
            mtls.registerSystem(system, "EZD", pki.seal().certificate())
                    .addAddress(BaeEntry.publicBody(office, "Urząd Testowy", Nip.parse("5260250274"), "Radom"));
            Path p12 = pki.seal().writePkcs12(dir.resolve("mtls.p12"), "haslo".toCharArray());
            Path password = Files.writeString(dir.resolve("mtls.pass"), "haslo\n");
            Path root = Files.writeString(dir.resolve("root.pem"), TestPki.toPem(pki.rootCertificate()));
            List<String> args = new ArrayList<>(List.of("lookup", "--token-url", mtls.tokenEndpoint().toString(),
                    "--se-url", mtls.environment().requireEndpoint(Environment.Service.EDELIVERY_SEARCH).toString(),
                    "--ua-url", mtls.mailboxUrl().toString(), "--ade", system.value(), "--system-name", "EZD",
                    "--p12", p12.toString(), "--password-file", password.toString(), "--trust-anchor", root.toString(),
                    "--nip", "5260250274"));

            Cli.Run withoutClientCertificate = run(args.toArray(String[]::new));
            args.add(1, "--mutual-tls");
            Cli.Run found = run(args.toArray(String[]::new));

            assertThat(withoutClientCertificate.exitCode()).isNotZero();
            assertThat(withoutClientCertificate.err()).contains("could not be reached");
            assertThat(found.exitCode()).as(found.err()).isZero();
            assertThat(found.out()).contains(office.value(), "Urząd Testowy");
        }
    }

    @Test
    void simulateWithMutualTls_simulatorJsonSaysSo_andTheCommandsUseIt() throws Exception {
        try (Cli.Simulation mtls = new Cli.Simulation(dir.resolve("sim-mtls"), "--edelivery-mutual-tls")) {
            JsonNode ed = new ObjectMapper().readTree(mtls.json().toFile()).path("edelivery");
            assertThat(ed.path("mutualTls").asBoolean()).isTrue();
            assertThat(ed.path("tokenUrl").asText()).startsWith("https://127.0.0.1:");
            assertThat(Path.of(ed.path("trustAnchor").asText())).exists();

            Cli.Run found = run("lookup", "--simulator", mtls.json().toString(), "--nip", "5260250274");

            assertThat(found.exitCode()).as(found.err()).isZero();
            assertThat(found.out()).contains("AE:PL-10609-91337-SAIBG-23");
        }
    }

    @Test
    void wrongCheckDigits_refusedBeforeAnyCall() {
        Cli.Run refused = run("send", "--simulator", json.toString(), "--to", "AE:PL-12345-67890-ABCDE-12", "--subject", "x");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("should be 25");
    }
}
