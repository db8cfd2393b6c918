package dev.okienko.signature;

import dev.okienko.testkit.pki.TestPki;

/**
 * What most signature tests start from: a signer with the test PKI's TSA, a verifier, both trusting its
 * root, and Jan Kowalski's key.
 */
record Fixture(TestPki pki, TrustConfiguration trust, Signer signer, SignatureVerifier verifier, SigningKey jan) {
    static Fixture of(TestPki pki) {
        TrustConfiguration trust = TrustConfiguration.anchors(pki.rootCertificate());
        return new Fixture(pki, trust, Signer.builder().tsa(pki.tsaUri()).trust(trust).build(),
                SignatureVerifier.builder().trust(trust).build(), SigningKey.of(pki.person().toSystemCredentials()));
    }
}
