package dev.okienko.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit itself: it can fail, it names why, and what it reports is masked. */
class ConformanceRunTest {
    @TempDir
    Path dir;

    @Test
    void aSystemThatDoesNothing_failsEveryScenario_withAReason_notAnError() {
        List<Result> results = ConformanceRun.builder().adapter(Adapter.driver((task, reporter) -> { }))
                .folder(dir).parallelism(2).timeout(Duration.ofSeconds(60)).build().run();

        assertThat(results).hasSize(Catalogue.scenarios().size());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.verdict()).as(r.scenario().id() + ": " + r.why()).isEqualTo(Result.Verdict.FAILED);
            assertThat(r.why()).isNotBlank().doesNotContain("as the rule requires");
        });
    }

    @Test
    void aDriverThatThrows_isTheSystemFailing_andItsMessageIsKept() {
        Result r = ConformanceRun.run("edelivery-send", Adapter.driver((task, reporter) -> {
            throw new IllegalStateException("the EZD's database is down");
        }), Duration.ofSeconds(30), dir.resolve("s"));

        assertThat(r.verdict()).isEqualTo(Result.Verdict.FAILED);
        assertThat(r.why()).contains("received 0 letters", "the EZD's database is down");
    }

    @Test
    void aDriverThatHangs_isAnError_afterTheTimeout() {
        Result r = ConformanceRun.run("edelivery-send", Adapter.driver((task, reporter) -> Thread.sleep(60_000)), Duration.ofSeconds(2),
                dir.resolve("h"));

        assertThat(r.verdict()).isEqualTo(Result.Verdict.ERROR);
        assertThat(r.why()).contains("did not finish within PT2S");
    }

    @Test
    void eventsAreJsonLinesWithAnEventField_andTheRestIsLog() {
        assertThat(Session.event("{\"event\": \"stored\", \"sha256\": \"ab\", \"size\": 3}"))
                .isEqualTo(new Event("stored", Map.of("sha256", "ab", "size", "3")));
        assertThat(Session.event("stored ab")).isNull();
        assertThat(Session.event("{\"sha256\": \"ab\"}")).isNull();
        assertThat(Session.event("{not json")).isNull();
    }

    @Test
    void whatTheReportsQuote_isMasked() {
        String masked = Session.mask("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl \"password\": \"tajne\" PESEL 44051401359");

        assertThat(masked).doesNotContain("eyJzdWIi", "tajne", "44051401359").contains("*******1359", "\"password\": \"***\"");
    }

    @Test
    void anUnknownScenario_isRefused_namingTheCatalogue() {
        assertThatThrownBy(() -> Catalogue.scenario("no-such")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scenario no-such; the catalogue has edelivery-send");
    }
}
