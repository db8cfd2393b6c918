package dev.okienko.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.Environment;
import dev.okienko.testkit.seeded.Simulation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application booted on a random port against the embedded simulators, its okienko.* properties taken
 * from the simulators' description: a letter sent through its REST endpoint is accepted, {@code /actuator/health}
 * shows okienko's indicator UP with the system certificate's expiry, and {@code /actuator/metrics} shows the
 * e-Doręczenia calls the send made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfficeApplicationTest {
    private static final Simulation SIMULATION = Simulation.start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void okienko(DynamicPropertyRegistry properties) throws Exception {
        Path dir = Files.createTempDirectory("office");
        JsonNode described = JSON.readTree(SIMULATION.describe(dir).toFile());
        JsonNode system = described.path("edelivery").path("system");
        String token = SIMULATION.edelivery().environment().requireEndpoint(Environment.Service.EDELIVERY_TOKEN).toString();
        properties.add("okienko.credentials.pkcs12", () -> system.path("p12").asText());
        properties.add("okienko.credentials.password", () -> system.path("password").asText());
        properties.add("okienko.edelivery.environment",
                () -> token.substring(0, token.length() - Environment.Service.EDELIVERY_TOKEN.simulatorPath().length()));
        properties.add("okienko.edelivery.address", () -> Simulation.OWN_ADE.value());
        properties.add("okienko.edelivery.system-name", () -> Simulation.SYSTEM_NAME);
        properties.add("okienko.signature.trust-anchors", () -> described.path("pki").path("root").asText());
        properties.add("okienko.correspondence.store", () -> dir.resolve("store").toString());
    }

    @AfterAll
    static void stop() {
        SIMULATION.close();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aLetterSent_thenHealthAndMetricsShowOkienko() throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("to", Simulation.OFFICE_ADE.value(), "subject", "Wezwanie",
                "text", "W załączeniu."));
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/letters"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(JSON.readTree(sent.body()).path("accepted").asBoolean()).isTrue();

        JsonNode okienko = get("/actuator/health").path("components").path("okienko");
        assertThat(okienko.path("status").asText()).as(okienko.toString()).isEqualTo("UP");
        assertThat(okienko.path("details").path("edeliveryToken").asText()).isEqualTo("obtained");
        assertThat(okienko.path("details").has("systemCertificateNotAfter")).isTrue();

        JsonNode calls = get("/actuator/metrics/okienko.http.client.calls?tag=client:edelivery");
        assertThat(calls.path("measurements").get(0).path("value").asDouble()).as("e-Doręczenia calls").isGreaterThan(0);
        assertThat(get("/actuator/metrics/okienko.http.client.requests").path("availableTags").toString())
                .contains("outcome").contains("SUCCESS").doesNotContain("AE:PL");
    }

    @Test
    void aLetterHandedToTheOneWindow_isSentByItsWorkers_andTheBacklogShows() throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("key", "ezd-1", "to", Simulation.OFFICE_ADE.value(),
                "subject", "Decyzja", "text", "W załączeniu decyzja."));
        HttpRequest submit = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/outbox"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> submitted = http.send(submit, HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        String id = JSON.readTree(submitted.body()).path("letterId").asText();
        HttpResponse<String> again = http.send(submit, HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(again.body()).path("letterId").asText()).as("the same key: the same letter").isEqualTo(id);

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String status = "";
        while (System.nanoTime() < deadline && !status.equals("SENT") && !status.equals("DELIVERED")) {
            Thread.sleep(100);
            status = get("/outbox/" + id).path("status").asText();
        }
        assertThat(status).as("sent by the window's workers").isIn("SENT", "DELIVERED");
        JsonNode details = get("/actuator/health").path("components").path("okienko").path("details");
        assertThat(details.path("lettersWaitingToBeSent").asInt(-1)).as(details.toString()).isZero();
        assertThat(details.path("lettersNeedingAttention").asInt(-1)).isZero();
    }
}
