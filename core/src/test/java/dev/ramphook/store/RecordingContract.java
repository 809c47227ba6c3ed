package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recording deduplicates on {@code (provider, key)} and reports what became of the recorded copy. */
interface RecordingContract extends StoreUnderTest {

    @Test
    default void aNewKeyIsRecordedAsNew() {
        assertThat(store().record(event("e1"), T0)).isEqualTo(Recorded.NEW);
    }

    @Test
    default void theSameKeyAgainIsAPendingDuplicate() {
        store().record(event("e1"), T0);

        assertThat(store().record(event("e1"), T0.plusSeconds(1))).isEqualTo(Recorded.PENDING);
    }

    @Test
    default void theSameKeyFromAnotherProviderIsAnotherEvent() {
        store().record(event("zbd", "e1"), T0);

        assertThat(store().record(event("mecash", "e1"), T0)).isEqualTo(Recorded.NEW);
    }

    @Test
    default void recordingSeveralAnswersEachAsRecordingItAloneWould() {
        store().record(event("old"), T0);

        assertThat(store().recordAll(List.of(event("a"), event("old"), event("a"), event("b")), T0.plusSeconds(1)))
                .containsExactly(Recorded.NEW, Recorded.PENDING, Recorded.PENDING, Recorded.NEW);
        assertThat(store().record(event("b"), T0.plusSeconds(2))).isEqualTo(Recorded.PENDING);
    }

    /** The trace context of the recording delivery comes back with the claim: a handler run links to it. */
    @Test
    default void theTraceContextOfTheRecordingDeliveryIsKeptWithTheEvent() {
        String traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        store().record(event("traced").withTraceParent(traceParent), T0);
        store().record(event("untraced"), T0);

        assertThat(store().claim("zbd", "traced", "worker-a", T0, LEASE)).get()
                .extracting(StoredEvent::traceParent).isEqualTo(traceParent);
        assertThat(store().claim("zbd", "untraced", "worker-a", T0, LEASE)).get()
                .extracting(StoredEvent::traceParent).isNull();
    }

    @Test
    default void aDuplicateOfAClaimedEventIsInProgress() {
        recordAndClaim("e1", "worker-a", T0);

        assertThat(store().record(event("e1"), T0.plusSeconds(1))).isEqualTo(Recorded.IN_PROGRESS);
    }

    @Test
    default void aDuplicateOfAClaimWhoseLeaseExpiredIsPending() {
        recordAndClaim("e1", "worker-a", T0);

        assertThat(store().record(event("e1"), T0.plus(LEASE).plusSeconds(1))).isEqualTo(Recorded.PENDING);
    }

    @Test
    default void aDuplicateOfACompletedEventIsDone() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        store().complete(claimed, "worker-a", T0.plusSeconds(1));

        assertThat(store().record(event("e1"), T0.plusSeconds(2))).isEqualTo(Recorded.DONE);
    }

    @Test
    default void aDuplicateOfADeadEventIsDead() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        store().fail(claimed, "worker-a", Set.of(), "boom", null, T0.plusSeconds(1));

        assertThat(store().record(event("e1"), T0.plusSeconds(2))).isEqualTo(Recorded.DEAD);
    }
}
