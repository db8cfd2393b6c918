/**
 * The one test dependency vendors add: it brings the test PKI and the embedded simulators of e-Doręczenia,
 * ePUAP and the trusted-profile service, and holds no code of its own.
 */
module dev.okienko.testkit.all {
    requires transitive dev.okienko.testkit;
    requires transitive dev.okienko.testkit.edelivery;
    requires transitive dev.okienko.testkit.epuap;
    requires transitive dev.okienko.testkit.pki;
}
