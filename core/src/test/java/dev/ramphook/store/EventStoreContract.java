package dev.ramphook.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link EventStore} must do, whatever keeps the events: subclass it and supply a fresh, empty store
 * per test. Time is passed in explicitly, so leases and retry times are tested without waiting.
 */
public abstract class EventStoreContract
        implements RecordingContract, ClaimingContract, RenewalContract, OrderingContract, OutcomeContract,
        CompletionContract, ConcurrencyContract, StatsContract {

    private EventStore store;

    /** A new store that holds no events. */
    protected abstract EventStore newStore();

    @Override
    public EventStore store() {
        return store;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
