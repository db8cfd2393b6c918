/**
 * The test PKI generated at run time (CAs, TSA, OCSP and CRLs over loopback HTTP), test documents, trusted
 * lists and trusted-profile signatures, and the JUnit 5 extension that hands them to tests.
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.okienko.testkit.pki {
    requires transitive dev.okienko.core;
    requires static transitive org.junit.jupiter.api; // only the JUnit 5 extension needs it
    requires java.xml.crypto;
    requires jdk.httpserver;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.okienko.testkit.pki;

    // The loopback HTTP server, certificate authority and XML text escaping that the simulators are built
    // from; not API.
    exports dev.okienko.testkit.pki.internal to
            dev.okienko.testkit,
            dev.okienko.testkit.edelivery,
            dev.okienko.testkit.epuap;
}
