/** The embedded ePUAP (skrytka, pull, doreczyciel, file repository) and trusted-profile signing service. */
module dev.okienko.testkit.epuap {
    requires transitive dev.okienko.epuap;
    requires transitive dev.okienko.testkit;
    requires transitive dev.okienko.testkit.pki;
    requires java.xml.crypto;
    requires static transitive org.jspecify;

    exports dev.okienko.testkit.epuap;
}
