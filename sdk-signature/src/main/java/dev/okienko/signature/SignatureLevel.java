package dev.okienko.signature;

/** The baseline levels of ETSI EN 319 132 / 319 142, each adding to the one before. */
public enum SignatureLevel {
    /** Basic: the signature and the signer's certificate. */
    B,
    /** With a signature time stamp that proves when it existed. */
    T,
    /** With the certificates and revocation data needed to verify it later (long term). */
    LT,
    /** With an archive time stamp over all of it, renewable for long-term archiving. */
    LTA
}
