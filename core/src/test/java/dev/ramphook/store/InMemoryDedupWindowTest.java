package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's dedup window is a time (the retention), not a count: a handled event's key is kept until
 * it is pruned, and at the memory bound new events are refused rather than an old key forgotten.
 */
class InMemoryDedupWindowTest {

    private static void handle(EventStore store, String key, Instant at) {
        StoredEvent e = event("zbd", key, at);
        assertThat(store.record(e, at)).isEqualTo(Recorded.NEW);
        store.complete(store.claim("zbd", key, "w", at, LEASE).orElseThrow(), "w", at);
    }

    @Test
    void aHandledEventIsStillADuplicateAfterMoreNewerEventsThanTheStoreHoldsUnhandled() {
        EventStore store = EventStore.inMemory(100);
        handle(store, "first", T0);

        for (int i = 0; i < 10_000; i++) {
            handle(store, "newer-" + i, T0.plusSeconds(1));
        }

        assertThat(store.record(event("first"), T0.plusSeconds(2))).isEqualTo(Recorded.DONE);
    }

    @Test
    void aHandledKeyIsForgottenOnlyWhenPrunedAfterTheRetention() {
        EventStore store = EventStore.inMemory();
        handle(store, "e1", T0);
        Duration retention = Duration.ofDays(7);

        assertThat(store.prune(T0.plus(Duration.ofDays(6)).minus(retention))).isZero();
        assertThat(store.record(event("e1"), T0.plus(Duration.ofDays(6)))).isEqualTo(Recorded.DONE);
        assertThat(store.prune(T0.plus(Duration.ofDays(8)).minus(retention))).isEqualTo(1);
        assertThat(store.record(event("e1"), T0.plus(Duration.ofDays(8)))).isEqualTo(Recorded.NEW);
    }

    @Test
    void atTheKeyBoundNewEventsAreRefusedAndNoHandledKeyIsForgotten() {
        EventStore store = EventStore.inMemory(2, 5);
        for (int i = 0; i < 4; i++) {
            handle(store, "old-" + i, T0);
        }
        store.record(event("zbd", "waiting", T0.plusSeconds(10)), T0.plusSeconds(10)); // 4 keys + 1 unhandled

        assertThatThrownBy(() -> store.record(event("zbd", "one-too-many", T0.plusSeconds(20)), T0.plusSeconds(20)))
                .isInstanceOf(StoreException.class).hasMessageContaining("keys of 5 events, its budget");
        for (int i = 0; i < 4; i++) {
            assertThat(store.record(event("old-" + i), T0.plusSeconds(20))).isEqualTo(Recorded.DONE);
        }
        store.complete(store.claim("zbd", "waiting", "w", T0.plusSeconds(20), LEASE).orElseThrow(), "w",
                T0.plusSeconds(20)); // the unhandled event it made room for can still complete

        assertThat(store.prune(T0.plusSeconds(1))).isEqualTo(4);
        assertThat(store.record(event("zbd", "one-too-many", T0.plusSeconds(30)), T0.plusSeconds(30)))
                .isEqualTo(Recorded.NEW);
        assertThat(store.record(event("waiting"), T0.plusSeconds(30))).isEqualTo(Recorded.DONE);
    }

    @Test
    void keysOfTheSameIdFromTwoProvidersAreDistinct() {
        EventStore store = EventStore.inMemory();
        handle(store, "tx-1", T0);

        assertThat(store.record(event("mecash", "tx-1"), T0)).isEqualTo(Recorded.NEW);
    }

    @Test
    void aHandledKeyCostsAtMost96BytesWhateverTheKeyLength() {
        DoneKeys keys = new DoneKeys();
        String longTail = "x".repeat(180);
        for (int i = 0; i < 100_000; i++) {
            keys.add("zbd", "RAMP_WIDGET.V1.PAYMENT.SETTLED:sess_" + i + ":" + longTail, T0);
        }

        assertThat(keys.size()).isEqualTo(100_000);
        assertThat(keys.bytes()).isLessThanOrEqualTo(100_000L * 96);
        assertThat(keys.contains("zbd", "RAMP_WIDGET.V1.PAYMENT.SETTLED:sess_99999:" + longTail)).isTrue();
        assertThat(keys.contains("zbd", "RAMP_WIDGET.V1.PAYMENT.SETTLED:sess_100000:" + longTail)).isFalse();
    }
}
