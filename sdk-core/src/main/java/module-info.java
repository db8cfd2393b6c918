/**
 * okienko's foundation: identifiers, hardened XML, the HTTP stack, system credentials, environments and the
 * exceptions every module throws.
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.okienko.core {
    requires transitive java.xml;
    requires transitive jakarta.xml.bind;
    requires transitive okhttp3;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.okienko.core;

    // The HTTP stack (retries, Retry-After, masked logging, answer-size limits) that each client module builds
    // its calls on; shared with them, not API.
    exports dev.okienko.core.internal.http to
            dev.okienko.signature,
            dev.okienko.edelivery,
            dev.okienko.epuap;
}
