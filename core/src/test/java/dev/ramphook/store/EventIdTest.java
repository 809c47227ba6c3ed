package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The in-memory store's event id carries the store's keyed hash of (provider, key), which is both its map hash and
 * its handled key: equality still rests on the strings, so two events whose hashes met would stay two events.
 */
class EventIdTest {

    private static final KeyHash HASH = KeyHash.random();

    @Test
    void itsWordsAreTheStoresHandledKeyHash() {
        EventId id = new EventId(HASH, "mecash", "payout-1:ramp.payout.completed");

        assertThat(new long[] {id.first, id.second}).containsExactly(HASH.hash("mecash", "payout-1:ramp.payout.completed"));
        assertThat(id).isEqualTo(new EventId(HASH, "mecash", new String("payout-1:ramp.payout.completed")))
                .hasSameHashCodeAs(new EventId(HASH, "mecash", "payout-1:ramp.payout.completed"));
    }

    @Test
    void idsWithTheSameHashButOtherStringsAreNotEqual() {
        EventId one = new EventId("zbd", "k-1", 42, 43);

        assertThat(one).isNotEqualTo(new EventId("zbd", "k-2", 42, 43))
                .isNotEqualTo(new EventId("mecash", "k-1", 42, 43))
                .isNotEqualTo(new EventId("zbd", "k-1", 42, 44))
                .isEqualTo(new EventId("zbd", "k-1", 42, 43));
    }

    @Test
    void itsTextNamesTheProviderNeverTheKey() {
        assertThat(new EventId(HASH, "zbd", "secret-looking-key")).hasToString("EventId[zbd]");
    }
}
