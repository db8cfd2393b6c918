/**
 * The conformance kit: scenarios that prove a vendor's own integration with ePUAP and e-Doręczenia, each against
 * fresh embedded simulators, run through an adapter command (any language) or a {@link
 * dev.okienko.testkit.conformance.Driver} (Java, JUnit 5).
 */
module dev.okienko.testkit.conformance {
    requires transitive dev.okienko.testkit.all;
    requires transitive org.junit.jupiter.api;
    requires com.fasterxml.jackson.databind;
    requires static org.jspecify;

    exports dev.okienko.testkit.conformance;
}
