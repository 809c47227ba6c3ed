package dev.ramphook.example.jetty;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.EventStoreContract;

/**
 * The {@code EventStore} contract as a store written outside ramphook runs it: from ramphook-core's published
 * test-jar, in another package. Fails when the test-jar misses a class the contract needs.
 */
class StoreContractFromOutsideTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return EventStore.inMemory(); // an outside implementation returns a fresh, empty instance of its own store
    }
}
