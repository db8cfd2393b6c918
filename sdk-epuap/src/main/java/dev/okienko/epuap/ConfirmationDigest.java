package dev.okienko.epuap;

/**
 * The digest {@code potwierdzOdebranie} sends as {@code skrot} (base64 of the digest of the document's
 * content). Two working clients send SHA-1 and another SHA-256; which ePUAP expects is unconfirmed, so it is
 * a setting.
 */
public enum ConfirmationDigest {
    /** SHA-1, as observed in two working clients: the default. */
    SHA1("SHA-1"),
    /** SHA-256. */
    SHA256("SHA-256");

    private final String jcaName;

    ConfirmationDigest(String jcaName) {
        this.jcaName = jcaName;
    }

    /** @return the JCA name of the digest */
    public String jcaName() {
        return jcaName;
    }
}
