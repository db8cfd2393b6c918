package dev.okienko.testkit.pki.internal;

import java.net.URI;

/**
 * Where the test PKI's HTTP server publishes things, relative to its base address.
 *
 * @param base e.g. {@code http://127.0.0.1:41234/}
 */
public record PkiUrls(URI base) {
    /** @return the RFC 3161 time-stamping endpoint */
    public URI tsa() {
        return base.resolve("tsa");
    }

    /** @return the OCSP responder (POST, or GET with the request appended) */
    public URI ocsp() {
        return base.resolve("ocsp");
    }

    /**
     * @param caId a CA's path name
     * @return where its CRL is
     */
    public URI crl(String caId) {
        return base.resolve("crl/" + caId + ".crl");
    }

    /**
     * @param caId a CA's path name
     * @return where its certificate (DER) is
     */
    public URI certificate(String caId) {
        return base.resolve("certs/" + caId + ".cer");
    }
}
