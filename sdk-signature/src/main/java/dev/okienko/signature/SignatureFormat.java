package dev.okienko.signature;

/** The signature formats okienko makes and verifies. */
public enum SignatureFormat {
    /** XML Advanced Electronic Signatures (ETSI EN 319 132). */
    XADES,
    /** PDF Advanced Electronic Signatures (ETSI EN 319 142). */
    PADES
}
