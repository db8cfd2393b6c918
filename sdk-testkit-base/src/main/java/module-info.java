/** What the embedded simulators share: the simulator clock, mishaps and the loopback server. */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.okienko.testkit {
    requires transitive java.xml;
    requires transitive jdk.httpserver;
    requires dev.okienko.testkit.pki;
    requires static transitive org.jspecify;

    exports dev.okienko.testkit;

    // The loopback server and the queue of mishaps, which each simulator module serves from; not API.
    exports dev.okienko.testkit.internal to
            dev.okienko.testkit.edelivery,
            dev.okienko.testkit.epuap;
}
