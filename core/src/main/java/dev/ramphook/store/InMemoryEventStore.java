package dev.ramphook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link EventStore#inMemory()}: one lock around plain collections. Simple beats clever here: every operation is
 * a few map look-ups, far cheaper than the HTTP request around it.
 */
final class InMemoryEventStore implements EventStore {

    private static final byte[] NO_BODY = new byte[0];

    private enum State { PENDING, DONE, DEAD }

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
    private final Map<String, Entry> entries = new HashMap<>();
    // Insertion-ordered key sets per state: oldest-first claiming, eviction and listing without full scans.
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final LinkedHashSet<String> done = new LinkedHashSet<>();
    private final LinkedHashSet<String> dead = new LinkedHashSet<>();

    InMemoryEventStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
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
                case DONE -> Recorded.DONE;
                case DEAD -> Recorded.DEAD;
                case PENDING -> existing.claimable(now) ? Recorded.PENDING : Recorded.IN_PROGRESS;
            };
        }
        if (entries.size() >= capacity) {
            if (done.isEmpty()) {
                // Never drop an unhandled event to make room: refuse, so the provider retries later.
                throw new StoreException("in-memory event store is full of unhandled events (capacity " + capacity + ")");
            }
            Iterator<String> oldest = done.iterator();
            entries.remove(oldest.next());
            oldest.remove();
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
        e.event = new StoredEvent(s.provider(), s.key(), s.name(), s.endpoint(), NO_BODY, Map.of(), s.receivedAt(),
                s.attempts(), Set.of(), null);
        e.state = State.DONE;
        e.owner = null;
        String id = id(s.provider(), s.key());
        pending.remove(id);
        done.add(id);
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
        int removed = 0;
        for (Iterator<String> it = done.iterator(); it.hasNext(); ) {
            String id = it.next();
            if (entries.get(id).event.receivedAt().isBefore(cutoff)) {
                entries.remove(id);
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    @Override
    public String toString() {
        return "EventStore.inMemory(capacity " + capacity + ")";
    }
}
