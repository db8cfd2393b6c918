package dev.okienko.testkit.seeded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeded simulation: what it registers, and the description other processes read. */
class SimulationTest {
    @TempDir
    Path dir;

    @Test
    void describe_writesTheSeededWorld_withKeysAClientWithoutPkcs12CanUse() throws Exception {
        try (Simulation sim = Simulation.start()) {
            Path file = sim.describe(dir);

            JsonNode json = new ObjectMapper().readTree(file.toFile());
            JsonNode system = json.path("edelivery").path("system");
            assertThat(system.path("ade").asText()).isEqualTo(Simulation.OWN_ADE.value());
            assertThat(system.path("name").asText()).isEqualTo(Simulation.SYSTEM_NAME);
            assertThat(json.path("epuap").path("system").path("entity").asText()).isEqualTo(Simulation.SYSTEM_ENTITY);
            assertThat(json.path("epuap").path("boxes")).extracting(JsonNode::asText)
                    .containsExactly(Simulation.OWN_BOX.value(), Simulation.OTHER_BOX.value());
            assertThat(json.path("edelivery").path("addresses")).extracting(a -> a.path("ade").asText())
                    .containsExactly(Simulation.OWN_ADE.value(), Simulation.OFFICE_ADE.value(), Simulation.PERSON_ADE.value());
            assertThat(json.path("edelivery").path("uaUrl").asText()).startsWith("http://127.0.0.1:").doesNotEndWith("/");
            for (String path : new String[] {system.path("p12").asText(), system.path("keyPem").asText(),
                system.path("certificatePem").asText(), json.path("pki").path("root").asText(),
                json.path("epuap").path("serverCertificate").asText(), json.path("edelivery").path("evidenceCertificate").asText()}) {
                assertThat(Path.of(path)).isRegularFile().startsWith(dir.toAbsolutePath());
            }

            String pem = Files.readString(Path.of(system.path("keyPem").asText()));
            byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
            PrivateKey key = KeyFactory.getInstance(sim.pki().seal().privateKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update("okienko".getBytes(StandardCharsets.UTF_8));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(sim.pki().seal().certificate());
            verifier.update("okienko".getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(signer.sign())).as("the PEM key is the seal's").isTrue();
            assertThat(sim.addresses()).hasSize(3);
        }
    }
}
