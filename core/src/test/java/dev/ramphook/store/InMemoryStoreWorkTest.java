package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's work per delivery, counted, not timed: the map operations (each a hash-table walk) that an
 * inline delivery of a new event makes in record (with its claim, {@code recordSoon}) and complete. Every delivery
 * pays them under the store's single lock (two acquisitions per delivery: record, complete), so each one cut is cut
 * for every delivery and every waiting thread. The store's maps are swapped, by reflection, for maps that count
 * their calls; what they do is unchanged.
 */
class InMemoryStoreWorkTest {

    /** A {@link HashMap} that counts the calls a store makes on it; each is one walk of the table. */
    static final class CountingMap<K, V> extends HashMap<K, V> {
        int operations;

        @Override
        public V get(Object key) {
            operations++;
            return super.get(key);
        }

        @Override
        public V put(K key, V value) {
            operations++;
            return super.put(key, value);
        }

        @Override
        public V putIfAbsent(K key, V value) {
            operations++;
            return super.putIfAbsent(key, value);
        }

        @Override
        public V remove(Object key) {
            operations++;
            return super.remove(key);
        }

        @Override
        public boolean remove(Object key, Object value) {
            operations++;
            return super.remove(key, value);
        }

        @Override
        public boolean containsKey(Object key) {
            operations++;
            return super.containsKey(key);
        }
    }

    private final InMemoryEventStore store = (InMemoryEventStore) EventStore.inMemory(100);
    private final CountingMap<Object, Object> entries = counting("entries");
    private final CountingMap<Object, Object> subjects = counting("subjects");
    private final CountingMap<Object, Object> budgets = counting("budgets");

    @Test
    void anInlineDeliveryOfANewEventWalksFourHashTablesBesidesTheHandledKeys() {
        deliver("warm-up", "s-0"); // the endpoint's budget and its table of handled keys are made once
        int before = operations();

        for (int i = 1; i <= 100; i++) {
            deliver("k-" + i, "s-" + i);
        }

        // record: the event's entry put if absent (one walk: the look-up is the insert), its subject entered;
        // complete: the subject left, the entry removed. The endpoint's budget is the one of the previous record.
        // Until 2026-12-07: six (a look-up then a put of the entry, a look-up of the budget per record).
        assertThat((operations() - before) / 100.0).isEqualTo(4.0);
        assertThat(store.find("zbd", "k-100")).map(FoundEvent::state).contains(EventState.DONE);
    }

    @Test
    void aRedeliveryOfAHandledEventIsAnsweredDoneAndLeavesNothingBehind() {
        deliver("k-1", "s-1");

        assertThat(store.record(about("s-1", "k-1", T0), T0)).isEqualTo(Recorded.DONE);

        assertThat(entries).isEmpty();
        assertThat(subjects).isEmpty();
        assertThat(store.claimDue("w", T0, LEASE, 10)).isEmpty();
        assertThat(store.stats(T0).providers()).isEmpty();
    }

    private void deliver(String key, String subject) {
        StoredEvent[] claimed = new StoredEvent[1];
        store.recordSoon(about(subject, key, T0), T0, null, "a-i", T0.plus(LEASE), (c, r) -> claimed[0] = c);
        assertThat(claimed[0]).as("recorded claimed").isNotNull();
        store.complete(claimed[0], "a-i", T0);
    }

    private int operations() {
        return entries.operations + subjects.operations + budgets.operations;
    }

    @SuppressWarnings("unchecked")
    private <K, V> CountingMap<K, V> counting(String field) {
        try {
            Field f = InMemoryEventStore.class.getDeclaredField(field);
            f.setAccessible(true);
            CountingMap<K, V> map = new CountingMap<>();
            map.putAll((Map<K, V>) f.get(store));
            f.set(store, map);
            return map;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the store has no map " + field, e);
        }
    }
}
