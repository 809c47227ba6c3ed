package dev.ramphook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link EventStore#inMemory()}: one lock around plain collections. Simple beats clever here: every operation is
 * a few map look-ups, far cheaper than the HTTP request around it.
 *
 * <p>Unhandled (pending, claimed, dead) events are kept whole, up to {@code capacity}. A handled event keeps only
 * its key, as a compact hash ({@link DoneKeys}), until {@link #prune} drops it after the retention: the dedup
 * window is a time, not a count that traffic can push past. At {@code maxHandledKeys} (counting the unhandled
 * events, so each of them can still complete) new events are refused rather than an old key forgotten.
 */
final class InMemoryEventStore implements EventStore {

    private enum State { PENDING, DEAD }

    private static final class Entry {
        StoredEvent event;
        State state = State.PENDING;
        Instant nextAttemptAt;
        String owner;
        Instant leaseUntil;

        Entry(StoredEvent event, Instant now) {
            this.event = event;
            this.nextAttemptAt = now;
        }

        boolean claimable(Instant now) {
            return state == State.PENDING && (owner == null || !leaseUntil.isAfter(now));
        }
    }

    private final int capacity;
    private final int maxHandledKeys;
    private final Map<String, Entry> entries = new HashMap<>();
    // Insertion-ordered key sets per state: oldest-first claiming and listing without full scans.
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final LinkedHashSet<String> dead = new LinkedHashSet<>();
    private final DoneKeys done = new DoneKeys();

    InMemoryEventStore(int capacity, int maxHandledKeys) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (maxHandledKeys < capacity) {
            throw new IllegalArgumentException("maxHandledKeys must be at least the capacity (" + capacity + "), got "
                    + maxHandledKeys);
        }
        this.capacity = capacity;
        this.maxHandledKeys = maxHandledKeys;
    }

    private static String id(String provider, String key) {
        return provider + '\u0000' + key;
    }

    @Override
    public synchronized Recorded record(StoredEvent event, Instant now) {
        String id = id(event.provider(), event.key());
        Entry existing = entries.get(id);
        if (existing != null) {
            return switch (existing.state) {
                case DEAD -> Recorded.DEAD;
                case PENDING -> existing.claimable(now) ? Recorded.PENDING : Recorded.IN_PROGRESS;
            };
        }
        if (done.contains(event.provider(), event.key())) {
            return Recorded.DONE;
        }
        if (entries.size() >= capacity) {
            // Never drop an unhandled event to make room: refuse, so the provider retries later.
            throw new StoreException("in-memory event store is full of unhandled events (capacity " + capacity + ")");
        }
        if (done.size() + entries.size() >= maxHandledKeys) {
            // Forgetting a key would let a replay of that event through: refuse instead, so the provider retries.
            throw new StoreException("in-memory event store holds the keys of " + done.size() + " handled events, "
                    + "its bound (" + maxHandledKeys + "); new events are refused until the retention prunes old "
                    + "keys: shorten the retention, raise the bound, or use a durable store");
        }
        entries.put(id, new Entry(event, now));
        pending.add(id);
        return Recorded.NEW;
    }

    @Override
    public synchronized Optional<StoredEvent> claim(String provider, String key, String owner, Instant now,
                                                    Duration lease) {
        Entry e = entries.get(id(provider, key));
        if (e == null || !e.claimable(now)) {
            return Optional.empty();
        }
        return Optional.of(take(e, owner, now, lease));
    }

    @Override
    public synchronized List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        List<StoredEvent> claimed = new ArrayList<>();
        for (String id : pending) {
            if (claimed.size() >= max) {
                break;
            }
            Entry e = entries.get(id);
            if (e.claimable(now) && !e.nextAttemptAt.isAfter(now)) {
                claimed.add(take(e, owner, now, lease));
            }
        }
        return claimed;
    }

    private static StoredEvent take(Entry e, String owner, Instant now, Duration lease) {
        e.owner = owner;
        e.leaseUntil = now.plus(lease);
        e.event = e.event.nextAttempt();
        return e.event;
    }

    @Override
    public synchronized int renew(Collection<Claim> claims, Instant now, Duration lease) {
        int renewed = 0;
        for (Claim claim : claims) {
            Entry e = entries.get(id(claim.provider(), claim.key()));
            if (e != null && e.state == State.PENDING && claim.owner().equals(e.owner)) {
                e.leaseUntil = now.plus(lease);
                renewed++;
            }
        }
        return renewed;
    }

    private Entry owned(StoredEvent event, String owner) {
        String id = id(event.provider(), event.key());
        Entry e = entries.get(id);
        return e != null && e.state == State.PENDING && owner.equals(e.owner) ? e : null;
    }

    @Override
    public synchronized void complete(StoredEvent event, String owner, Instant now) {
        Entry e = owned(event, owner);
        if (e == null) {
            return;
        }
        StoredEvent s = e.event;
        String id = id(s.provider(), s.key());
        entries.remove(id);
        pending.remove(id);
        done.add(s.provider(), s.key(), s.receivedAt()); // the body goes; the key stays for the retention
    }

    @Override
    public synchronized void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error,
                                  Instant retryAt, Instant now) {
        Entry e = owned(event, owner);
        if (e == null) {
            return;
        }
        StoredEvent s = e.event;
        e.event = new StoredEvent(s.provider(), s.key(), s.name(), s.endpoint(), s.body(), s.headers(),
                s.receivedAt(), s.attempts(), completedHandlers, error);
        e.owner = null;
        if (retryAt == null) {
            String id = id(s.provider(), s.key());
            e.state = State.DEAD;
            pending.remove(id);
            dead.add(id);
        } else {
            e.nextAttemptAt = retryAt;
        }
    }

    @Override
    public synchronized void release(StoredEvent event, String owner) {
        Entry e = owned(event, owner);
        if (e == null) {
            return;
        }
        StoredEvent s = e.event;
        e.event = new StoredEvent(s.provider(), s.key(), s.name(), s.endpoint(), s.body(), s.headers(),
                s.receivedAt(), s.attempts() - 1, s.completedHandlers(), s.lastError());
        e.owner = null;
        e.nextAttemptAt = s.receivedAt(); // due again at once, even if it was claimed ahead of a retry time
    }

    @Override
    public synchronized List<StoredEvent> deadLetters(int limit) {
        return dead.stream().limit(limit).map(id -> entries.get(id).event).toList();
    }

    @Override
    public synchronized boolean replay(String provider, String key, Instant now) {
        String id = id(provider, key);
        Entry e = entries.get(id);
        if (e == null || e.state != State.DEAD) {
            return false;
        }
        StoredEvent s = e.event;
        e.event = new StoredEvent(s.provider(), s.key(), s.name(), s.endpoint(), s.body(), s.headers(),
                s.receivedAt(), 0, s.completedHandlers(), s.lastError());
        e.state = State.PENDING;
        e.nextAttemptAt = now;
        dead.remove(id);
        pending.add(id);
        return true;
    }

    @Override
    public synchronized int prune(Instant cutoff) {
        return done.pruneBefore(cutoff);
    }

    @Override
    public String toString() {
        return "EventStore.inMemory(capacity " + capacity + ", handled keys up to " + maxHandledKeys + ")";
    }
}
