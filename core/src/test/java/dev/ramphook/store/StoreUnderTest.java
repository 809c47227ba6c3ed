package dev.ramphook.store;

import java.time.Instant;

/** Gives the contract interfaces the store of the current test. */
public interface StoreUnderTest {

    EventStore store();

    default StoredEvent recordAndClaim(String key, String owner, Instant at) {
        store().record(StoreTestEvents.event(key), at);
        return store().claim("zbd", key, owner, at, StoreTestEvents.LEASE).orElseThrow();
    }
}
