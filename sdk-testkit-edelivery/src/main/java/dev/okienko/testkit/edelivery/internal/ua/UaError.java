package dev.okienko.testkit.edelivery.internal.ua;

/** A UA API error, answered in the contract's shape: an array of {@code {error, error_description}}. */
final class UaError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    UaError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }
}
