package dev.ramphook.store;

import java.time.Instant;
import java.util.Arrays;

/**
 * The keys of handled events, for deduplication only: a 128-bit hash of {@code (provider, key)} ({@link KeyHash},
 * keyed per store) and the second the event was received, in an open-addressing table of two {@code long} arrays
 * (the hash's two halves side by side, and the seconds). 24 bytes per slot, at most half the slots used, so 48 to
 * 96 bytes per key, whatever the key's length; no body, no per-entry object.
 *
 * <p>128 bits, not 64: a 64-bit hash could be made to collide with about 2<sup>32</sup> tries, and a collision
 * would make a new event look handled; keyed, so that a sender cannot compute a hash at all. Not thread-safe:
 * {@link InMemoryEventStore} holds its lock.
 */
final class DoneKeys {

    /** Bytes of memory per slot: three longs (two of the hash, one of the second). */
    static final int BYTES_PER_SLOT = 24;
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
    private int size;

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
        // One walk of the chain: the key found, or the free slot that ends it, where the key goes (one probe of a
        // table that may not be in the cache, where a look-up and then an insert walked it twice).
        for (int i = (int) high & mask; ; i = (i + 1) & mask) {
            if (!used(i)) {
                if ((size + 1) * 2 > receivedSecond.length) {
                    rehash(receivedSecond.length * 2);
                    insert(high, low, receivedAt.getEpochSecond());
                } else {
                    hashes[2 * i] = high;
                    hashes[2 * i + 1] = low;
                    receivedSecond[i] = receivedAt.getEpochSecond();
                }
                size++;
                return;
            }
            if (hashes[2 * i] == high && hashes[2 * i + 1] == low) {
                return;
            }
        }
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
        int removed = 0;
        // A key moved back into slot i by a deletion is examined there again (i is not advanced). A chain that
        // wraps past the table's end moves keys from its start (already passed: all kept) to gaps at its end, where
        // they are examined again and kept, or between slots already passed; no unexamined key lands behind i.
        for (int i = 0; i < receivedSecond.length; ) {
            if (receivedSecond[i] < limit) {
                delete(i);
                removed++;
            } else {
                i++;
            }
        }
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
                clear(j);
                gap = j;
            }
        }
    }

    private void clear(int slot) {
        hashes[2 * slot] = 0;
        hashes[2 * slot + 1] = 0;
        receivedSecond[slot] = EMPTY;
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
        return (hashes[2 * slot] | hashes[2 * slot + 1]) != 0;
    }

    private int find(long h, long l) {
        int mask = receivedSecond.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            if (!used(i)) {
                return -1;
            }
            if (hashes[2 * i] == h && hashes[2 * i + 1] == l) {
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
    }

    private void rehash(int slots) {
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
    }
}
