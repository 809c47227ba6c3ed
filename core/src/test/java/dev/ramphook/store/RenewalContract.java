package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.store.EventStore.Claim;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live owner renews its claims, so they never expire while it works; a claim taken over or ended is not renewed,
 * so a stale owner can never extend (or keep) what it lost.
 */
interface RenewalContract extends StoreUnderTest {

    @Test
    default void aRenewedClaimOutlivesItsFirstLeaseAndExpiresOneLeaseAfterTheLastRenewal() {
        recordAndClaim("e1", "worker-a", T0);
        Instant renewedAt = T0.plus(LEASE).minusSeconds(1);

        assertThat(store().renew(List.of(new Claim("zbd", "e1", "worker-a")), renewedAt, LEASE)).isEqualTo(1);

        assertThat(store().claim("zbd", "e1", "worker-b", T0.plus(LEASE).plusSeconds(1), LEASE)).isEmpty();
        assertThat(store().claimDue("worker-b", renewedAt.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(store().claimDue("worker-b", renewedAt.plus(LEASE), LEASE, 10))
                .extracting(StoredEvent::key).containsExactly("e1");
    }

    @Test
    default void aClaimTakenOverIsNotRenewedByTheOwnerThatLostIt() {
        recordAndClaim("e1", "worker-a", T0);
        Instant takenOver = T0.plus(LEASE);
        store().claim("zbd", "e1", "worker-b", takenOver, LEASE).orElseThrow();

        assertThat(store().renew(List.of(new Claim("zbd", "e1", "worker-a")), takenOver.plusSeconds(10), LEASE))
                .isZero();

        // worker-b's lease runs out at its own time: worker-a's renewal did not extend it.
        assertThat(store().claim("zbd", "e1", "worker-c", takenOver.plus(LEASE), LEASE)).isPresent();
    }

    @Test
    default void anEndedClaimIsNotRenewed() {
        StoredEvent done = recordAndClaim("e1", "worker-a", T0);
        store().complete(done, "worker-a", T0.plusSeconds(1));
        StoredEvent released = recordAndClaim("e2", "worker-a", T0);
        store().release(released, "worker-a");

        assertThat(store().renew(List.of(new Claim("zbd", "e1", "worker-a"), new Claim("zbd", "e2", "worker-a")),
                T0.plusSeconds(2), LEASE)).isZero();
        assertThat(store().record(event("e1"), T0.plusSeconds(3))).isEqualTo(Recorded.DONE);
        assertThat(store().record(event("e2"), T0.plusSeconds(3))).isEqualTo(Recorded.PENDING);
    }

    @Test
    default void oneCallRenewsEveryListedClaimOfSeveralOwnersAndOnlyThose() {
        recordAndClaim("e1", "worker-a", T0);
        recordAndClaim("e2", "worker-a", T0);
        recordAndClaim("e3", "worker-b", T0);
        recordAndClaim("e4", "worker-b", T0);

        int renewed = store().renew(List.of(new Claim("zbd", "e1", "worker-a"), new Claim("zbd", "e2", "worker-a"),
                new Claim("zbd", "e3", "worker-b"), new Claim("zbd", "e4", "worker-a"),
                new Claim("zbd", "unknown", "worker-a"), new Claim("other", "e1", "worker-a")),
                T0.plusSeconds(60), LEASE);

        assertThat(renewed).isEqualTo(3);
        assertThat(store().claimDue("worker-c", T0.plus(LEASE), LEASE, 10))
                .extracting(StoredEvent::key).containsExactly("e4");
    }

    @Test
    default void renewingNothingIsANoOp() {
        assertThat(store().renew(List.of(), T0, LEASE)).isZero();
    }
}
