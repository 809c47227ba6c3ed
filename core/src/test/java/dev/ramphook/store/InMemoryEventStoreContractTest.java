package dev.ramphook.store;

/** {@link EventStore#inMemory()} keeps the {@link EventStore} contract. */
class InMemoryEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return EventStore.inMemory();
    }
}
