package dev.okienko.testkit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The catalogue as JUnit 5 dynamic tests, one per scenario, over the vendor's {@link Driver}:
 *
 * <pre>{@code
 * class OurConformanceTest {
 *     @TestFactory
 *     Stream<DynamicTest> okienkoConformance() {
 *         return ConformanceTests.of(new OurSystemDriver());
 *     }
 * }
 * }</pre>
 *
 * A failing scenario fails its test with why, the rule, its source, and what the simulators observed.
 */
public final class ConformanceTests {
    private ConformanceTests() {
    }

    /**
     * @param driver the system under test
     * @return a test per scenario of the catalogue
     */
    public static Stream<DynamicTest> of(Driver driver) {
        return of(driver, Catalogue.scenarios().stream().map(Scenario::id).toList());
    }

    /**
     * @param driver the system under test
     * @param ids the scenarios to run
     * @return a test per scenario
     */
    public static Stream<DynamicTest> of(Driver driver, List<String> ids) {
        Path folder;
        try {
            folder = Files.createTempDirectory("okienko-conformance");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the conformance scenarios: " + e.getMessage(), e);
        }
        return ids.stream().map(id -> DynamicTest.dynamicTest(id + ": " + Catalogue.scenario(id).title(), () -> {
            Result r = ConformanceRun.run(id, Adapter.driver(driver), Duration.ofSeconds(120), folder.resolve(id));
            if (!r.passed()) {
                Assertions.fail(r.verdict() + ": " + r.why() + "\n" + details(r));
            }
        }));
    }

    private static String details(Result r) {
        StringBuilder d = new StringBuilder("rule: " + r.scenario().rule() + "\nsource: " + r.scenario().source() + "\n");
        r.observations().forEach(o -> d.append("observed: ").append(o).append('\n'));
        r.events().forEach(e -> d.append("reported: ").append(e).append('\n'));
        if (!r.log().isBlank()) {
            d.append("log:\n").append(r.log());
        }
        return d.toString();
    }
}
