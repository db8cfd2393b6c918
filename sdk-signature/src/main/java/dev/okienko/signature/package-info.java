/**
 * Signing and verifying XAdES and PAdES signatures, built on DSS (kept out of this API).
 *
 * <ul>
 *   <li>{@link dev.okienko.signature.Signer} makes signatures: XAdES enveloped, enveloping or detached,
 *       PAdES; levels B, T, LT and LTA; in one call with a {@link dev.okienko.signature.SigningKey}, or in two
 *       steps ({@link dev.okienko.signature.Signer#prepare prepare} then
 *       {@link dev.okienko.signature.Signer#finish finish}) for remote and HSM signing; and extends existing
 *       signatures to a higher level.</li>
 *   <li>{@link dev.okienko.signature.SignatureVerifier} verifies them against a
 *       {@link dev.okienko.signature.TrustConfiguration} and answers with a
 *       {@link dev.okienko.signature.VerificationReport} per signature: an invalid signature is an answer,
 *       not an exception.</li>
 *   <li>Documents in and out are {@link dev.okienko.signature.Content}: bytes or files.</li>
 * </ul>
 *
 * <p>Revocation data and time stamps are fetched over okienko's OkHttp stack. Types in
 * {@code dev.okienko.signature.internal} are not API.
 */
@NullMarked
package dev.okienko.signature;

import org.jspecify.annotations.NullMarked;
