package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inline path's claim bookkeeping: a claim kept is dropped by the very entry kept (one map operation), and still
 * dropped when a renewal or a completion replaced that entry meanwhile; a hand-off, whose owner id all hand-offs
 * share, is never taken for a claim already held here, even one under that same owner id.
 */
class ClaimKeepTest {

    private final EngineConfig config = new EngineConfig(List.of(), List.of(), List.of(), EventStore.inMemory(),
            false, 1, 3, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(1),
            Duration.ofDays(1), Duration.ofSeconds(5), Clock.systemUTC(), 1 << 20, Duration.ofSeconds(30),
            Duration.ofSeconds(10), null, Duration.ofDays(1), Duration.ofSeconds(4), 1L << 24, List.of());
    private final ClaimKeeper claims = new ClaimKeeper(config);

    @AfterEach
    void stop() {
        claims.stop();
    }

    private static StoredEvent event(String key) {
        return StoredEvent.received("shop", key, "SHOP.V1.ORDER.PAID", "/hooks/shop",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.parse("2026-12-06T21:00:00Z"), null, null);
    }

    @Test
    void aKeptClaimIsDroppedEvenAfterItsEntryWasReplaced() {
        StoredEvent e = event("o-1");
        ClaimKeeper.EventRef ref = ClaimKeeper.EventRef.of(e);
        ClaimKeeper.Held kept = claims.keep(ref, e, "p-r1");
        claims.completing(e, "p-r1"); // replaces the entry, as a renewal does

        claims.drop(ref, kept);

        assertThat(claims.holds(ref)).isFalse();
        assertThat(claims.size()).isZero();
    }

    @Test
    void aDropLeavesAnotherOwnersClaimAlone() {
        StoredEvent e = event("o-1");
        ClaimKeeper.EventRef ref = ClaimKeeper.EventRef.of(e);
        ClaimKeeper.Held mine = new ClaimKeeper.Held(e, "p-r1", null, false);
        assertThat(claims.keep(ref, e, "p-r2")).isNotNull();

        claims.drop(ref, mine);

        assertThat(claims.holds(ref)).isTrue();
    }

    @Test
    void aHandOffIsNotKeptWhileAnythingHereHoldsTheEventEvenUnderItsOwnerId() {
        StoredEvent e = event("o-1");
        ClaimKeeper.EventRef ref = ClaimKeeper.EventRef.of(e);
        ClaimKeeper.Held first = claims.keepHandedOff(ref, e, "p-i");

        assertThat(first).isNotNull();
        assertThat(claims.keepHandedOff(ref, e, "p-i")).isNull();
        assertThat(claims.keep(ref, e, "p-r1")).isNull();
        claims.drop(ref, first);
        assertThat(claims.keepHandedOff(ref, e, "p-i")).isNotNull();
    }

    @Test
    void aReferenceEqualsAnotherOfTheSameProviderAndKeyOnly() {
        ClaimKeeper.EventRef ref = new ClaimKeeper.EventRef("shop", "order-0123456789-abcdef");

        assertThat(ref).isEqualTo(new ClaimKeeper.EventRef("shop", new String("order-0123456789-abcdef")))
                .hasSameHashCodeAs(new ClaimKeeper.EventRef("shop", "order-0123456789-abcdef"));
        assertThat(ref).isNotEqualTo(new ClaimKeeper.EventRef("shop", "order-0123456789-abcdeg"))
                .isNotEqualTo(new ClaimKeeper.EventRef("shop", "order-0123456789-abcde"))
                .isNotEqualTo(new ClaimKeeper.EventRef("shoq", "order-0123456789-abcdef"));
        assertThat(ref.toString()).doesNotContain("order");
    }

    @Test
    void aReferencesHashReadsEveryCharacterOfTheKey() {
        String key = "order-0123456789-abcdef";
        int hash = ClaimKeeper.EventRef.hash(key);
        for (int i = 0; i < key.length(); i++) {
            String changed = key.substring(0, i) + (char) (key.charAt(i) + 1) + key.substring(i + 1);
            assertThat(ClaimKeeper.EventRef.hash(changed)).as("character %d changed", i).isNotEqualTo(hash);
        }
        assertThat(ClaimKeeper.EventRef.hash(key + "x")).isNotEqualTo(hash);
    }
}
