package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code okienko outbox submit|work|status} against {@code okienko simulate}, on the embedded store. */
class OutboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void submitWorkStatus_sendsOnce_andShowsTheLetterSent() throws Exception {
        try (Cli.Simulation sim = new Cli.Simulation(dir.resolve("sim"))) {
            String store = dir.resolve("store").toString();
            Path file = Files.writeString(dir.resolve("decyzja.txt"), "Decyzja");

            Cli.Run submitted = run("outbox", "submit", "--store", store, "--nip", "5260250274", "--epuap", "/PodlaskaWKOHP/SkrytkaESP",
                    "--subject", "Decyzja GK.1.2026", "--text", "W załączeniu.", "--attach", file.toString(), "--case", "GK.1.2026",
                    "--key", "ezd-1");
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();
            String id = submitted.out().strip();
            Cli.Run again = run("outbox", "submit", "--store", store, "--nip", "5260250274", "--epuap", "/PodlaskaWKOHP/SkrytkaESP",
                    "--subject", "Decyzja GK.1.2026", "--text", "W załączeniu.", "--attach", file.toString(), "--case", "GK.1.2026",
                    "--key", "ezd-1");
            assertThat(again.out().strip()).isEqualTo(id);
            assertThat(again.err()).contains("submitted before");

            Cli.Run work = run("outbox", "work", "--store", store, "--simulator", sim.json().toString(), "--until-sent");
            assertThat(work.exitCode()).as(work.err()).isZero();

            Cli.Run status = run("outbox", "status", "--store", store, "--id", id);
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains(id, "nip:5260250274  EDELIVERY AE:PL-10609-91337-SAIBG-23  SENT",
                    "/PodlaskaWKOHP/SkrytkaESP  EPUAP /PodlaskaWKOHP/SkrytkaESP  DELIVERED", "evidence A.1 GENUINE", "UPP GENUINE");
            Cli.Run json = run("outbox", "status", "--store", store, "--json");
            assertThat(json.out()).contains("\"idempotencyKey\" : \"ezd-1\"", "\"channel\" : \"EPUAP\"");

            // the receipts: listed with their verdicts, and each written out as the original signed bytes
            assertThat(status.out()).contains("receipts (okienko outbox receipt");
            JsonNode letter = new ObjectMapper().readTree(run("outbox", "status", "--store", store, "--id", id, "--json").out());
            assertThat(letter.path("receipts")).extracting(r -> r.path("kind").asText()).contains("A.1", "D.1", "UPP");
            JsonNode a1 = java.util.stream.StreamSupport.stream(letter.path("receipts").spliterator(), false)
                    .filter(r -> r.path("kind").asText().equals("A.1")).findFirst().orElseThrow();
            assertThat(a1.path("verdict").asText()).isEqualTo("GENUINE");
            Path saved = dir.resolve("a1.xml");
            Cli.Run receipt = run("outbox", "receipt", "--store", store, "--id", a1.path("id").asText(), "--out", saved.toString());
            assertThat(receipt.exitCode()).as(receipt.err()).isZero();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(saved))))
                    .isEqualTo(a1.path("sha256").asText());
            assertThat(Files.readString(saved)).contains(a1.path("sourceId").asText());
            Cli.Run none = run("outbox", "receipt", "--store", store, "--id", "no-such", "--out", saved.toString());
            assertThat(none.exitCode()).isNotZero();
            assertThat(none.err()).startsWith("okienko outbox receipt: no receipt no-such").hasLineCount(1);

            // settling is only for an unknown outcome, and says so in one line
            Cli.Run settle = run("outbox", "settle", "--store", store, "--id", id, "--recipient", "1", "--arrived", "--note", "phoned");
            assertThat(settle.exitCode()).isNotZero();
            assertThat(settle.err()).contains("not OUTCOME_UNKNOWN").doesNotContain("Exception").hasLineCount(1);
        }
    }

    @Test
    void work_withExplicitConnectionOptions_sendsAndChecksReceipts() throws Exception {
        try (Cli.Simulation sim = new Cli.Simulation(dir.resolve("sim"))) {
            JsonNode json = new ObjectMapper().readTree(Files.readString(sim.json()));
            JsonNode ed = json.path("edelivery");
            JsonNode ep = json.path("epuap");
            Path password = Files.writeString(dir.resolve("password"), ed.path("system").path("password").asText());
            String store = dir.resolve("store").toString();
            String id = run("outbox", "submit", "--store", store, "--nip", "5260250274", "--epuap", "/PodlaskaWKOHP/SkrytkaESP",
                    "--subject", "Wezwanie", "--key", "ezd-2").out().strip();

            Cli.Run work = run("outbox", "work", "--store", store, "--until-sent",
                    "--token-url", ed.path("tokenUrl").asText(), "--se-url", ed.path("seUrl").asText(), "--ua-url", ed.path("uaUrl").asText(),
                    "--ade", ed.path("system").path("ade").asText(), "--system-name", ed.path("system").path("name").asText(),
                    "--p12", ed.path("system").path("p12").asText(), "--password-file", password.toString(),
                    "--epuap-environment", java.net.URI.create(ep.path("services").path("skrytka").asText()).resolve(".").toString(),
                    "--epuap-server-cert", ep.path("serverCertificate").asText(), "--epuap-box", ep.path("boxes").get(0).asText(),
                    "--office-name", "Urząd Gminy Testowo",
                    "--evidence-cert", ed.path("evidenceCertificate").asText(), "--trust", json.path("pki").path("root").asText(),
                    "--office-address", "PL;26-600;Radom;Żeromskiego;53");
            assertThat(work.exitCode()).as(work.err()).isZero();

            Cli.Run status = run("outbox", "status", "--store", store, "--id", id);
            assertThat(status.out()).contains("EDELIVERY AE:PL-10609-91337-SAIBG-23  SENT", "EPUAP /PodlaskaWKOHP/SkrytkaESP  DELIVERED",
                    "A.1  GENUINE", "UPP  GENUINE");

            Cli.Run badAddress = run("outbox", "work", "--store", store, "--until-sent",
                    "--token-url", ed.path("tokenUrl").asText(), "--se-url", ed.path("seUrl").asText(), "--ua-url", ed.path("uaUrl").asText(),
                    "--ade", ed.path("system").path("ade").asText(), "--system-name", "EZD",
                    "--p12", ed.path("system").path("p12").asText(), "--password-file", password.toString(), "--office-address", "Radom");
            assertThat(badAddress.exitCode()).isNotZero();
            assertThat(badAddress.err()).contains("--office-address: give COUNTRY;POSTCODE;CITY;STREET;BUILDING").hasLineCount(1);
        }
    }

    @Test
    void submit_badIdentifier_oneLineNamingTheOption() {
        Cli.Run bad = run("outbox", "submit", "--store", dir.resolve("store").toString(), "--pesel", "44051401358",
                "--subject", "x");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).startsWith("okienko outbox submit: --pesel:").doesNotContain("Exception").hasLineCount(1);
    }
}
