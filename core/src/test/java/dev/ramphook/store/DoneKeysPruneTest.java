package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pruning the handled keys runs under the in-memory store's lock, so every delivery to the store waits for it: it
 * deletes in place (no new table, no rehash of the kept keys), and every kept key stays findable, however the
 * deleted ones sat in its probe chain (issue 21: a prune that rebuilt the table held deliveries for tens of ms).
 */
class DoneKeysPruneTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final KeyHash HASH = KeyHash.random();

    @Test
    void pruningDeletesInPlaceWithoutAllocatingANewTable() {
        DoneKeys keys = new DoneKeys();
        for (int i = 0; i < 100_000; i++) {
            keys.add(hash(i), T0.plusSeconds(i % 2 == 0 ? 0 : 10));
        }
        long slots = keys.bytes();
        keys.pruneBefore(T0.plusSeconds(1)); // warm: the first call may load classes

        for (int i = 100_000; i < 200_000; i++) {
            keys.add(hash(i), T0.plusSeconds(i % 2 == 0 ? 0 : 10));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int removed = keys.pruneBefore(T0.plusSeconds(1));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(removed).isEqualTo(50_000);
        assertThat(keys.size()).isEqualTo(100_000);
        // A rebuilt table for 100,000 keys is 262,144 slots of 24 bytes: 6 MB. In place: nothing but noise.
        assertThat(allocated).isLessThan(64 * 1024);
        assertThat(keys.bytes()).isEqualTo(slots * 2);
    }

    @Test
    void everyKeptKeyStaysFindableAfterDeletionsInsideItsProbeChain() {
        SplittableRandom random = new SplittableRandom(21);
        for (int round = 0; round < 50; round++) {
            DoneKeys keys = new DoneKeys();
            List<long[]> kept = new ArrayList<>();
            List<long[]> dropped = new ArrayList<>();
            // 500 keys in a 1,024-slot table, homes crowded into a few slots around the wrap-around point so that
            // chains are long, cross the table's end, and mix old and new keys.
            for (int i = 0; i < 500; i++) {
                int home = (1024 - 8 + random.nextInt(16)) & 1023;
                long[] h = {((long) random.nextInt() << 10) | home, random.nextLong() | 1};
                boolean old = random.nextBoolean();
                keys.add(h, T0.plusSeconds(old ? 0 : 10));
                (old ? dropped : kept).add(h);
            }

            assertThat(keys.pruneBefore(T0.plusSeconds(5))).isEqualTo(dropped.size());

            assertThat(keys.size()).isEqualTo(kept.size());
            assertThat(kept).allMatch(keys::contains);
            assertThat(dropped).noneMatch(keys::contains);
            keys.add(dropped.get(0), T0.plusSeconds(10)); // and the table still takes keys
            assertThat(keys.contains(dropped.get(0))).isTrue();
            assertThat(kept).allMatch(keys::contains);
        }
    }

    @Test
    void aTableFarLargerThanWhatIsKeptShrinksWhenPruned() {
        DoneKeys keys = new DoneKeys();
        for (int i = 0; i < 100_000; i++) {
            keys.add(hash(i), T0.plusSeconds(i < 99_000 ? 0 : 10));
        }

        keys.pruneBefore(T0.plusSeconds(1));

        assertThat(keys.size()).isEqualTo(1_000);
        assertThat(keys.bytes()).isEqualTo(2048L * DoneKeys.BYTES_PER_SLOT);
        assertThat(keys.contains(hash(99_500))).isTrue();
        assertThat(keys.contains(hash(5))).isFalse();
    }

    @Test
    void aKeyAddedAgainIsKeptOnceWithItsFirstSecondAndTheTableGrowsOnlyForANewKey() {
        DoneKeys keys = new DoneKeys();
        for (int i = 0; i < 512; i++) { // half of the first 1,024 slots: the next new key grows the table
            keys.add(hash(i), T0);
        }
        long before = keys.bytes();

        keys.add(hash(7), T0.plusSeconds(5));
        assertThat(keys.size()).isEqualTo(512);
        assertThat(keys.bytes()).isEqualTo(before);

        keys.add(hash(512), T0);
        assertThat(keys.size()).isEqualTo(513);
        assertThat(keys.bytes()).isEqualTo(2 * before);
        for (int i = 0; i <= 512; i++) {
            assertThat(keys.contains(hash(i))).as("key %d", i).isTrue();
        }
        assertThat(keys.pruneBefore(T0.plusSeconds(1))).isEqualTo(513); // key 7 kept T0, not T0 + 5 s
    }

    /**
     * Many rounds of adds and prunes against a plain map of what must be kept: a crowded table (homes in a few slots
     * around the wrap-around point), keys of many seconds, the epoch's own second and seconds before it, prunes
     * that delete nothing, some, or all, and the table growing and shrinking between them.
     */
    @Test
    void addsAndPrunesKeepExactlyTheKeysOfTheirRetention() {
        SplittableRandom random = new SplittableRandom(2112);
        DoneKeys keys = new DoneKeys();
        java.util.Map<java.util.List<Long>, Long> model = new java.util.HashMap<>();
        for (int round = 0; round < 200; round++) {
            int adds = random.nextInt(round % 20 == 0 ? 3_000 : 300);
            for (int i = 0; i < adds; i++) {
                int home = random.nextInt(4) == 0 ? (1024 - 4 + random.nextInt(8)) & 1023 : random.nextInt();
                long[] h = {((long) random.nextInt() << 10) | (home & 1023), random.nextLong() | 1};
                long second = random.nextInt(40) - 5; // -5 .. 34: before the epoch, the epoch, after it
                keys.add(h, Instant.ofEpochSecond(second));
                model.putIfAbsent(java.util.List.of(h[0], h[1]), second);
            }
            long cutoff = random.nextInt(10) == 0 ? Long.MAX_VALUE : random.nextInt(42) - 6;
            Instant at = cutoff == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochSecond(cutoff);
            long expected = model.values().stream().filter(s -> s < at.getEpochSecond()).count();
            model.values().removeIf(s -> s < at.getEpochSecond());

            assertThat(keys.pruneBefore(at)).as("round %d", round).isEqualTo((int) expected);
            assertThat(keys.size()).isEqualTo(model.size());
            for (java.util.List<Long> h : model.keySet()) {
                assertThat(keys.contains(new long[] {h.get(0), h.get(1)})).as("round %d", round).isTrue();
            }
        }
        assertThat(keys.pruneBefore(Instant.MAX)).isEqualTo(model.size());
        assertThat(keys.size()).isZero();
        assertThat(keys.pruneBefore(Instant.MAX)).isZero(); // an empty slot is never a key to prune
    }

    /**
     * A table whose keys all share one tag (the same top bits) and crowd a few homes: every look-up reads hashes,
     * also of keys added a moment ago whose hashes and seconds still wait to be written; each step checked against a
     * plain map (the keys just added are found, a key never added is not, one added again is not counted twice), and
     * each key's second is the one it was added with (a prune deletes exactly the model's).
     */
    @Test
    void keysSharingATagAreFoundAtOnceAndKeepTheirSeconds() {
        SplittableRandom random = new SplittableRandom(1607);
        DoneKeys keys = new DoneKeys();
        java.util.Map<java.util.List<Long>, Long> model = new java.util.HashMap<>();
        java.util.List<long[]> added = new java.util.ArrayList<>();
        long tag = 0x5BL << 57;
        for (int step = 0; step < 6_000; step++) {
            int home = random.nextInt(3) == 0 ? random.nextInt(8) : random.nextInt();
            long[] h = {tag | ((long) random.nextInt(1 << 20) << 10) | (home & 1023), random.nextLong() | 1};
            long second = random.nextInt(20);
            boolean again = !added.isEmpty() && random.nextInt(5) == 0;
            if (again) {
                h = added.get(added.size() - 1 - random.nextInt(Math.min(added.size(), 20)));
            }
            keys.add(h, Instant.ofEpochSecond(second));
            if (model.putIfAbsent(java.util.List.of(h[0], h[1]), second) == null) {
                added.add(h);
            }

            assertThat(keys.contains(h)).as("step %d", step).isTrue();
            assertThat(keys.contains(new long[] {h[0], h[1] ^ 2})).as("step %d", step).isFalse();
            assertThat(keys.size()).as("step %d", step).isEqualTo(model.size());
            if (step % 1_000 == 999) {
                long cutoff = random.nextInt(20);
                long expected = model.values().stream().filter(s -> s < cutoff).count();
                model.values().removeIf(s -> s < cutoff);
                added.removeIf(k -> !model.containsKey(java.util.List.of(k[0], k[1])));
                assertThat(keys.pruneBefore(Instant.ofEpochSecond(cutoff))).as("step %d", step)
                        .isEqualTo((int) expected);
                for (long[] k : added) {
                    assertThat(keys.contains(k)).isTrue();
                }
            }
        }
    }

    /**
     * The table knows its oldest key's second: a prune with no key old enough (every hour of a process's first
     * retention) sweeps nothing, under the store's lock that every delivery waits on; one that deletes learns the
     * oldest kept key again.
     */
    @Test
    void aPruneWithNoKeyOldEnoughDoesNotSweepTheTable() {
        DoneKeys keys = new DoneKeys();
        assertThat(keys.pruneBefore(Instant.MAX)).isZero();
        for (int i = 0; i < 3_000; i++) {
            keys.add(hash(i), Instant.ofEpochSecond(100 + i % 10));
        }

        assertThat(keys.pruneBefore(Instant.ofEpochSecond(100))).isZero();
        assertThat(keys.pruneBefore(Instant.ofEpochSecond(50))).isZero();
        assertThat(keys.sweeps()).isZero();
        assertThat(keys.pruneBefore(Instant.ofEpochSecond(103))).isEqualTo(900);
        assertThat(keys.sweeps()).isEqualTo(1);
        assertThat(keys.pruneBefore(Instant.ofEpochSecond(103))).isZero();
        assertThat(keys.sweeps()).isEqualTo(1); // the oldest kept key is of second 103
        assertThat(keys.pruneBefore(Instant.ofEpochSecond(104))).isEqualTo(300);
        assertThat(keys.sweeps()).isEqualTo(2);
        keys.add(hash(5_000), Instant.ofEpochSecond(1)); // an older key than any: the next prune sweeps again
        assertThat(keys.pruneBefore(Instant.ofEpochSecond(2))).isEqualTo(1);
        assertThat(keys.size()).isEqualTo(1_800);
        for (int i = 0; i < 3_000; i++) {
            assertThat(keys.contains(hash(i))).isEqualTo(100 + i % 10 >= 104);
        }
    }

    private static long[] hash(int i) {
        return HASH.hash("zbd", "key-" + i);
    }
}
