package dev.okienko.examples;

import dev.okienko.testkit.conformance.ConformanceTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** okienko's own clients pass the whole conformance catalogue, through the Java binding. */
class OkienkoConformanceTest {
    @TestFactory
    Stream<DynamicTest> okienkosOwnClients_passEveryScenario() {
        return ConformanceTests.of(new OkienkoDriver());
    }
}
