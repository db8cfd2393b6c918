package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.testkit.pki.SharedSpecs;
import dev.okienko.testkit.pki.TestDocuments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code okienko simulate} running in the background as a vendor would start it, and {@code okienko epuap
 * send|inbox|confirm} used against it through nothing but its {@code simulator.json}.
 */
class EpuapCommandTest {
    @TempDir
    static Path dir;
    private static Cli.Simulation simulation;
    private static Path json;

    @BeforeAll
    static void startSimulator() throws Exception {
        Path contracts = SharedSpecs.require("epuap/wsdl");
        simulation = new Cli.Simulation(dir.resolve("sim"), "--contracts", contracts.toString());
        json = simulation.json();
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        simulation.close();
    }

    @Test
    void simulatorJson_hasEveryKeyAVendorNeeds() throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.toFile());

        assertThat(Path.of(root.at("/pki/root").asText())).isAbsolute().exists();
        assertThat(root.at("/pki/tsa").asText()).startsWith("http://127.0.0.1:");
        assertThat(root.at("/pki/ocsp").asText()).startsWith("http://127.0.0.1:");
        assertThat(Path.of(root.at("/epuap/serverCertificate").asText())).isAbsolute().exists();
        assertThat(Path.of(root.at("/epuap/system/p12").asText())).isAbsolute().exists();
        assertThat(root.at("/epuap/system/password").asText()).isNotEmpty();
        String entity = root.at("/epuap/system/entity").asText();
        assertThat(root.at("/epuap/boxes")).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(box -> assertThat(box.asText()).startsWith("/" + entity + "/"));
        HttpClient http = HttpClient.newHttpClient();
        for (String service : new String[] {"skrytka", "pull", "doreczyciel", "filerepo"}) {
            String endpoint = root.at("/epuap/services/" + service).asText();
            HttpResponse<String> wsdl = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?wsdl")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wsdl.statusCode()).as(service + "?wsdl").isEqualTo(200);
            assertThat(wsdl.body()).contains("location=\"" + endpoint + "\"");
        }
    }

    @Test
    void send_thenTakeFromTheInbox_thenConfirm() throws Exception {
        Path letter = Files.write(dir.resolve("pismo.xml"), TestDocuments.xmlLetter("Pismo z wiersza poleceń"));

        Cli.Run sent = run("epuap", "send", "--simulator", json.toString(), "--from", "UrzadGminyTestowo",
                "--to", "/PodlaskaWKOHP/SkrytkaESP", "--reply-to", "/UrzadGminyTestowo/skrytka", letter.toString());
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("document id", "UPP          UPP-");
        assertThat(dir.resolve("pismo.xml.upp.xml")).exists();

        Cli.Run taken = run("epuap", "inbox", "--simulator", json.toString(), "--entity", "PodlaskaWKOHP",
                "--box", "/PodlaskaWKOHP/SkrytkaESP", "--take", dir.resolve("in").toString());
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        assertThat(taken.out()).contains("1 document(s) waiting", "took         pismo.xml", "not confirmed yet");
        assertThat(Files.readAllBytes(dir.resolve("in/pismo.xml"))).isEqualTo(Files.readAllBytes(letter));
        Matcher skrot = Pattern.compile("skrot        (\\S+)").matcher(taken.out());
        assertThat(skrot.find()).isTrue();

        Cli.Run wrong = run("epuap", "confirm", "--simulator", json.toString(), "--entity", "PodlaskaWKOHP",
                "--box", "/PodlaskaWKOHP/SkrytkaESP", "--skrot", "AAAA");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("nothing confirmed");

        Cli.Run confirmed = run("epuap", "confirm", "--simulator", json.toString(), "--entity", "PodlaskaWKOHP",
                "--box", "/PodlaskaWKOHP/SkrytkaESP", "--skrot", skrot.group(1));
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("confirmed    pismo.xml", "0 left");
    }

    @Test
    void explicitConnection_p12AndPasswordFile_insteadOfSimulatorJson() throws Exception {
        JsonNode epuap = new ObjectMapper().readTree(json.toFile()).path("epuap");
        Path password = Files.writeString(dir.resolve("epuap.pass"), epuap.at("/system/password").asText() + "\n");
        String services = URI.create(epuap.at("/services/skrytka").asText()).resolve(".").toString();

        Cli.Run inbox = run("epuap", "inbox", "--environment", services, "--p12", epuap.at("/system/p12").asText(),
                "--password-file", password.toString(), "--server-cert", epuap.path("serverCertificate").asText(),
                "--entity", "UrzadGminyTestowo", "--box", "/UrzadGminyTestowo/skrytka");
        Cli.Run noKey = run("epuap", "inbox", "--environment", services, "--password-file", password.toString(),
                "--server-cert", epuap.path("serverCertificate").asText(), "--entity", "UrzadGminyTestowo",
                "--box", "/UrzadGminyTestowo/skrytka");

        assertThat(inbox.exitCode()).as(inbox.err()).isZero();
        assertThat(noKey.exitCode()).isNotZero();
        assertThat(noKey.err()).contains("Missing required argument", "--p12");
    }

    @Test
    void inbox_anotherEntitysBox_refusedWithEpuapsMessage() {
        Cli.Run refused = run("epuap", "inbox", "--simulator", json.toString(), "--entity", "KtosInny",
                "--box", "/PodlaskaWKOHP/SkrytkaESP");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("Brak uprawnień");
    }

    @Test
    void receivedFileNames_neverBecomePaths() {
        assertThat(EpuapCommand.Inbox.safeName("../../etc/passwd")).doesNotContain("/").doesNotStartWith(".");
        assertThat(EpuapCommand.Inbox.safeName("pismo ogólne.xml")).isEqualTo("pismo_ogólne.xml");
        assertThat(EpuapCommand.Inbox.safeName("")).isEqualTo("dokument");
    }
}
