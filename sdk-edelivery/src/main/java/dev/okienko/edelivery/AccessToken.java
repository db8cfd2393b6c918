package dev.okienko.edelivery;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth2 access token for the e-Doręczenia APIs. Its {@link #toString()} never shows the token.
 *
 * @param value the token, sent as {@code Authorization: Bearer value}
 * @param expiresAt when the token server said it expires
 */
public record AccessToken(String value, Instant expiresAt) {

    /** Checks that both parts are there. */
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an access token cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "AccessToken[" + value.length() + " characters, expires " + expiresAt + "]";
    }
}
