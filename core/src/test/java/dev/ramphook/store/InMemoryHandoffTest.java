package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store hands a new event off claimed ({@link EventStore#recordSoon(StoredEvent, java.time.Instant,
 * java.util.function.Consumer, String, java.time.Instant, java.util.function.BiConsumer)}): the receiver's inline
 * delivery records and claims its event under one lock, with no claim call after the record. The rule is the JDBC
 * store's: claimed only when new and alone in its subject; every other answer is handed over unclaimed.
 */
class InMemoryHandoffTest {

    private final EventStore store = EventStore.inMemory(4);
    private final List<Object[]> heard = new ArrayList<>();

    private CompletableFuture<Recorded> handOff(StoredEvent event, String owner) {
        return store.recordSoon(event, T0, null, owner, T0.plus(LEASE),
                (claimed, answer) -> heard.add(new Object[] {claimed, answer}));
    }

    @Test
    void aNewEventIsRecordedClaimedByTheOwnerAsItsFirstAttempt() throws Exception {
        CompletableFuture<Recorded> answer = handOff(event("k-1"), "a-r1");

        assertThat(answer).isNotNull().isCompletedWithValue(Recorded.NEW);
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h[1]).isEqualTo(Recorded.NEW);
            assertThat(((StoredEvent) h[0]).key()).isEqualTo("k-1");
            assertThat(((StoredEvent) h[0]).attempts()).isEqualTo(1);
        });
        StoredEvent claimed = (StoredEvent) heard.get(0)[0];
        // held under a live lease: nobody else takes it, not even a worker polling for due events
        assertThat(store.claim("zbd", "k-1", "b-r1", T0.plusSeconds(1), LEASE)).isEmpty();
        assertThat(store.claimDue("b-w1", T0.plusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(store.record(event("k-1"), T0.plusSeconds(1))).isEqualTo(Recorded.IN_PROGRESS);
        // only its owner completes it
        store.complete(claimed, "b-r1", T0.plusSeconds(2));
        assertThat(store.find("zbd", "k-1")).map(FoundEvent::state).contains(EventState.PENDING);
        store.complete(claimed, "a-r1", T0.plusSeconds(2));
        assertThat(store.find("zbd", "k-1")).map(FoundEvent::state).contains(EventState.DONE);
        assertThat(store.record(event("k-1"), T0.plusSeconds(3))).isEqualTo(Recorded.DONE);
    }

    @Test
    void itsLeaseRunsFromTheRecordAndLapsesLikeAnyClaim() {
        handOff(event("k-1"), "a-r1");

        assertThat(store.claimDue("b-w1", T0.plus(LEASE).plusSeconds(1), LEASE, 10))
                .extracting(StoredEvent::key, StoredEvent::attempts).containsExactly(org.assertj.core.groups.Tuple
                        .tuple("k-1", 2));
    }

    @Test
    void aNewEventBehindAnotherOfItsSubjectIsRecordedUnclaimed() throws Exception {
        assertThat(store.record(about("s-1", "first", T0), T0)).isEqualTo(Recorded.NEW);

        assertThat(handOff(about("s-1", "second", T0.plusSeconds(1)), "a-r1").get()).isEqualTo(Recorded.NEW);

        assertThat(heard).singleElement().satisfies(h -> assertThat(h).containsExactly(null, Recorded.NEW));
        assertThat(store.claimDue("b-w1", T0, LEASE, 10)).extracting(StoredEvent::key).containsExactly("first");
    }

    @Test
    void anEventAlreadyThereIsAnsweredAsARecordWouldBeAndNotClaimed() throws Exception {
        assertThat(store.record(event("pending"), T0)).isEqualTo(Recorded.NEW);
        assertThat(handOff(event("pending"), "a-r1").get()).isEqualTo(Recorded.PENDING);

        StoredEvent done = store.claim("zbd", "pending", "w", T0, LEASE).orElseThrow();
        store.complete(done, "w", T0);
        assertThat(handOff(event("pending"), "a-r2").get()).isEqualTo(Recorded.DONE);

        assertThat(heard).extracting(h -> h[0]).containsOnlyNulls();
        assertThat(heard).extracting(h -> h[1]).containsExactly(Recorded.PENDING, Recorded.DONE);
    }

    @Test
    void aRefusedRecordFailsTheAnswerAndHandsOverNothing() {
        for (int i = 0; i < 4; i++) {
            assertThat(store.record(event("k-" + i), T0)).isEqualTo(Recorded.NEW);
        }

        CompletableFuture<Recorded> answer = handOff(event("k-4"), "a-r1");

        assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThat(heard).singleElement().satisfies(h -> assertThat(h).containsExactly(null, null));
        assertThat(store.find("zbd", "k-4")).isEmpty();
    }

    /**
     * A claimed copy finds its entry without a look-up while that entry is here; once it is completed, the same key
     * recorded again is a new entry, and an old copy is held to it as any event is: by its owner.
     */
    @Test
    void aClaimedCopyCompletesOnlyWhatItsOwnerHoldsNowAndOnlyInItsOwnStore() {
        handOff(event("k-1"), "a-r1");
        StoredEvent first = (StoredEvent) heard.get(0)[0];
        store.complete(first, "a-r1", T0);
        store.prune(T0.plusSeconds(1)); // its key forgotten: the same key is a new event again
        handOff(event("k-1"), "b-r1");

        store.complete(first, "a-r1", T0.plusSeconds(2)); // the old copy: its entry is gone, b-r1 holds the new one
        assertThat(store.find("zbd", "k-1")).map(FoundEvent::state).contains(EventState.PENDING);
        store.release((StoredEvent) heard.get(1)[0], "b-r1");
        StoredEvent again = store.claim("zbd", "k-1", "a-r1", T0.plusSeconds(3), LEASE).orElseThrow();
        store.complete(first, "a-r1", T0.plusSeconds(3)); // its owner holds the new entry now: as a look-up found
        assertThat(store.find("zbd", "k-1")).map(FoundEvent::state).contains(EventState.DONE);
        assertThat(again.attempts()).isEqualTo(1);

        EventStore other = EventStore.inMemory();
        other.record(event("k-2"), T0);
        StoredEvent foreign = other.claim("zbd", "k-2", "a-r1", T0, LEASE).orElseThrow();
        store.record(event("k-2"), T0);
        store.claim("zbd", "k-2", "a-r1", T0, LEASE).orElseThrow();
        store.complete(foreign, "a-r1", T0); // another store's copy, same owner: this store's claim, by look-up
        assertThat(store.find("zbd", "k-2")).map(FoundEvent::state).contains(EventState.DONE);
        assertThat(other.find("zbd", "k-2")).map(FoundEvent::state).contains(EventState.PENDING);
    }

    @Test
    void anAnswerSharedBetweenRecordsCannotBeChanged() {
        CompletableFuture<Recorded> first = handOff(event("k-1"), "a-r1");
        CompletableFuture<Recorded> second = handOff(event("k-2"), "a-r2");

        assertThat(first.complete(Recorded.DONE)).isFalse();
        assertThat(first.completeExceptionally(new IllegalStateException())).isFalse();
        assertThat(first.cancel(true)).isFalse();
        assertThatThrownBy(() -> first.obtrudeValue(Recorded.DONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.obtrudeException(new IllegalStateException()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(first).isCompletedWithValue(Recorded.NEW);
        assertThat(second).isCompletedWithValue(Recorded.NEW);
    }
}
