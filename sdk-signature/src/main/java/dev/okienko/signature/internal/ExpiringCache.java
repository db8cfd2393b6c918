package dev.okienko.signature.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small thread-safe cache whose entries expire at a given instant and whose least recently used entries
 * are dropped beyond a size: for revocation data and issuer certificates fetched over HTTP.
 *
 * @param <V> the cached values
 */
public final class ExpiringCache<V> {
    private record Item<V>(V value, Instant expires) {
    }

    private final Clock clock;
    private final Map<String, Item<V>> entries;

    /**
     * @param maxEntries how many entries are kept
     * @param clock the clock expiry is judged by
     */
    public ExpiringCache(int maxEntries, Clock clock) {
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Item<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** @return the cache's clock */
    public Clock clock() {
        return clock;
    }

    /**
     * @param key a key
     * @return the value, when present and not expired
     */
    public synchronized @Nullable V get(String key) {
        Item<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key);
            return null;
        }
        return e.value();
    }

    /**
     * @param key a key
     * @param value its value
     * @param expires when it stops being served
     */
    public synchronized void put(String key, V value, Instant expires) {
        entries.put(key, new Item<>(value, expires));
    }
}
