package dev.okienko.signature;

/** The signature formats okienko makes and verifies (JAdES: verifies only). */
public enum SignatureFormat {
    /** XML Advanced Electronic Signatures (ETSI EN 319 132). */
    XADES,
    /** PDF Advanced Electronic Signatures (ETSI EN 319 142). */
    PADES,
    /** CMS Advanced Electronic Signatures (ETSI EN 319 122), also inside ASiC containers. */
    CADES,
    /** JSON Advanced Electronic Signatures (ETSI TS 119 182-1); verified, not made. */
    JADES
}
