package dev.ramphook.store;

import java.time.Instant;
import java.util.Arrays;

/**
 * The keys of handled events, for deduplication only: a 128-bit hash of {@code (provider, key)} ({@link KeyHash},
 * keyed per store) and the second the event was received, in an open-addressing table of two {@code long} arrays
 * (the hash's two halves side by side, and the seconds), and a byte per slot that tells a look-up which slots to
 * read ({@link #tags}). 25 bytes per slot, at most half the slots used, so 50 to 100 bytes per key, whatever the
 * key's length; no body, no per-entry object.
 *
 * <p>128 bits, not 64: a 64-bit hash could be made to collide with about 2<sup>32</sup> tries, and a collision
 * would make a new event look handled; keyed, so that a sender cannot compute a hash at all. Not thread-safe:
 * {@link InMemoryEventStore} holds its lock.
 */
final class DoneKeys {

    /** Bytes of memory per slot: three longs (two of the hash, one of the second) and a tag. */
    static final int BYTES_PER_SLOT = 25;
    private static final int MIN_SLOTS = 1024;
    /**
     * An empty slot's second: later than any key's ({@link Instant#MAX} is about 3.2e16 s), so that a prune finds
     * the keys to delete by reading the seconds alone, in order, never the hashes of a slot it keeps or that is empty.
     */
    private static final long EMPTY = Long.MAX_VALUE;

    /** Hashes the keys given as text; the store hashes with the same {@link KeyHash} and passes the hashes. */
    private final KeyHash hasher;
    /**
     * Slot {@code i}'s hash, high half at {@code 2i} and low half at {@code 2i + 1}: one cache line per probe where
     * two arrays took two (a probe reads both halves, and a look-up in a table of many keys misses the cache).
     */
    private long[] hashes;
    /** Slot {@code i}'s second, {@link #EMPTY} when the slot is: a slot is used when its hash is not (0, 0). */
    private long[] receivedSecond;
    /**
     * Slot {@code i}'s tag: 0 when it is empty, else seven bits of its hash (the high half's top bits, which the home
     * slot does not use) with the eighth set. A look-up walks this array and reads a slot's hash only when its tag
     * matches (one slot in 128 of the others): a table of handled keys is 16 times larger than its tags (for the
     * benchmark's 12,500 keys, 768 KB against 32 KB), is mostly out of the cache when a delivery probes it, and every
     * new event's probe (a miss, read to its chain's end) was about 80 ns of a ZBD delivery, 5% of its samples.
     */
    private byte[] tags;
    private int size;
    /**
     * No key is older than this second ({@link #EMPTY} while the table is empty): a prune whose cutoff is not later
     * deletes nothing and sweeps nothing. The receiver prunes every hour (a tenth of the retention, at most an hour),
     * and through a process's first retention (7 days by default) no key is ever old enough: each of those prunes
     * read the whole array of seconds under the store's lock (16 MiB at the default bound), every delivery waiting.
     */
    private long oldest = EMPTY;
    /** Sweeps of the table made by prunes, for tests. */
    private int sweeps;
    /**
     * Keys added whose slots hold their tags but not yet their hashes and seconds: written {@link #DEFERRED} at a
     * time ({@link #flush}). A key's slot is random, so its hash and second land in lines of the large arrays that are
     * rarely in the cache; written one per add, each write missed and the store's lock release right after it (a
     * fence) waited out the miss, about as long as the look-up's read miss that the tags removed. Written together,
     * the misses overlap. A look-up that matches a tag, and every prune and rehash, writes them first.
     */
    private static final int DEFERRED = 16;
    private final int[] deferredSlots = new int[DEFERRED];
    private final long[] deferredHashes = new long[2 * DEFERRED];
    private final long[] deferredSeconds = new long[DEFERRED];
    private int deferred;

    DoneKeys() {
        this(KeyHash.random());
    }

    DoneKeys(KeyHash hasher) {
        this.hasher = hasher;
        allocate(MIN_SLOTS);
    }

    int size() {
        return size;
    }

    /** How many prunes swept the table (the others had no key old enough to delete). */
    int sweeps() {
        return sweeps;
    }

    boolean contains(String provider, String key) {
        return contains(hasher.hash(provider, key));
    }

    /** {@link #contains(String, String)} for a {@link #hash}, so that one hash serves several tables. */
    boolean contains(long[] h) {
        return find(h[0], h[1]) >= 0;
    }

    /** {@link #contains(long[])} of the hash {@code (first, second)}. */
    boolean contains(long first, long second) {
        return find(first, second) >= 0;
    }

    void add(String provider, String key, Instant receivedAt) {
        add(hasher.hash(provider, key), receivedAt);
    }

    /** {@link #add(String, String, Instant)} for a {@link #hash} already computed. */
    void add(long[] h, Instant receivedAt) {
        add(h[0], h[1], receivedAt);
    }

    /** {@link #add(long[], Instant)} of the hash {@code (high, low)}. */
    void add(long high, long low, Instant receivedAt) {
        int mask = receivedSecond.length - 1;
        byte tag = tag(high);
        // One walk of the chain (its tags): the key found, or the free slot that ends it, where the key goes.
        for (int i = (int) high & mask; ; i = (i + 1) & mask) {
            byte t = tags[i];
            if (t == 0) {
                long second = receivedAt.getEpochSecond();
                if (second < oldest) {
                    oldest = second;
                }
                if ((size + 1) * 2 > receivedSecond.length) {
                    rehash(receivedSecond.length * 2);
                    insert(high, low, second);
                } else {
                    tags[i] = tag;
                    defer(i, high, low, second);
                }
                size++;
                return;
            }
            if (t == tag && holds(i, high, low)) {
                return;
            }
        }
    }

    /** Keeps slot {@code i}'s hash and second for the next {@link #flush}; flushes when {@link #DEFERRED} wait. */
    private void defer(int i, long high, long low, long second) {
        int d = deferred;
        deferredSlots[d] = i;
        deferredHashes[2 * d] = high;
        deferredHashes[2 * d + 1] = low;
        deferredSeconds[d] = second;
        deferred = d + 1;
        if (d + 1 == DEFERRED) {
            flush();
        }
    }

    /** Writes the deferred keys' hashes and seconds into their slots. */
    private void flush() {
        for (int d = 0, n = deferred; d < n; d++) {
            int i = deferredSlots[d];
            hashes[2 * i] = deferredHashes[2 * d];
            hashes[2 * i + 1] = deferredHashes[2 * d + 1];
            receivedSecond[i] = deferredSeconds[d];
        }
        deferred = 0;
    }

    /** True when used slot {@code i} holds the hash {@code (high, low)}; the deferred keys written first. */
    private boolean holds(int i, long high, long low) {
        if (deferred > 0) {
            flush();
        }
        return hashes[2 * i] == high && hashes[2 * i + 1] == low;
    }

    /** A used slot's tag for the hash whose high half is {@code high}: never 0. */
    private static byte tag(long high) {
        return (byte) (high >>> 57 | 0x80);
    }

    /**
     * Forgets keys of events received before {@code cutoff}; returns how many. Deletes in place, closing each gap by
     * moving later keys of its probe chain back (no tombstones, no new table): it runs under the store's lock, which
     * every delivery takes, and rebuilding a table of a million keys held them all for tens of milliseconds and
     * allocated its size again. Only a table four times larger than its keys need is rebuilt smaller, to give the
     * memory of a past burst back.
     *
     * <p>The sweep reads the array of seconds alone, in order (an empty slot's second, {@link #EMPTY}, is never
     * before the cutoff): 8 bytes a slot where a sweep that read each slot's hash to tell used from empty read 16 to
     * 24, for a table at most half full and a retention that prunes a tenth of its keys at a time (the receiver's).
     */
    int pruneBefore(Instant cutoff) {
        long limit = cutoff.getEpochSecond();
        if (limit <= oldest) {
            return 0; // no key is before the cutoff
        }
        flush();
        sweeps++;
        int removed = 0;
        long oldestKept = EMPTY;
        // A key moved back into slot i by a deletion is examined there again (i is not advanced). A chain that
        // wraps past the table's end moves keys from its start (already passed: all kept) to gaps at its end, where
        // they are examined again and kept, or between slots already passed; no unexamined key lands behind i.
        for (int i = 0; i < receivedSecond.length; ) {
            long second = receivedSecond[i];
            if (second < limit) {
                delete(i);
                removed++;
            } else {
                if (second < oldestKept) {
                    oldestKept = second; // every kept key is examined at least once, wherever a deletion moves it
                }
                i++;
            }
        }
        oldest = oldestKept;
        size -= removed;
        if (removed > 0 && receivedSecond.length > MIN_SLOTS && 4L * slotsFor(size) <= receivedSecond.length) {
            rehash(slotsFor(size));
        }
        return removed;
    }

    /** Empties {@code slot} and moves back each later key of its chain that could no longer be found (Knuth's R). */
    private void delete(int slot) {
        int mask = receivedSecond.length - 1;
        int gap = slot;
        clear(gap);
        for (int j = (gap + 1) & mask; used(j); j = (j + 1) & mask) {
            int home = (int) hashes[2 * j] & mask;
            // The key at j stays when its home lies cyclically in (gap, j]: its chain does not cross the gap.
            boolean stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!stays) {
                hashes[2 * gap] = hashes[2 * j];
                hashes[2 * gap + 1] = hashes[2 * j + 1];
                receivedSecond[gap] = receivedSecond[j];
                tags[gap] = tags[j];
                clear(j);
                gap = j;
            }
        }
    }

    private void clear(int slot) {
        hashes[2 * slot] = 0;
        hashes[2 * slot + 1] = 0;
        receivedSecond[slot] = EMPTY;
        tags[slot] = 0;
    }

    /** Bytes held by the table right now. */
    long bytes() {
        return (long) receivedSecond.length * BYTES_PER_SLOT;
    }

    private static int slotsFor(int keys) {
        int slots = MIN_SLOTS;
        while (slots < keys * 2 && slots < (1 << 30)) {
            slots <<= 1;
        }
        return slots;
    }

    private boolean used(int slot) {
        return tags[slot] != 0;
    }

    private int find(long h, long l) {
        int mask = receivedSecond.length - 1;
        byte tag = tag(h);
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            byte t = tags[i];
            if (t == 0) {
                return -1;
            }
            if (t == tag && holds(i, h, l)) {
                return i;
            }
        }
    }

    private void insert(long h, long l, long second) {
        int mask = receivedSecond.length - 1;
        int i = (int) h & mask;
        while (used(i)) {
            i = (i + 1) & mask;
        }
        hashes[2 * i] = h;
        hashes[2 * i + 1] = l;
        receivedSecond[i] = second;
        tags[i] = tag(h);
    }

    private void rehash(int slots) {
        flush();
        long[] oldHashes = hashes;
        long[] oldSecond = receivedSecond;
        allocate(slots);
        for (int i = 0; i < oldSecond.length; i++) {
            if ((oldHashes[2 * i] | oldHashes[2 * i + 1]) != 0) {
                insert(oldHashes[2 * i], oldHashes[2 * i + 1], oldSecond[i]);
            }
        }
    }

    private void allocate(int slots) {
        hashes = new long[2 * slots];
        receivedSecond = new long[slots];
        Arrays.fill(receivedSecond, EMPTY);
        tags = new byte[slots];
    }
}
