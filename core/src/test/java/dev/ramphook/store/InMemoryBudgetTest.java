package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's bounds are budgets per endpoint: a flood on one endpoint (whoever holds its leaked token)
 * fills that endpoint's budget only, and every other endpoint keeps recording.
 */
class InMemoryBudgetTest {

    private static StoredEvent at(String endpoint, String provider, String key) {
        return new StoredEvent(provider, key, "PAID", endpoint, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", List.of("application/json")), T0, 0, Set.of(), null);
    }

    private static void handle(EventStore store, StoredEvent e) {
        assertThat(store.record(e, T0)).isEqualTo(Recorded.NEW);
        store.complete(store.claim(e.provider(), e.key(), "w", T0, LEASE).orElseThrow(), "w", T0);
    }

    @Test
    void aFloodOfHandledEventsOnOneEndpointNeverRefusesAnother() {
        EventStore store = EventStore.inMemory(10, 100);
        for (int i = 0; i < 100; i++) {
            handle(store, at("/webhooks/zbd", "zbd", "flood-" + i));
        }

        assertThatThrownBy(() -> store.record(at("/webhooks/zbd", "zbd", "flood-100"), T0))
                .isInstanceOf(StoreException.class).hasMessageContaining("endpoint /webhooks/zbd");
        for (int i = 0; i < 100; i++) {
            handle(store, at("/webhooks/mecash", "mecash", "genuine-" + i));
        }
        assertThat(store.stats(T0).done()).isEqualTo(200);
    }

    @Test
    void aFloodOfUnhandledEventsOnOneEndpointNeverRefusesAnother() {
        EventStore store = EventStore.inMemory(10, 100);
        for (int i = 0; i < 10; i++) {
            assertThat(store.record(at("/webhooks/zbd", "zbd", "stuck-" + i), T0)).isEqualTo(Recorded.NEW);
        }

        assertThatThrownBy(() -> store.record(at("/webhooks/zbd", "zbd", "stuck-10"), T0))
                .isInstanceOf(StoreException.class).hasMessageContaining("endpoint /webhooks/zbd");
        assertThat(store.record(at("/webhooks/mecash", "mecash", "genuine"), T0)).isEqualTo(Recorded.NEW);
    }

    @Test
    void statsNameTheEndpointWhoseBudgetIsFull() {
        EventStore store = EventStore.inMemory(10, 20);
        for (int i = 0; i < 20; i++) {
            handle(store, at("/webhooks/zbd", "zbd", "flood-" + i));
        }
        handle(store, at("/webhooks/mecash", "mecash", "genuine"));

        assertThat(store.stats(T0).fullEndpoints()).containsExactly(Map.entry("/webhooks/zbd", "20 handled keys"));
        assertThat(store.prune(T0.plusSeconds(1))).isEqualTo(21);
        assertThat(store.stats(T0).fullEndpoints()).isEmpty();
    }

    @Test
    void aDuplicateIsRecognisedWhicheverEndpointOfTheProviderReceivedIt() {
        EventStore store = EventStore.inMemory(10, 20);
        handle(store, at("/webhooks/zbd-eu", "zbd", "tx-1"));

        assertThat(store.record(at("/webhooks/zbd-us", "zbd", "tx-1"), T0)).isEqualTo(Recorded.DONE);
        assertThat(store.find("zbd", "tx-1")).map(FoundEvent::state).contains(EventState.DONE);
    }

    @Test
    void aFullEndpointStillAnswersDuplicatesOfWhatItHandled() {
        EventStore store = EventStore.inMemory(10, 10);
        for (int i = 0; i < 10; i++) {
            handle(store, at("/webhooks/zbd", "zbd", "e-" + i));
        }

        assertThat(store.record(at("/webhooks/zbd", "zbd", "e-3"), Instant.from(T0))).isEqualTo(Recorded.DONE);
    }

    /**
     * The measured size behind the documented default: at 1,000,000 keys (one endpoint's default budget) the table
     * has 2^21 slots of 25 bytes, 50 MiB, so 52.4 bytes per key; it stays below 100 bytes per key at any size. (24
     * bytes, 48 MiB, until 2026-12-07: a byte of tag per slot keeps a look-up out of the large arrays.)
     */
    @Test
    void oneEndpointsDefaultBudgetOfKeysTakes50MiB() {
        DoneKeys keys = new DoneKeys();
        for (int i = 0; i < 1_000_000; i++) {
            keys.add("zbd", "RAMP_WIDGET.V1.PAYMENT.SETTLED:sess_" + i, T0);
        }

        assertThat(keys.size()).isEqualTo(1_000_000);
        assertThat(keys.bytes()).isEqualTo((1L << 21) * DoneKeys.BYTES_PER_SLOT).isEqualTo(50L << 20);
        assertThat(keys.bytes() / (double) keys.size()).isBetween(52.0, 52.5);
    }
}
