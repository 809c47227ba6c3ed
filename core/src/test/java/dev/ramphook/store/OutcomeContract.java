package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What completing, failing, releasing, replaying and pruning do to a claimed event. */
interface OutcomeContract extends StoreUnderTest {

    @Test
    default void aCompletedEventIsNeverClaimedAgain() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        store().complete(claimed, "worker-a", T0.plusSeconds(1));

        assertThat(store().claim("zbd", "e1", "worker-b", T0.plus(LEASE).plusSeconds(1), LEASE)).isEmpty();
        assertThat(store().claimDue("worker-b", T0.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
    }

    @Test
    default void aFailedEventIsDueAgainAtItsRetryTimeNotBefore() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        Instant retryAt = T0.plusSeconds(30);
        store().fail(claimed, "worker-a", Set.of("audit"), "timeout calling ledger", retryAt, T0.plusSeconds(1));

        assertThat(store().claimDue("worker-b", retryAt.minusSeconds(1), LEASE, 10)).isEmpty();
        List<StoredEvent> retried = store().claimDue("worker-b", retryAt, LEASE, 10);
        assertThat(retried).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.completedHandlers()).containsExactly("audit");
            assertThat(e.lastError()).isEqualTo("timeout calling ledger");
        });
    }

    @Test
    default void aFailureWithoutRetryTimeMakesADeadLetter() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        store().fail(claimed, "worker-a", Set.of(), "ledger rejected", null, T0.plusSeconds(1));

        assertThat(store().deadLetters(10)).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("e1");
            assertThat(e.lastError()).isEqualTo("ledger rejected");
            assertThat(e.body()).isEqualTo(event("e1").body());
        });
        assertThat(store().claimDue("worker-b", T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
        assertThat(store().claim("zbd", "e1", "worker-b", T0.plus(Duration.ofDays(1)), LEASE)).isEmpty();
    }

    @Test
    default void deadLettersAreListedOldestFirstUpToTheLimit() {
        for (String key : List.of("e1", "e2", "e3")) {
            StoredEvent claimed = recordAndClaim(key, "worker-a", T0);
            store().fail(claimed, "worker-a", Set.of(), "no", null, T0);
        }

        assertThat(store().deadLetters(2)).extracting(StoredEvent::key).containsExactly("e1", "e2");
    }

    @Test
    default void aReleasedClaimIsDueAtOnceWithoutCountingTheAttempt() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        store().release(claimed, "worker-a");

        assertThat(store().claimDue("worker-b", T0, LEASE, 10))
                .singleElement().extracting(StoredEvent::attempts).isEqualTo(1);
    }

    @Test
    default void replayMakesADeadLetterPendingWithAFreshAttemptCount() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        store().fail(claimed, "worker-a", Set.of(), "boom", null, T0);

        assertThat(store().replay("zbd", "e1", T0.plusSeconds(60))).isTrue();

        assertThat(store().deadLetters(10)).isEmpty();
        assertThat(store().record(event("e1"), T0.plusSeconds(60))).isEqualTo(Recorded.PENDING);
        assertThat(store().claimDue("worker-b", T0.plusSeconds(60), LEASE, 10))
                .singleElement().extracting(StoredEvent::attempts).isEqualTo(1);
    }

    @Test
    default void onlyDeadLettersCanBeReplayed() {
        store().record(event("pending"), T0);
        StoredEvent done = recordAndClaim("done", "worker-a", T0);
        store().complete(done, "worker-a", T0);

        assertThat(store().replay("zbd", "pending", T0)).isFalse();
        assertThat(store().replay("zbd", "done", T0)).isFalse();
        assertThat(store().replay("zbd", "unknown", T0)).isFalse();
    }

    @Test
    default void pruneForgetsOnlyDoneEventsRecordedBeforeTheCutoff() {
        StoredEvent oldDone = recordAndClaim("old-done", "w", T0);
        store().complete(oldDone, "w", T0);
        StoredEvent oldDead = recordAndClaim("old-dead", "w", T0);
        store().fail(oldDead, "w", Set.of(), "no", null, T0);
        store().record(event("old-pending"), T0);
        StoredEvent newDone = event("zbd", "new-done", T0.plus(Duration.ofDays(2)));
        store().record(newDone, newDone.receivedAt());
        store().complete(store().claim("zbd", "new-done", "w", newDone.receivedAt(), LEASE).orElseThrow(), "w",
                newDone.receivedAt());

        int pruned = store().prune(T0.plus(Duration.ofDays(1)));

        assertThat(pruned).isEqualTo(1);
        Instant later = T0.plus(Duration.ofDays(3));
        assertThat(store().record(event("old-done"), later)).isEqualTo(Recorded.NEW);
        assertThat(store().record(event("old-dead"), later)).isEqualTo(Recorded.DEAD);
        assertThat(store().record(event("old-pending"), later)).isEqualTo(Recorded.PENDING);
        assertThat(store().record(newDone, later)).isEqualTo(Recorded.DONE);
    }

    @Test
    default void aReleasedRetryIsDueAtOnceEvenBeforeItsRetryTime() {
        store().record(event("e1"), T0);
        StoredEvent first = store().claim("zbd", "e1", "w", T0, LEASE).orElseThrow();
        store().fail(first, "w", Set.of(), "boom", T0.plusSeconds(60), T0);
        StoredEvent second = store().claim("zbd", "e1", "w", T0.plusSeconds(1), LEASE).orElseThrow();
        store().release(second, "w");

        assertThat(store().claimDue("other", T0.plusSeconds(1), LEASE, 10))
                .singleElement().extracting(StoredEvent::attempts).isEqualTo(2);
    }
}
