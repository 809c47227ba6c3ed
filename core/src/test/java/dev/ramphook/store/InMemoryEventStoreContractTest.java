package dev.ramphook.store;

import java.util.Optional;

/** {@link EventStore#inMemory()} keeps the {@link EventStore} contract. */
class InMemoryEventStoreContractTest extends EventStoreContract implements LastErrorContract, SearchContract,
        AttemptHistoryContract {

    @Override
    protected EventStore newStore() {
        return EventStore.inMemory();
    }

    @Override
    public Optional<String> lastErrorOf(String key) {
        return store().find("zbd", key).map(FoundEvent::event).map(StoredEvent::lastError);
    }
}
