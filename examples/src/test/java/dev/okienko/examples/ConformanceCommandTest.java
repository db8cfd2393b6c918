package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.testkit.conformance.Catalogue;
import dev.okienko.testkit.conformance.Reports;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code okienko conformance list|run|adapter}: the kit through real adapter processes, and its reports read back. */
class ConformanceCommandTest {
    @TempDir
    Path dir;

    @Test
    void list_printsTheCatalogue_withEachRuleAndSource() throws Exception {
        Cli.Run list = run("conformance", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        Catalogue.scenarios().forEach(s -> assertThat(list.out()).contains(s.id(), s.title()));

        JsonNode json = new ObjectMapper().readTree(run("conformance", "list", "--json").out());
        assertThat(json).hasSize(Catalogue.scenarios().size()).allSatisfy(s -> {
            assertThat(s.path("rule").asText()).isNotBlank();
            assertThat(s.path("source").asText()).isNotBlank();
            assertThat(s.path("verdict").asText()).isNotBlank();
        });
    }

    @Test
    void run_withOkienkosOwnAdapterAsAProcess_passes_andTheJUnitReportSaysSo() throws Exception {
        Path report = dir.resolve("report");
        Cli.Run r = run("conformance", "run", "--sut", ownAdapter(), "--scenario", "edelivery-lost-answer", "--scenario",
                "epuap-crash-before-confirm", "--report", report.toString(), "--dir", dir.resolve("work").toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASSED  edelivery-lost-answer", "PASSED  epuap-crash-before-confirm", "2 of 2 passed");
        Element suite = junit(report);
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        JsonNode json = new ObjectMapper().readTree(report.resolve(Reports.JSON).toFile());
        JsonNode crash = json.path("scenarios").get(1);
        assertThat(crash.path("observed").toString()).contains("killed at its first confirmation");
        assertThat(Files.readString(report.resolve(Reports.HTML))).contains("2 of 2 passed", "epuap-crash-before-confirm");
    }

    @Test
    void run_withAnAdapterThatOnlyClaims_fails_withAReportThatSaysWhy() throws Exception {
        Path report = dir.resolve("report");
        // reports a letter sent without sending anything, and stores nothing
        String liar = "sh -c 'echo \"{\\\"event\\\": \\\"sent\\\", \\\"messageId\\\": \\\"none\\\"}\"; echo a log line' sh";
        Cli.Run r = run("conformance", "run", "--sut", liar, "--scenario", "edelivery-send", "--scenario", "epuap-receive",
                "--report", report.toString(), "--timeout", "30");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED  edelivery-send", "received 0 letters, not 1", "FAILED  epuap-receive", "0 of 2 passed");
        Element suite = junit(report);
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        NodeList failures = suite.getElementsByTagName("failure");
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("received 0 letters");
        assertThat(failures.item(0).getTextContent()).contains("rule:", "source:", "observed:", "reported: sent");
        assertThat(Files.readString(report.resolve(Reports.HTML))).contains("FAILED", "a log line");

        Cli.Run unknown = run("conformance", "run", "--sut", liar, "--scenario", "no-such-scenario");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no scenario no-such-scenario; the catalogue has edelivery-send").hasLineCount(1);
    }

    @Test
    void thePythonAdapter_standardLibraryOnly_passesTheWholeCatalogue() throws Exception {
        Path report = dir.resolve("python-ok");
        Cli.Run r = run("conformance", "run", "--sut", python("python-ok.py"), "--parallel", "2", "--report", report.toString(),
                "--dir", dir.resolve("work-ok").toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains(Catalogue.scenarios().size() + " of " + Catalogue.scenarios().size() + " passed");
        Element suite = junit(report);
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(Catalogue.scenarios().size()));
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
    }

    @Test
    void theBrokenPythonAdapter_failsExactlyTheScenariosOfItsFiveMistakes_andTheReportSaysWhy() throws Exception {
        Path report = dir.resolve("python-broken");
        Cli.Run r = run("conformance", "run", "--sut", python("python-broken.py"), "--parallel", "2", "--report", report.toString(),
                "--dir", dir.resolve("work-broken").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        Element suite = junit(report);
        NodeList cases = suite.getElementsByTagName("testcase");
        Set<String> failed = new java.util.TreeSet<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getElementsByTagName("failure").getLength() > 0 || c.getElementsByTagName("error").getLength() > 0) {
                failed.add(c.getAttribute("name").substring(0, c.getAttribute("name").indexOf(':')));
            }
        }
        assertThat(failed).containsExactly("edelivery-forged-evidence", "edelivery-poll-without-opening", "edelivery-retry-after",
                "epuap-crash-after-confirm", "epuap-delivered-twice");
        assertThat(r.out()).contains("the system tried again", "after a 503 with Retry-After: 3",
                "the system opened 2 of 2 messages while polling", "the system accepted an altered A.1 as GENUINE",
                "stored 1 document(s) more than once", "the system did not report storing the documents with SHA-256");
    }

    /** A Python adapter of examples/conformance, run with python3. */
    private static String python(String name) {
        Path adapter = Path.of("conformance", name).toAbsolutePath();
        assertThat(adapter).as("the example adapter").isRegularFile();
        return "python3 '" + adapter + "'";
    }

    @Test
    void smoke_withoutCredentials_skipsEveryCheck_andSaysWhy() throws Exception {
        Path report = dir.resolve("smoke");
        Cli.Run r = run("conformance", "smoke", "--report", report.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("SKIPPED smoke-edelivery-token", "never run without your own", "SKIPPED smoke-epuap-pending")
                .doesNotContain("PASSED");
        assertThat(junit(report).getAttribute("skipped")).isEqualTo("4");
    }

    @Test
    void smoke_withTheSystemsOwnCredentials_passes_sendingOnlyToItself() throws Exception {
        try (Cli.Simulation sim = new Cli.Simulation(dir.resolve("sim"))) {
            JsonNode json = new ObjectMapper().readTree(sim.json().toFile());
            JsonNode ed = json.path("edelivery");
            Path password = Files.writeString(dir.resolve("password"), ed.path("system").path("password").asText());
            String epuapBase = java.net.URI.create(json.path("epuap").path("services").path("skrytka").asText()).resolve(".").toString();
            Cli.Run r = run("conformance", "smoke", "--p12", ed.path("system").path("p12").asText(), "--password-file", password.toString(),
                    "--token-url", ed.path("tokenUrl").asText(), "--se-url", ed.path("seUrl").asText(), "--ua-url", ed.path("uaUrl").asText(),
                    "--ade", ed.path("system").path("ade").asText(), "--system-name", ed.path("system").path("name").asText(),
                    "--epuap-environment", epuapBase, "--epuap-server-cert", json.path("epuap").path("serverCertificate").asText(),
                    "--entity", "UrzadGminyTestowo", "--box", "/UrzadGminyTestowo/skrytka");

            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("PASSED  smoke-edelivery-token", "PASSED  smoke-edelivery-own-address",
                    "PASSED  smoke-edelivery-letter-to-self", "PASSED  smoke-epuap-pending", "/UrzadGminyTestowo/skrytka: 0 document(s)");
        }
    }

    private static Element junit(Path report) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(report.resolve(Reports.JUNIT).toFile());
        return doc.getDocumentElement();
    }

    /** okienko's adapter as a separate JVM, on this test's class path. */
    private static String ownAdapter() {
        Set<String> path = new LinkedHashSet<>();
        path.add(Path.of("target", "classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                path.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        return "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '" + String.join(File.pathSeparator, path)
                + "' " + OkienkoCommand.class.getName() + " conformance adapter";
    }
}
