package dev.okienko.signature;

import java.util.Objects;

/**
 * The first half of a two-step signature: the bytes the signer's key must sign, the algorithm to sign them
 * with, and the {@link SigningState} to pass to {@link Signer#finish} with the signature value.
 */
public final class PendingSignature {
    private final byte[] dataToSign;
    private final String signatureAlgorithm;
    private final SigningState state;

    PendingSignature(byte[] dataToSign, String signatureAlgorithm, SigningState state) {
        this.dataToSign = dataToSign.clone();
        this.signatureAlgorithm = Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** @return the bytes to sign (not a digest: the signer hashes them as the algorithm says) */
    public byte[] dataToSign() {
        return dataToSign.clone();
    }

    /** @return the JCA name of the algorithm to sign with, e.g. {@code SHA256withRSA} */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** @return the state to give {@link Signer#finish} */
    public SigningState state() {
        return state;
    }
}
