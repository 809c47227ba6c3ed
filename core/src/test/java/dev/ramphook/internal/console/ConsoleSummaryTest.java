package dev.ramphook.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.store.EventQuery;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoredEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The overview's counts: exact from the store's stats, however many events it holds; searched only without them. */
class ConsoleSummaryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final int MORE_THAN_A_SEARCH_RETURNS = EventQuery.MAX_LIMIT + 200;

    private final EventStore store = EventStore.inMemory();

    @Test
    void countsAreTheStoresStatsEvenBeyondWhatOneSearchReturns() {
        for (int i = 0; i < MORE_THAN_A_SEARCH_RETURNS; i++) {
            store.record(event("zbd", "z-" + i, T0.plusSeconds(i)), T0.plusSeconds(i));
        }
        store.record(event("mecash", "m-1", T0.minusSeconds(60)), T0.minusSeconds(60));
        deadLetter("mecash", "m-2");
        handle("zbd", "z-done");

        ConsoleData.Summary s = data(store).summary(T0.plus(Duration.ofHours(1)));

        assertThat(s.byState()).containsEntry("PENDING", MORE_THAN_A_SEARCH_RETURNS + 1L)
                .containsEntry("DEAD", 1L).containsEntry("DONE", 1L);
        assertThat(s.byProvider().get("zbd")).containsEntry("PENDING", (long) MORE_THAN_A_SEARCH_RETURNS)
                .containsEntry("DEAD", 0L);
        assertThat(s.byProvider().get("mecash")).containsEntry("PENDING", 1L).containsEntry("DEAD", 1L);
        assertThat(s.oldestPending()).isEqualTo(T0.minusSeconds(60));
        assertThat(s.note()).isNull();
    }

    @Test
    void aStoreWithoutStatsIsCountedBySearchesAndTheNoteSaysWhereTheyStop() {
        for (int i = 0; i < MORE_THAN_A_SEARCH_RETURNS; i++) {
            store.record(event("zbd", "z-" + i, T0.plusSeconds(i)), T0.plusSeconds(i));
        }

        ConsoleData.Summary s = data(withoutStats(store)).summary(T0.plus(Duration.ofHours(1)));

        assertThat(s.byState()).containsEntry("PENDING", (long) EventQuery.MAX_LIMIT);
        assertThat(s.note()).contains(String.valueOf(EventQuery.MAX_LIMIT));
    }

    private void deadLetter(String provider, String key) {
        store.record(event(provider, key, T0), T0);
        StoredEvent claimed = store.claim(provider, key, "w", T0, Duration.ofMinutes(1)).orElseThrow();
        store.fail(claimed, "w", Set.of(), "ledger unreachable", null, T0.plusSeconds(1));
    }

    private void handle(String provider, String key) {
        store.record(event(provider, key, T0), T0);
        StoredEvent claimed = store.claim(provider, key, "w", T0, Duration.ofMinutes(1)).orElseThrow();
        store.complete(claimed, "w", T0.plusSeconds(1));
    }

    private static ConsoleData data(EventStore store) {
        return new ConsoleData(store, List.of("zbd", "mecash"), (provider, key, by) -> false);
    }

    /** The store as one written before {@link EventStore#stats} existed: every call but that one delegated. */
    private static EventStore withoutStats(EventStore store) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("stats")) {
                        throw new UnsupportedOperationException("written before stats");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static StoredEvent event(String provider, String key, Instant receivedAt) {
        byte[] body = ("{\"id\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
        return new StoredEvent(provider, key, "PAYMENT.SETTLED", "/webhooks/" + provider, body, Map.of(), receivedAt,
                0, Set.of(), null);
    }
}
