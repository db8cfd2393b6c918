package dev.okienko.correspondence;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A routing decision for one recipient, stored with the letter so that an auditor sees why it went where it
 * went.
 *
 * @param channel the channel
 * @param address the ADE or ePUAP box it goes to; null for {@link Channel#HYBRID} and {@link Channel#NONE}
 * @param reason why, in a sentence a person reads (for {@link Channel#NONE}: why nothing reaches them)
 * @param basis what the decision was based on (the BAE lookup's result, the date), as recorded evidence
 */
public record Route(Channel channel, @Nullable String address, String reason, String basis) {
    /** Checks the parts. */
    public Route {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(basis, "basis");
        if ((channel == Channel.EDELIVERY || channel == Channel.EPUAP) && address == null) {
            throw new IllegalArgumentException("a route by " + channel + " needs an address");
        }
    }
}
