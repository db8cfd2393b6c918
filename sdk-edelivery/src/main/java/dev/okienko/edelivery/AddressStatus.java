package dev.okienko.edelivery;

/** The status of an e-Delivery address in BAE ({@code edaStatus}). */
public enum AddressStatus {
    /** The address takes deliveries. */
    ACTIVE,
    /** Closed, and can be reopened. */
    CLOSED_RECOVERABLE,
    /** Closed for good. */
    CLOSED_UNRECOVERABLE,
    /** Struck off the database. */
    STRUCK_OFF
}
