package dev.okienko.signature.internal;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Keeps OCSP answers for a while so that verifying or signing many documents of the same signer asks the
 * responder once: until the answer's nextUpdate, and never longer than the configured time to live. Shared
 * by all calls of one signer or verifier; bounded in size.
 */
public final class CachingOcspSource implements OCSPSource {
    private static final long serialVersionUID = 1L;

    private final transient OCSPSource delegate;
    private final Duration ttl;
    private final transient ExpiringCache<OCSPToken> cache;

    /**
     * @param delegate the source that asks the responder
     * @param ttl the longest an answer is reused
     * @param maxEntries how many answers are kept
     * @param clock the clock expiry is judged by
     */
    public CachingOcspSource(OCSPSource delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.cache = new ExpiringCache<>(maxEntries, clock);
    }

    @Override
    public @Nullable OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        String key = certificate.getDSSIdAsString() + "/" + issuer.getDSSIdAsString();
        OCSPToken cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        OCSPToken token = delegate.getRevocationToken(certificate, issuer);
        if (token != null) {
            Instant expires = cache.clock().instant().plus(ttl);
            if (token.getNextUpdate() != null && token.getNextUpdate().toInstant().isBefore(expires)) {
                expires = token.getNextUpdate().toInstant();
            }
            cache.put(key, token, expires);
        }
        return token;
    }
}
