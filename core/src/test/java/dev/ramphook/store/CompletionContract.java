package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.store.EventStore.Completion;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Marking many events done in one call ({@link EventStore#completeAll}) is, event by event, exactly
 * {@link EventStore#complete}: owner-guarded, so one lost claim in a batch neither fails the batch nor overwrites
 * the new owner's outcome.
 */
interface CompletionContract extends StoreUnderTest {

    @Test
    default void aBatchWithOneClaimTakenOverCompletesTheOthersAndLeavesThatOneToItsNewOwner() {
        StoredEvent e1 = recordAndClaim("e1", "worker-a", T0);
        StoredEvent e2 = recordAndClaim("e2", "worker-a", T0);
        StoredEvent e3 = recordAndClaim("e3", "worker-a", T0);
        Instant takenOver = T0.plus(LEASE); // worker-a stalled past its lease; worker-b takes e2 over
        StoredEvent e2again = store().claim("zbd", "e2", "worker-b", takenOver, LEASE).orElseThrow();

        store().completeAll(List.of(new Completion(e1, "worker-a"), new Completion(e2, "worker-a"),
                new Completion(e3, "worker-a")), takenOver.plusSeconds(1));

        Instant later = takenOver.plusSeconds(2);
        assertThat(store().record(event("e1"), later)).isEqualTo(Recorded.DONE);
        assertThat(store().record(event("e3"), later)).isEqualTo(Recorded.DONE);
        assertThat(store().record(event("e2"), later)).isEqualTo(Recorded.IN_PROGRESS);
        // worker-b's outcome is the one that counts: its failure schedules a retry of e2, with its attempt count.
        store().fail(e2again, "worker-b", Set.of(), "ledger down", later.plusSeconds(10), later);
        assertThat(store().claimDue("worker-c", later.plusSeconds(10), LEASE, 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.key()).isEqualTo("e2");
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.lastError()).isEqualTo("ledger down");
                });
    }

    @Test
    default void oneCallCompletesTheClaimsOfSeveralOwnersEachUnderItsOwnOwner() {
        StoredEvent e1 = recordAndClaim("e1", "worker-a", T0);
        StoredEvent e2 = recordAndClaim("e2", "worker-b", T0);
        StoredEvent e3 = recordAndClaim("e3", "worker-b", T0);

        store().completeAll(List.of(new Completion(e1, "worker-a"), new Completion(e2, "worker-b"),
                new Completion(e3, "worker-a"), new Completion(event("unknown"), "worker-a")), T0.plusSeconds(1));

        assertThat(store().record(event("e1"), T0.plusSeconds(2))).isEqualTo(Recorded.DONE);
        assertThat(store().record(event("e2"), T0.plusSeconds(2))).isEqualTo(Recorded.DONE);
        // e3 was listed under an owner that never held it: still worker-b's, and claimable once its lease ends.
        assertThat(store().record(event("e3"), T0.plusSeconds(2))).isEqualTo(Recorded.IN_PROGRESS);
        assertThat(store().claimDue("worker-c", T0.plus(LEASE), LEASE, 10))
                .extracting(StoredEvent::key).containsExactly("e3");
    }

    @Test
    default void completingTheSameBatchAgainChangesNothing() {
        StoredEvent e1 = recordAndClaim("e1", "worker-a", T0);
        List<Completion> batch = List.of(new Completion(e1, "worker-a"));
        store().completeAll(batch, T0.plusSeconds(1));

        store().completeAll(batch, T0.plusSeconds(2));
        store().completeAll(List.of(), T0.plusSeconds(3));

        assertThat(store().record(event("e1"), T0.plusSeconds(4))).isEqualTo(Recorded.DONE);
        assertThat(store().claim("zbd", "e1", "worker-b", T0.plus(LEASE).plusSeconds(5), LEASE)).isEmpty();
        assertThat(store().deadLetters(10)).isEmpty();
    }

    @Test
    default void aBatchCompletionLetsEachSubjectsNextEventBeClaimed() {
        store().record(about("s1", "s1-a", T0), T0);
        store().record(about("s1", "s1-b", T0.plusSeconds(1)), T0);
        store().record(about("s2", "s2-a", T0), T0);
        store().record(about("s2", "s2-b", T0.plusSeconds(1)), T0);
        List<StoredEvent> first = store().claimDue("worker-a", T0, LEASE, 10);
        assertThat(first).extracting(StoredEvent::key).containsExactlyInAnyOrder("s1-a", "s2-a");

        store().completeAll(first.stream().map(e -> new Completion(e, "worker-a")).toList(), T0.plusSeconds(1));

        assertThat(store().claimDue("worker-b", T0.plusSeconds(1), LEASE, 10))
                .extracting(StoredEvent::key).containsExactlyInAnyOrder("s1-b", "s2-b");
    }
}
