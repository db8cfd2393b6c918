package dev.okienko.signature.internal;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keeps OCSP answers for a while so that verifying or signing many documents of the same signer asks the
 * responder once: until the answer's nextUpdate, and never longer than the configured time to live. Shared
 * by all calls of one signer or verifier; bounded in size.
 */
public final class CachingOcspSource implements OCSPSource {
    private static final long serialVersionUID = 1L;

    private record Entry(OCSPToken token, Instant expires) {
    }

    private final transient OCSPSource delegate;
    private final transient Clock clock;
    private final Duration ttl;
    private final transient Map<String, Entry> entries;

    /**
     * @param delegate the source that asks the responder
     * @param ttl the longest an answer is reused
     * @param maxEntries how many answers are kept
     * @param clock the clock expiry is judged by
     */
    public CachingOcspSource(OCSPSource delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public @Nullable OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        String key = certificate.getDSSIdAsString() + "/" + issuer.getDSSIdAsString();
        Instant now = clock.instant();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && now.isBefore(e.expires())) {
                return e.token();
            }
        }
        OCSPToken token = delegate.getRevocationToken(certificate, issuer);
        if (token != null) {
            Instant expires = now.plus(ttl);
            if (token.getNextUpdate() != null && token.getNextUpdate().toInstant().isBefore(expires)) {
                expires = token.getNextUpdate().toInstant();
            }
            synchronized (entries) {
                entries.put(key, new Entry(token, expires));
            }
        }
        return token;
    }
}
