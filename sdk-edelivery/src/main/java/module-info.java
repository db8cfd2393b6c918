/**
 * e-Doręczenia: the address book (BAE), mailboxes (sending without duplicates, reading, evidences,
 * subscriptions) and the signed-JWT token provider.
 */
module dev.okienko.edelivery {
    requires transitive dev.okienko.core;
    requires transitive dev.okienko.signature;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires okio;
    requires static transitive org.jspecify;

    exports dev.okienko.edelivery;
}
