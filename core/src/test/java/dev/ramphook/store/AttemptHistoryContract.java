package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link EventStore#history}: each failed attempt and each replay of an event, kept while the event is, so that
 * after a replay an operator still sees what failed before and who replayed it.
 */
public interface AttemptHistoryContract extends StoreUnderTest {

    private void failOnce(String key, String error, Instant retryAt, Instant now) {
        StoredEvent claimed = store().claim("zbd", key, "worker", now, LEASE).orElseThrow();
        store().fail(claimed, "worker", Set.of(), error, retryAt, now);
    }

    @Test
    default void failedAttemptsAndAReplayAreKeptInOrderWithWhoReplayed() {
        store().record(event("broken"), T0);
        failOnce("broken", "ledger down", T0.plusSeconds(1), T0);
        failOnce("broken", "ledger still down", null, T0.plusSeconds(2));

        assertThat(store().replay("zbd", "broken", T0.plusSeconds(60), "ops")).isTrue();
        failOnce("broken", "fixed? no: timeout", null, T0.plusSeconds(61));

        List<HistoryEntry> history = store().history("zbd", "broken");
        assertThat(history).extracting(HistoryEntry::kind).containsExactly(HistoryEntry.Kind.RETRY,
                HistoryEntry.Kind.DEAD, HistoryEntry.Kind.REPLAYED, HistoryEntry.Kind.DEAD);
        assertThat(history).extracting(HistoryEntry::attempt).containsExactly(1, 2, 2, 1);
        assertThat(history).extracting(HistoryEntry::error).containsExactly("ledger down", "ledger still down", null,
                "fixed? no: timeout");
        assertThat(history.get(2).by()).isEqualTo("ops");
        assertThat(history.get(2).at()).isEqualTo(T0.plusSeconds(60));
        assertThat(history).allSatisfy(h -> assertThat(h.at()).isNotNull());
        assertThat(store().find("zbd", "broken").orElseThrow().event().attempts()).isEqualTo(1);
    }

    @Test
    default void theHistoryKeepsTheLastAttemptsOnly() {
        store().record(event("flaky"), T0);
        for (int i = 1; i <= HistoryEntry.KEPT + 5; i++) {
            failOnce("flaky", "failure " + i, T0, T0);
        }

        List<HistoryEntry> history = store().history("zbd", "flaky");

        assertThat(history).hasSize(HistoryEntry.KEPT);
        assertThat(history.get(0).error()).isEqualTo("failure 6");
        assertThat(history.get(HistoryEntry.KEPT - 1).error()).isEqualTo("failure " + (HistoryEntry.KEPT + 5));
    }

    @Test
    default void aReleasedClaimIsNoAttemptAndAnUnknownEventHasNoHistory() {
        store().record(event("calm"), T0);
        StoredEvent claimed = store().claim("zbd", "calm", "worker", T0, LEASE).orElseThrow();
        store().release(claimed, "worker");

        assertThat(store().history("zbd", "calm")).isEmpty();
        assertThat(store().history("zbd", "never-sent")).isEmpty();
    }
}
