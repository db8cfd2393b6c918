package dev.okienko.edelivery;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where the operator notifies a mailbox's system of events (the UA API's {@code SubscriptionCreate}); each URL
 * receives POSTs with a JSON statement that {@link Notification#read(byte[])} reads.
 *
 * @param message new incoming messages ({@code messageCallbackUrl}), or null
 * @param messageCreated finished sending tasks ({@code messageCreatedCallbackUrl}), or null
 * @param evidence new evidences ({@code evidenceCallbackUrl}), or null
 * @param inbox messages handed over from a service into the mailbox ({@code inboxCallbackUrl}), or null
 */
public record Subscriptions(@Nullable URI message, @Nullable URI messageCreated, @Nullable URI evidence,
                            @Nullable URI inbox) {
    /** Checks that at least one URL is given, each absolute HTTPS or HTTP. */
    public Subscriptions {
        if (message == null && messageCreated == null && evidence == null && inbox == null) {
            throw new IllegalArgumentException("a subscription needs at least one callback URL");
        }
        for (URI u : new URI[] {message, messageCreated, evidence, inbox}) {
            if (u != null && (!u.isAbsolute() || !("https".equals(u.getScheme()) || "http".equals(u.getScheme())))) {
                throw new IllegalArgumentException("a callback URL must be absolute http(s): " + u);
            }
        }
    }

    /**
     * One subscription as the UA API lists it.
     *
     * @param id its id
     * @param name its name (which callback it is)
     * @param url where it posts
     * @param enabled whether it is on
     */
    public record Listed(String id, String name, String url, boolean enabled) {
    }
}
