package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A claim hands an event to one owner for a lease; an expired lease is taken over, and the owner it was taken from
 * can no longer change the event.
 */
interface ClaimingContract extends StoreUnderTest {

    @Test
    default void aClaimReturnsTheRecordedEventWithItsAttemptCounted() {
        StoredEvent recorded = event("e1");
        store().record(recorded, T0);

        StoredEvent claimed = store().claim("zbd", "e1", "worker-a", T0, LEASE).orElseThrow();

        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.body()).isEqualTo(recorded.body());
        assertThat(claimed.headers()).isEqualTo(recorded.headers());
        assertThat(claimed).extracting(StoredEvent::provider, StoredEvent::key, StoredEvent::name,
                        StoredEvent::endpoint, StoredEvent::receivedAt, StoredEvent::completedHandlers)
                .containsExactly("zbd", "e1", recorded.name(), "/webhooks/zbd", T0, Set.of());
    }

    @Test
    default void noArrayOfACallerIsTheStoredBody() {
        byte[] body = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
        store().record(new StoredEvent("zbd", "e1", "PAID", "/webhooks/zbd", body, Map.of(), T0, 0, Set.of(), null),
                T0);
        Arrays.fill(body, (byte) 'X');
        StoredEvent claimed = store().claim("zbd", "e1", "worker-a", T0, LEASE).orElseThrow();
        Arrays.fill(claimed.body(), (byte) 'Y');
        store().release(claimed, "worker-a");

        StoredEvent again = store().claim("zbd", "e1", "worker-b", T0, LEASE).orElseThrow();

        assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"e1\"}");
    }

    @Test
    default void anUnknownKeyCannotBeClaimed() {
        assertThat(store().claim("zbd", "nope", "worker-a", T0, LEASE)).isEmpty();
    }

    @Test
    default void aClaimedEventCannotBeClaimedAgainWhileTheLeaseLasts() {
        recordAndClaim("e1", "worker-a", T0);

        assertThat(store().claim("zbd", "e1", "worker-b", T0.plus(LEASE).minusSeconds(1), LEASE)).isEmpty();
        assertThat(store().claimDue("worker-b", T0.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
    }

    @Test
    default void anExpiredLeaseIsTakenOverAndCountsAnotherAttempt() {
        recordAndClaim("e1", "worker-a", T0);

        StoredEvent taken = store().claim("zbd", "e1", "worker-b", T0.plus(LEASE), LEASE).orElseThrow();

        assertThat(taken.attempts()).isEqualTo(2);
    }

    @Test
    default void claimDueTakesOverExpiredLeases() {
        recordAndClaim("e1", "worker-a", T0);

        assertThat(store().claimDue("worker-b", T0.plus(LEASE), LEASE, 10))
                .extracting(StoredEvent::key).containsExactly("e1");
    }

    @Test
    default void claimDueReturnsDueEventsOldestFirstUpToMax() {
        for (String key : List.of("e1", "e2", "e3", "e4")) {
            store().record(event(key), T0);
        }

        assertThat(store().claimDue("worker-a", T0, LEASE, 3))
                .extracting(StoredEvent::key, StoredEvent::attempts)
                .containsExactly(tuple("e1", 1), tuple("e2", 1), tuple("e3", 1));
        assertThat(store().claimDue("worker-b", T0, LEASE, 3)).extracting(StoredEvent::key).containsExactly("e4");
    }

    @Test
    default void aClaimIgnoresTheRetryTimeBecauseTheCallerWantsToHandleItNow() {
        StoredEvent first = recordAndClaim("e1", "worker-a", T0);
        store().fail(first, "worker-a", Set.of(), "boom", T0.plusSeconds(60), T0);

        assertThat(store().claim("zbd", "e1", "worker-b", T0.plusSeconds(1), LEASE)).isPresent();
    }

    @Test
    default void aStaleOwnerCannotCompleteAnEventTakenOverFromIt() {
        StoredEvent stale = recordAndClaim("e1", "worker-a", T0);
        store().claim("zbd", "e1", "worker-b", T0.plus(LEASE), LEASE).orElseThrow();

        store().complete(stale, "worker-a", T0.plus(LEASE).plusSeconds(1));

        assertThat(store().record(event("e1"), T0.plus(LEASE).plusSeconds(2))).isEqualTo(Recorded.IN_PROGRESS);
    }

    @Test
    default void aStaleOwnerCannotDeadLetterAnEventTakenOverFromIt() {
        StoredEvent stale = recordAndClaim("e1", "worker-a", T0);
        StoredEvent current = store().claim("zbd", "e1", "worker-b", T0.plus(LEASE), LEASE).orElseThrow();

        store().fail(stale, "worker-a", Set.of(), "late failure", null, T0.plus(LEASE).plusSeconds(1));
        store().complete(current, "worker-b", T0.plus(LEASE).plusSeconds(2));

        assertThat(store().deadLetters(10)).isEmpty();
        assertThat(store().record(event("e1"), T0.plus(LEASE).plusSeconds(3))).isEqualTo(Recorded.DONE);
    }

    @Test
    default void aStaleOwnerCannotReleaseAnEventTakenOverFromIt() {
        StoredEvent stale = recordAndClaim("e1", "worker-a", T0);
        store().claim("zbd", "e1", "worker-b", T0.plus(LEASE), LEASE).orElseThrow();

        store().release(stale, "worker-a");

        assertThat(store().claim("zbd", "e1", "worker-c", T0.plus(LEASE).plusSeconds(1), LEASE)).isEmpty();
    }
}
