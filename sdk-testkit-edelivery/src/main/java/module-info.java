/** The embedded e-Doręczenia: token endpoint, SE API (BAE search) and UA API (mailboxes). */
module dev.okienko.testkit.edelivery {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive dev.okienko.edelivery;
    requires transitive dev.okienko.testkit;
    requires transitive dev.okienko.testkit.pki;
    requires java.net.http;
    requires static transitive org.jspecify;

    exports dev.okienko.testkit.edelivery;
}
