package dev.okienko.examples.readme;

import dev.okienko.testkit.conformance.ConformanceTests;
import dev.okienko.testkit.conformance.Driver;
import dev.okienko.testkit.conformance.Reporter;
import dev.okienko.testkit.conformance.Task;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The README's conformance snippet; not run here (okienko's own driver runs the catalogue in OkienkoConformanceTest). */
class ConformanceSnippet {
    /** Your system, reached in-process. */
    static final class OurSystemDriver implements Driver {
        @Override
        public void perform(Task task, Reporter reporter) {
            throw new UnsupportedOperationException("your system performs the task here");
        }
    }

    // tag::conformance-junit[]
    @TestFactory
    Stream<DynamicTest> conformance() {
        return ConformanceTests.of(new OurSystemDriver());
    }
    // end::conformance-junit[]
}
