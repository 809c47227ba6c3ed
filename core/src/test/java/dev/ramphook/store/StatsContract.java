package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link EventStore#stats} counts: unhandled events by provider and state, handled keys, the oldest pending. */
interface StatsContract extends StoreUnderTest {

    @Test
    default void anEmptyStoreHasNothingPendingNothingDeadAndNoOldest() {
        StoreStats stats = store().stats(T0);

        assertThat(stats.pending()).isZero();
        assertThat(stats.dead()).isZero();
        assertThat(stats.done()).isZero();
        assertThat(stats.oldestPending()).isEmpty();
        assertThat(stats.of("zbd")).isEqualTo(new StoreStats.Counts(0, 0, 0));
    }

    @Test
    default void unhandledEventsAreCountedByProviderAndState() {
        store().record(event("zbd", "z1", T0), T0);
        store().record(event("zbd", "z2", T0.plusSeconds(10)), T0.plusSeconds(10));
        store().record(event("mecash", "m1", T0.plusSeconds(5)), T0.plusSeconds(5));
        store().record(event("mecash", "m2", T0.plusSeconds(6)), T0.plusSeconds(6));
        store().claim("zbd", "z2", "worker-a", T0.plusSeconds(20), LEASE).orElseThrow();
        StoredEvent m1 = store().claim("mecash", "m1", "worker-a", T0.plusSeconds(20), LEASE).orElseThrow();
        store().fail(m1, "worker-a", Set.of(), "ledger rejected", null, T0.plusSeconds(21));

        StoreStats stats = store().stats(T0.plusSeconds(30));

        assertThat(stats.of("zbd")).isEqualTo(new StoreStats.Counts(2, 1, 0));
        assertThat(stats.of("mecash")).isEqualTo(new StoreStats.Counts(1, 0, 1));
        assertThat(stats.pending()).isEqualTo(3);
        assertThat(stats.inProgress()).isEqualTo(1);
        assertThat(stats.dead()).isEqualTo(1);
        assertThat(stats.oldestPending()).contains(T0);
    }

    @Test
    default void aClaimPastItsLeaseIsPendingButNoLongerInProgress() {
        recordAndClaim("z1", "worker-a", T0);

        assertThat(store().stats(T0.plusSeconds(1)).of("zbd").inProgress()).isEqualTo(1);
        assertThat(store().stats(T0.plus(LEASE).plusSeconds(1)).of("zbd"))
                .isEqualTo(new StoreStats.Counts(1, 0, 0));
    }

    @Test
    default void handledEventsCountAsDoneAndTheOldestPendingMovesOn() {
        store().record(event("zbd", "z2", T0.plusSeconds(10)), T0.plusSeconds(10));
        StoredEvent first = recordAndClaim("z1", "worker-a", T0);
        store().complete(first, "worker-a", T0.plusSeconds(11));

        StoreStats stats = store().stats(T0.plusSeconds(12));

        assertThat(stats.done()).isEqualTo(1);
        assertThat(stats.of("zbd")).isEqualTo(new StoreStats.Counts(1, 0, 0));
        assertThat(stats.oldestPending()).contains(T0.plusSeconds(10));
    }

    @Test
    default void aDeadLetterIsNotPendingUntilReplayed() {
        StoredEvent claimed = recordAndClaim("z1", "worker-a", T0);
        store().fail(claimed, "worker-a", Set.of(), "no", null, T0.plusSeconds(1));

        assertThat(store().stats(T0.plusSeconds(2)).oldestPending()).isEmpty();

        store().replay("zbd", "z1", T0.plusSeconds(3));
        StoreStats replayed = store().stats(T0.plusSeconds(4));
        assertThat(replayed.of("zbd")).isEqualTo(new StoreStats.Counts(1, 0, 0));
        assertThat(replayed.oldestPending()).contains(T0);
    }

    @Test
    default void prunedHandledEventsAreNoLongerCounted() {
        StoredEvent claimed = recordAndClaim("z1", "worker-a", T0);
        store().complete(claimed, "worker-a", T0.plusSeconds(1));

        store().prune(T0.plusSeconds(60));

        assertThat(store().stats(T0.plusSeconds(61)).done()).isZero();
    }
}
