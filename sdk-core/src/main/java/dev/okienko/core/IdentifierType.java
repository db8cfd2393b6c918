package dev.okienko.core;

/** The kinds of identifier okienko validates. */
public enum IdentifierType {
    /** PESEL, the 11-digit Polish personal number (personal data: never logged whole). */
    PESEL("PESEL"),
    /** NIP, the 10-digit tax identification number. */
    NIP("NIP"),
    /** REGON, the 9-digit (entity) or 14-digit (local unit) statistical number. */
    REGON("REGON"),
    /** KRS, the 10-digit National Court Register number. */
    KRS("KRS"),
    /** ADE, an e-Doręczenia electronic delivery address ({@code AE:PL-...}). */
    ADE("ADE (e-delivery address)"),
    /** An ePUAP inbox (skrytka) address {@code /entity/box}. */
    EPUAP_ADDRESS("ePUAP box address");

    private final String displayName;

    IdentifierType(String displayName) {
        this.displayName = displayName;
    }

    /** @return the name people use for this identifier */
    public String displayName() {
        return displayName;
    }
}
