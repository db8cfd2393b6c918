package dev.okienko.examples;

import static dev.okienko.examples.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code okienko inbox work|list|show} against {@code okienko simulate}, on the embedded store. */
class InboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void work_storesWhatArrived_once_andListAndShowTellWhatItIs() throws Exception {
        try (Cli.Simulation sim = new Cli.Simulation(dir.resolve("sim"))) {
            String store = dir.resolve("store").toString();
            Path pismo = Files.writeString(dir.resolve("pismo.xml"), "<?xml version=\"1.0\"?><Pismo><Tresc>Wniosek</Tresc></Pismo>");
            Path note = Files.writeString(dir.resolve("notatka.txt"), "<script>alert(1)</script> zwykły tekst");
            for (Path file : new Path[] {pismo, note}) {
                Cli.Run sent = run("epuap", "send", "--simulator", sim.json().toString(), "--from", "PodlaskaWKOHP",
                        "--to", "/UrzadGminyTestowo/skrytka", "--reply-to", "/PodlaskaWKOHP/SkrytkaESP", file.toString());
                assertThat(sent.exitCode()).as(sent.err()).isZero();
            }

            Cli.Run mail = run("send", "--simulator", sim.json().toString(), "--to", "AE:PL-50419-15057-VDGUG-25", "--subject",
                    "Notatka do siebie", "--text", "Treść.", "--attach", pismo.toString());
            assertThat(mail.exitCode()).as(mail.err()).isZero();

            Cli.Run work = run("inbox", "work", "--store", store, "--simulator", sim.json().toString(), "--until-empty",
                    "--open", "at-once");
            assertThat(work.exitCode()).as(work.err()).isZero();
            assertThat(work.err()).contains("3 documents stored");
            Cli.Run again = run("inbox", "work", "--store", store, "--simulator", sim.json().toString(), "--until-empty");
            assertThat(again.err()).as("confirmed, so not offered again").contains("0 documents stored");

            Cli.Run list = run("inbox", "list", "--store", store);
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("EPUAP  from PodlaskaWKOHP  'pismo.xml'", "UNSIGNED", "'notatka.txt'",
                    "UNREADABLE  FLAGGED: notatka.txt: not readable as a signed document",
                    "EDELIVERY  from AE:PL-50419-15057-VDGUG-25  'Notatka do siebie'").hasLineCount(3);
            JsonNode items = new ObjectMapper().readTree(run("inbox", "list", "--store", store, "--json").out());
            assertThat(items).hasSize(3);
            JsonNode flagged = java.util.stream.StreamSupport.stream(items.spliterator(), false)
                    .filter(i -> i.path("fileName").asText().equals("notatka.txt")).findFirst().orElseThrow();
            JsonNode message = java.util.stream.StreamSupport.stream(items.spliterator(), false)
                    .filter(i -> i.path("channel").asText().equals("EDELIVERY")).findFirst().orElseThrow();
            Cli.Run shown = run("inbox", "show", "--store", store, message.path("id").asText());
            assertThat(shown.out()).contains("attachment 0: pismo.xml", "handling   PENDING");
            assertThat(flagged.path("confirmedAt").isNull()).isFalse();
            assertThat(flagged.path("sha256").asText()).hasSize(64);

            Path page = dir.resolve("item.html");
            Cli.Run show = run("inbox", "show", "--store", store, flagged.path("id").asText(), "--html", page.toString());
            assertThat(show.exitCode()).as(show.err()).isZero();
            assertThat(show.out()).contains("channel    EPUAP into /UrzadGminyTestowo/skrytka", "confirmed", "RECEIVED stored",
                    "CONFIRMED potwierdzOdebranie");
            assertThat(Files.readString(page)).contains("FLAGGED", "notatka.txt").doesNotContain("<script>");

            Cli.Run view = run("correspondence", "--store", store, "--since", "2020-01-01");
            assertThat(view.exitCode()).as(view.err()).isZero();
            assertThat(view.out()).contains("IN   ", "EPUAP  PodlaskaWKOHP, /PodlaskaWKOHP/SkrytkaESP  'notatka.txt'  PENDING  NEEDS ATTENTION")
                    .hasLineCount(3);
            Cli.Run party = run("correspondence", "--store", store, "--party", "AE:PL-50419-15057-VDGUG-25", "--json");
            assertThat(new ObjectMapper().readTree(party.out())).singleElement()
                    .satisfies(e -> assertThat(e.path("subject").asText()).isEqualTo("Notatka do siebie"));
            Cli.Run outgoing = run("correspondence", "--store", store, "--direction", "outgoing");
            assertThat(outgoing.exitCode()).isZero();
            assertThat(outgoing.err()).contains("nothing matches");
            Cli.Run badDate = run("correspondence", "--store", store, "--until", "yesterday");
            assertThat(badDate.exitCode()).isNotZero();
            assertThat(badDate.err()).contains("--until: a date (2026-12-01) or an instant").hasLineCount(1);

            Cli.Run none = run("inbox", "show", "--store", store, "no-such-id");
            assertThat(none.exitCode()).isNotZero();
            assertThat(none.err()).startsWith("okienko inbox show: no incoming item no-such-id").hasLineCount(1);
        }
    }

    @Test
    void byDefault_aMessageWaitsUnopened_untilAPersonOpensIt() throws Exception {
        try (Cli.Simulation sim = new Cli.Simulation(dir.resolve("sim"))) {
            String store = dir.resolve("store").toString();
            Path pismo = Files.writeString(dir.resolve("pismo.xml"), "<?xml version=\"1.0\"?><Pismo><Tresc>Wezwanie</Tresc></Pismo>");
            assertThat(run("send", "--simulator", sim.json().toString(), "--to", "AE:PL-50419-15057-VDGUG-25", "--subject",
                    "Wezwanie", "--text", "Treść.", "--attach", pismo.toString()).exitCode()).isZero();

            Cli.Run work = run("inbox", "work", "--store", store, "--simulator", sim.json().toString(), "--until-empty");
            assertThat(work.exitCode()).as(work.err()).isZero();
            JsonNode item = new ObjectMapper().readTree(run("inbox", "list", "--store", store, "--json").out()).get(0);
            assertThat(item.path("handling").asText()).isEqualTo("UNOPENED");
            assertThat(item.path("confirmedAt").isNull()).isTrue();

            Cli.Run open = run("inbox", "open", "--store", store, "--simulator", sim.json().toString(), item.path("id").asText());
            assertThat(open.exitCode()).as(open.err()).isZero();
            assertThat(open.out()).contains("opened " + item.path("id").asText(), "1 attachment(s) stored");
            Cli.Run again = run("inbox", "open", "--store", store, "--simulator", sim.json().toString(), item.path("id").asText());
            assertThat(again.exitCode()).isNotZero();
            assertThat(again.err()).contains("is not unopened").hasLineCount(1);
        }
    }
}
