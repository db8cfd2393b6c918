package dev.okienko.signature;

/** How an XAdES signature relates to what it signs. PAdES signatures are always inside the PDF. */
public enum SignaturePackaging {
    /** The signature is inside the signed XML document. */
    ENVELOPED,
    /** The signed content is inside the signature. */
    ENVELOPING,
    /** The signature is a separate file; the content is given again to verify it. */
    DETACHED
}
