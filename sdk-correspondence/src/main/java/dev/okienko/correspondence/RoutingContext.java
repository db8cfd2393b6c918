package dev.okienko.correspondence;

import dev.okienko.core.Ade;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.OfficialId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a {@link RoutingPolicy} may consult: BAE (through a cache with a time to live) and the time. */
public interface RoutingContext {

    /**
     * @param id an official id
     * @return BAE's entries found by it (any status), possibly from the cache
     */
    List<AddressEntry> addressesOf(OfficialId id);

    /**
     * @param ade an electronic delivery address
     * @return BAE's entry for it (any status), possibly from the cache
     */
    Optional<AddressEntry> entryOf(Ade ade);

    /** @return now, by the window's clock */
    Instant now();

    /** @return whether a hybrid (paper) letter is enabled for this office */
    boolean hybridEnabled();
}
