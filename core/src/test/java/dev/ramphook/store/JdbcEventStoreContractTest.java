package dev.ramphook.store;

/** {@link JdbcEventStore} on a real PostgreSQL keeps the {@link EventStore} contract. */
class JdbcEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return TestPostgres.freshStore();
    }
}
