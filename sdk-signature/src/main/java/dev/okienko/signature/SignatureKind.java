package dev.okienko.signature;

/** What kind of signature a valid signature is, in the terms of Polish e-government. */
public enum SignatureKind {
    /** A qualified electronic signature or seal: qualified certificate on a trusted list. */
    QUALIFIED,
    /** A trusted-profile signature (podpis zaufany): the seal of the trusted profile with the person's identity. */
    TRUSTED_PROFILE,
    /** A personal signature (podpis osobisty) made with the Polish e-ID card, under a configured anchor. */
    PERSONAL,
    /** Any other signature that verifies (advanced electronic signature). */
    ADVANCED,
    /** The signature does not verify (INVALID or INDETERMINATE): no kind can be relied on. */
    NONE
}
