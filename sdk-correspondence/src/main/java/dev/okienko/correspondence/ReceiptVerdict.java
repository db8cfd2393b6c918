package dev.okienko.correspondence;

/** What the check of a stored receipt found, before anyone relies on it. */
public enum ReceiptVerdict {
    /** Its signature is valid and made by the service's configured certificate. */
    GENUINE,
    /** It is well formed, but its signature is invalid or made by another certificate than the service's: a forgery. */
    NOT_GENUINE,
    /** It could not be read as a receipt of its kind. */
    MALFORMED,
    /** The window was built without a verifier and the service's certificate ({@link Correspondence.Builder#trust}). */
    NOT_CHECKED
}
