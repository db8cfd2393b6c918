package dev.okienko.signature;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The state of one trusted list a {@link TrustConfiguration} uses: whether it could be had (downloaded or
 * from the cache), whether its signature holds, when it was issued and is next due.
 *
 * @param url where the list lives
 * @param loaded whether its content is available (downloaded now or earlier, from the cache)
 * @param signatureValid whether its signature verified against the pinned signing certificates
 * @param signatureIndication DSS's indication for the list's signature, when it was checked
 * @param territory the list's territory, e.g. {@code PL}
 * @param sequenceNumber the list's sequence number
 * @param issued when the list was issued
 * @param nextUpdate when the next list is due
 * @param trustServiceProviders how many trust service providers it lists
 * @param error why the list could not be downloaded or read, if it could not
 */
public record TrustedListStatus(String url, boolean loaded, boolean signatureValid, @Nullable String signatureIndication,
                                @Nullable String territory, @Nullable Integer sequenceNumber, @Nullable Instant issued,
                                @Nullable Instant nextUpdate, int trustServiceProviders, @Nullable String error) {
}
