/**
 * The one test dependency vendors add: it brings the test PKI and the embedded simulators of e-Doręczenia,
 * ePUAP and the trusted-profile service, and starts them seeded as {@code okienko simulate} does
 * ({@link dev.okienko.testkit.seeded.Simulation}), also for JUnit 5 tests with clients ready to use
 * ({@link dev.okienko.testkit.seeded.SimulationExtension}).
 */
module dev.okienko.testkit.all {
    requires transitive dev.okienko.testkit;
    requires transitive dev.okienko.testkit.edelivery;
    requires transitive dev.okienko.testkit.epuap;
    requires transitive dev.okienko.testkit.pki;
    requires com.fasterxml.jackson.databind;
    requires transitive dev.okienko.edelivery;
    requires transitive dev.okienko.epuap;
    requires transitive dev.okienko.signature;
    requires static transitive org.junit.jupiter.api; // only SimulationExtension needs it
    requires static org.jspecify;

    exports dev.okienko.testkit.seeded;
}
