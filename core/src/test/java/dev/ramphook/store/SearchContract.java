package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator queries ({@link EventStore#search}, {@link EventStore#find}) that the console uses. Optional beside
 * {@link EventStoreContract}: a store written before they existed keeps the core contract without them.
 */
public interface SearchContract extends StoreUnderTest {

    private static EventQuery query(String provider, String name, EventState state, int offset, int limit) {
        return new EventQuery(provider, name, null, state, null, null, offset, limit);
    }

    private StoredEvent dead(String key) {
        StoredEvent claimed = recordAndClaim(key, "worker", T0);
        store().fail(claimed, "worker", Set.of("Ledger#post"), "ledger down", null, T0);
        return claimed;
    }

    @Test
    default void searchReturnsMatchingEventsNewestFirst() {
        store().record(event("zbd", "old", T0), T0);
        store().record(event("zbd", "new", T0.plusSeconds(60)), T0.plusSeconds(60));
        store().record(event("mecash", "other", T0.plusSeconds(30)), T0.plusSeconds(30));

        assertThat(store().search(query("zbd", null, null, 0, 10))).extracting(FoundEvent::key)
                .containsExactly("new", "old");
        assertThat(store().search(EventQuery.all(10))).extracting(FoundEvent::key)
                .containsExactly("new", "other", "old");
        assertThat(store().search(query(null, "NO.SUCH.NAME", null, 0, 10))).isEmpty();
    }

    @Test
    default void searchFiltersByStateKeyAndReceiveTime() {
        dead("broken");
        store().record(event("zbd", "waiting", T0.plusSeconds(120)), T0.plusSeconds(120));

        assertThat(store().search(query(null, null, EventState.DEAD, 0, 10))).singleElement()
                .satisfies(f -> assertThat(f.key()).isEqualTo("broken"))
                .satisfies(f -> assertThat(f.state()).isEqualTo(EventState.DEAD));
        assertThat(store().search(query(null, null, EventState.PENDING, 0, 10))).extracting(FoundEvent::key)
                .containsExactly("waiting");
        assertThat(store().search(new EventQuery(null, null, "waiting", null, null, null, 0, 10)))
                .extracting(FoundEvent::key).containsExactly("waiting");
        assertThat(store().search(new EventQuery(null, null, null, null, T0.plusSeconds(60), null, 0, 10)))
                .extracting(FoundEvent::key).containsExactly("waiting");
        assertThat(store().search(new EventQuery(null, null, null, null, T0, T0.plusSeconds(60), 0, 10)))
                .extracting(FoundEvent::key).containsExactly("broken");
    }

    @Test
    default void searchPagesWithOffsetAndLimit() {
        for (int i = 0; i < 5; i++) {
            store().record(event("zbd", "e" + i, T0.plusSeconds(i)), T0.plusSeconds(i));
        }

        assertThat(store().search(query("zbd", null, null, 0, 2))).extracting(FoundEvent::key)
                .containsExactly("e4", "e3");
        assertThat(store().search(query("zbd", null, null, 2, 2))).extracting(FoundEvent::key)
                .containsExactly("e2", "e1");
        assertThat(store().search(query("zbd", null, null, 4, 2))).extracting(FoundEvent::key)
                .containsExactly("e0");
    }

    @Test
    default void findShowsADeadLetterWithEverythingAnOperatorNeeds() {
        dead("broken");

        FoundEvent found = store().find("zbd", "broken").orElseThrow();

        assertThat(found.state()).isEqualTo(EventState.DEAD);
        StoredEvent e = found.event();
        assertThat(new String(e.body(), StandardCharsets.UTF_8)).contains("\"id\":\"broken\"");
        assertThat(e.headers()).containsEntry("X-Trace", List.of("a", "b"));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.completedHandlers()).containsExactly("Ledger#post");
        assertThat(e.lastError()).isEqualTo("ledger down");
        assertThat(e.name()).isEqualTo("RAMP_WIDGET.V1.PAYMENT.SETTLED");
    }

    @Test
    default void findTellsPendingFromDoneAndUnknown() {
        store().record(event("waiting"), T0);
        StoredEvent claimed = recordAndClaim("handled", "worker", T0);
        store().complete(claimed, "worker", T0.plusSeconds(1));

        assertThat(store().find("zbd", "waiting").orElseThrow().state()).isEqualTo(EventState.PENDING);
        assertThat(store().find("zbd", "waiting").orElseThrow().nextAttemptAt()).isNotNull();
        assertThat(store().find("zbd", "handled").orElseThrow().state()).isEqualTo(EventState.DONE);
        assertThat(store().find("zbd", "never-sent")).isEmpty();
        assertThat(store().find("mecash", "handled")).isEmpty();
    }

    @Test
    default void aReplayedDeadLetterIsPendingAgain() {
        dead("broken");

        store().replay("zbd", "broken", T0.plusSeconds(10));

        assertThat(store().find("zbd", "broken").orElseThrow().state()).isEqualTo(EventState.PENDING);
        assertThat(store().search(query(null, null, EventState.DEAD, 0, 10))).isEmpty();
        assertThat(store().search(query(null, null, null, 0, 10))).extracting(FoundEvent::key)
                .containsExactly("broken");
    }

    @Test
    default void searchByShortNameMatchesTheFullNameAtADotOnly() {
        store().record(event("zbd", "settled", T0), T0);

        assertThat(store().search(query(null, "PAYMENT.SETTLED", null, 0, 10))).extracting(FoundEvent::key)
                .containsExactly("settled");
        assertThat(store().search(query(null, "RAMP_WIDGET.V1.PAYMENT.SETTLED", null, 0, 10)))
                .extracting(FoundEvent::key).containsExactly("settled");
        assertThat(store().search(query(null, "MENT.SETTLED", null, 0, 10))).isEmpty();
        assertThat(store().search(query(null, "PAYMENT", null, 0, 10))).isEmpty();
    }

    @Test
    default void searchByPartOfAKeyOrBySubjectOrSessionId() {
        store().record(StoreTestEvents.about("session-7f3a9c", "RAMP_WIDGET.V1.PAYMENT.SETTLED:evt_1", null), T0);
        store().record(event("zbd", "RAMP_WIDGET.V1.PAYMENT.FAILED:evt_22", T0.plusSeconds(1)), T0.plusSeconds(1));

        assertThat(store().search(text("evt_2"))).extracting(FoundEvent::key)
                .containsExactly("RAMP_WIDGET.V1.PAYMENT.FAILED:evt_22");
        assertThat(store().search(text("evt_"))).hasSize(2);
        assertThat(store().search(text("session-7f3a9c"))).extracting(FoundEvent::key)
                .containsExactly("RAMP_WIDGET.V1.PAYMENT.SETTLED:evt_1");
        assertThat(store().search(text("7f3a"))).hasSize(1);
        assertThat(store().search(text("%"))).isEmpty(); // a search text, never a pattern
        assertThat(store().search(text("nothing-like-it"))).isEmpty();
    }

    private static EventQuery text(String text) {
        return new EventQuery(null, null, null, text, null, null, null, 0, 10);
    }
}
