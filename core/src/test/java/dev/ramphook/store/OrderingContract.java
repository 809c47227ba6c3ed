package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Events of one subject are claimed one at a time, in the order they occurred (then in receipt order); events of
 * other subjects, and events without one, are not held back. A dead letter no longer holds its subject back.
 */
interface OrderingContract extends StoreUnderTest {

    private List<String> claimDue(String owner, java.time.Instant now) {
        return store().claimDue(owner, now, LEASE, 10).stream().map(StoredEvent::key).toList();
    }

    @Test
    default void oneSubjectIsClaimedOneEventAtATimeInTheOrderTheyOccurredNotTheOrderTheyArrived() {
        store().record(about("s1", "settled", T0.plusSeconds(2)), T0);
        store().record(about("s1", "initiated", T0.plusSeconds(1)), T0);

        List<StoredEvent> first = store().claimDue("worker-a", T0, LEASE, 10);
        assertThat(first).extracting(StoredEvent::key).containsExactly("initiated");
        assertThat(first.get(0).subject()).isEqualTo("s1");
        assertThat(first.get(0).occurredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(claimDue("worker-b", T0)).isEmpty();
        assertThat(store().claim("zbd", "settled", "worker-b", T0, LEASE)).isEmpty();

        store().complete(first.get(0), "worker-a", T0.plusSeconds(1));
        assertThat(claimDue("worker-b", T0.plusSeconds(1))).containsExactly("settled");
    }

    @Test
    default void differentSubjectsAndEventsWithoutASubjectAreNotHeldBack() {
        store().record(about("s1", "s1-a", T0), T0);
        store().record(about("s1", "s1-b", T0.plusSeconds(1)), T0);
        store().record(about("s2", "s2-a", T0), T0);
        store().record(event("free-1"), T0);
        store().record(event("free-2"), T0);

        assertThat(claimDue("worker-a", T0)).containsExactlyInAnyOrder("s1-a", "s2-a", "free-1", "free-2");
    }

    @Test
    default void equalOccurrenceTimesGoInReceiptOrderAndAnUnknownOneCountsAsTheReceiptTime() {
        store().record(about("s1", "first", T0.plusSeconds(5)), T0);
        store().record(about("s1", "second", T0.plusSeconds(5)), T0);
        store().record(about("s1", "unknown-time", null), T0); // received at T0: before both

        for (String expected : List.of("unknown-time", "first", "second")) {
            List<StoredEvent> claimed = store().claimDue("worker-a", T0, LEASE, 10);
            assertThat(claimed).extracting(StoredEvent::key).containsExactly(expected);
            store().complete(claimed.get(0), "worker-a", T0);
        }
    }

    @Test
    default void aFailedEarlierEventHoldsLaterOnesBackWhileItIsRetried() {
        store().record(about("s1", "a", T0), T0);
        store().record(about("s1", "b", T0.plusSeconds(1)), T0);
        StoredEvent a = store().claimDue("worker-a", T0, LEASE, 10).get(0);
        store().fail(a, "worker-a", Set.of(), "ledger down", T0.plusSeconds(30), T0.plusSeconds(1));

        assertThat(claimDue("worker-b", T0.plusSeconds(10))).isEmpty();
        assertThat(claimDue("worker-b", T0.plusSeconds(30))).containsExactly("a");
    }

    @Test
    default void aDeadEarlierEventLetsLaterOnesProceedAndAReplayRunsItAfterThem() {
        store().record(about("s1", "a", T0), T0);
        store().record(about("s1", "b", T0.plusSeconds(1)), T0);
        StoredEvent a = store().claimDue("worker-a", T0, LEASE, 10).get(0);
        store().fail(a, "worker-a", Set.of(), "ledger rejected", null, T0.plusSeconds(1));

        List<StoredEvent> b = store().claimDue("worker-b", T0.plusSeconds(2), LEASE, 10);
        assertThat(b).extracting(StoredEvent::key).containsExactly("b");
        assertThat(store().replay("zbd", "a", T0.plusSeconds(3))).isTrue();
        assertThat(claimDue("worker-c", T0.plusSeconds(3))).isEmpty(); // b is still claimed: one at a time
        store().complete(b.get(0), "worker-b", T0.plusSeconds(4));
        assertThat(claimDue("worker-c", T0.plusSeconds(4))).containsExactly("a");
    }

    @Test
    default void anExpiredClaimOnTheFirstEventIsTakenOverWhileLaterOnesKeepWaiting() {
        store().record(about("s1", "a", T0), T0);
        store().record(about("s1", "b", T0.plusSeconds(1)), T0);
        store().claimDue("worker-a", T0, LEASE, 10);

        assertThat(claimDue("worker-b", T0.plus(LEASE))).containsExactly("a");
    }

    @Test
    default void anEarlierEventArrivingWhileALaterOneIsClaimedWaitsForItThenRuns() {
        store().record(about("s1", "later", T0.plusSeconds(5)), T0);
        StoredEvent later = store().claimDue("worker-a", T0, LEASE, 10).get(0);
        store().record(about("s1", "earlier", T0.plusSeconds(1)), T0.plusSeconds(6));

        assertThat(claimDue("worker-b", T0.plusSeconds(6))).isEmpty(); // never two of one subject at once
        store().complete(later, "worker-a", T0.plusSeconds(7));
        assertThat(claimDue("worker-b", T0.plusSeconds(7))).containsExactly("earlier"); // the documented limit
    }

    @Test
    default void subjectsOfDifferentProvidersAreDifferentSubjects() {
        StoredEvent zbd = about("s1", "a", T0);
        StoredEvent other = new StoredEvent("other", "b", zbd.name(), zbd.endpoint(), zbd.body(), zbd.headers(), T0,
                0, Set.of(), null, "s1", T0.plusSeconds(1));
        store().record(zbd, T0);
        store().record(other, T0);

        assertThat(claimDue("worker-a", T0)).containsExactlyInAnyOrder("a", "b");
    }
}
