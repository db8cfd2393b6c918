/**
 * ePUAP: sending to and pulling from skrytki over SOAP with WS-Security, delivery against UPD, the file
 * repository, trusted-profile signing, Pismo ogólne and the receipts (UPP, UPD).
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.okienko.epuap {
    requires transitive dev.okienko.core;
    requires transitive dev.okienko.signature;
    requires org.apache.santuario.xmlsec;
    requires static transitive org.jspecify;

    exports dev.okienko.epuap;
    exports dev.okienko.epuap.document;

    // The SOAP envelope, WS-Security and the services' namespaces: the embedded ePUAP of the test kit answers
    // in the same wire format as the client it is tested with; not API.
    exports dev.okienko.epuap.internal.soap to dev.okienko.testkit.epuap;
}
