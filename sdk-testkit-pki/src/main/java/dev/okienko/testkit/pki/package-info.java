/**
 * okienko's test kit: everything a vendor needs to test signing, verification and the exchanges with
 * public services offline. {@link dev.okienko.testkit.pki.TestPki} is a complete throw-away PKI (root and
 * issuing CA, persons, seals, the trusted-profile seal, the ePUAP server, revoked and expired variants)
 * generated at run time and served over real HTTP on 127.0.0.1: an RFC 3161 time-stamping authority, an
 * OCSP responder, CRLs and AIA issuer certificates. {@link dev.okienko.testkit.pki.TestPkiExtension} gives it to
 * JUnit 5 tests.
 *
 * <p>Nothing here is fit for production use: keys live in memory and the CAs sign whatever they are asked.
 */
@NullMarked
package dev.okienko.testkit.pki;

import org.jspecify.annotations.NullMarked;
