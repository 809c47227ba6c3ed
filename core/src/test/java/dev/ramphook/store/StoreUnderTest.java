package dev.ramphook.store;

import java.time.Instant;
import java.util.Optional;

/** Gives the contract interfaces the store of the current test. */
public interface StoreUnderTest {

    EventStore store();

    /** The last error the store keeps for a zbd event in any state (done events are not returned by the SPI). */
    Optional<String> lastErrorOf(String key);

    default StoredEvent recordAndClaim(String key, String owner, Instant at) {
        store().record(StoreTestEvents.event(key), at);
        return store().claim("zbd", key, owner, at, StoreTestEvents.LEASE).orElseThrow();
    }
}
