package dev.okienko.signature;

/** The overall answer about one signature, after ETSI EN 319 102-1. */
public enum Verdict {
    /** TOTAL_PASSED: the signature holds. */
    VALID,
    /** TOTAL_FAILED: the signature does not hold (e.g. the content was changed, the signer was revoked). */
    INVALID,
    /** INDETERMINATE: it could not be decided (e.g. unknown root, revocation data missing). */
    INDETERMINATE
}
