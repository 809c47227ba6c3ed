package dev.ramphook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@link EventStore#inMemory()}: one lock around plain collections. Simple beats clever here: every operation is
 * a few map look-ups, far cheaper than the HTTP request around it.
 *
 * <p>Unhandled (pending, claimed, dead) events are kept whole, up to {@code capacity}. A handled event keeps only
 * its key, as a compact hash ({@link DoneKeys}), until {@link #prune} drops it after the retention: the dedup
 * window is a time, not a count that traffic can push past. At {@code maxHandledKeys} (counting the unhandled
 * events, so each of them can still complete) new events are refused rather than an old key forgotten.
 *
 * <p>Both bounds are budgets <em>per endpoint</em> ({@link StoredEvent#endpoint()}), each endpoint with its own
 * table of handled keys: whoever can sign for one endpoint (a leaked URL token) can fill that endpoint's budget,
 * never another's. A shared bound would let one flood refuse every provider for the whole retention. Endpoints are
 * configured, so the memory is bounded by their number times the budget; deduplication still spans the endpoints of
 * a provider, as it did.
 */
final class InMemoryEventStore implements EventStore {

    /** DONE: completed, out of {@link #entries}; a claimed copy that still names the entry finds it so. */
    private enum State { PENDING, DEAD, DONE }

    private static final class Entry {
        /** The store that holds it: a copy claimed from another store's entry is not this store's to complete. */
        final InMemoryEventStore store;
        StoredEvent event;
        State state = State.PENDING;
        Instant nextAttemptAt;
        String owner;
        Instant leaseUntil;
        final long receipt; // receipt order, the tie-break within a subject
        /** Computed once per event, not per store call: its id (with its handled-key hash) and its subject's id. */
        final EventId id;
        /** Its endpoint's budget, found once at the record: complete needs no look-up of it. */
        Budget budget;
        Id subjectId;
        /** Its neighbours in the list of pending events while it is in it ({@code queued}). */
        Entry before;
        Entry after;
        boolean queued;
        /** Failed attempts and replays, the latest {@link HistoryEntry#KEPT}; null until the first. */
        java.util.ArrayDeque<HistoryEntry> history;

        void remember(HistoryEntry line) {
            if (history == null) {
                history = new java.util.ArrayDeque<>();
            } else if (history.size() == HistoryEntry.KEPT) {
                history.removeFirst();
            }
            history.addLast(line);
        }

        Entry(InMemoryEventStore store, StoredEvent event, Instant now, long receipt, EventId id) {
            this.store = store;
            this.event = event;
            this.nextAttemptAt = now;
            this.receipt = receipt;
            this.id = id;
        }

        boolean claimable(Instant now) {
            return state == State.PENDING && !claimed(now);
        }

        boolean claimed(Instant now) {
            return owner != null && leaseUntil.isAfter(now);
        }
    }

    private static final Comparator<Entry> SUBJECT_ORDER =
            Comparator.comparing((Entry e) -> e.event.sequencedAt()).thenComparingLong(e -> e.receipt);

    private final int capacity;
    private final int maxHandledKeys;
    private final Map<EventId, Entry> entries = new HashMap<>();
    /**
     * The pending events, oldest first (claiming without a full scan): a list through the entries themselves, so
     * that entering and leaving it is two reference writes, where a set of ids took a node and two hash operations
     * per event.
     */
    private Entry firstPending;
    private Entry lastPending;
    // Dead letters, oldest first: listing without a full scan.
    private final LinkedHashSet<EventId> dead = new LinkedHashSet<>();
    /**
     * Each endpoint's budget: how many unhandled events it holds, and its table of handled keys. One object per
     * endpoint, found with one look-up per record (and none at complete, through the entry), where a map of counts
     * and a map of tables took four.
     */
    private static final class Budget {
        int unhandled;
        DoneKeys done; // null until the endpoint's first handled event
    }

    private final Map<String, Budget> budgets = new LinkedHashMap<>();
    /** The budget {@link #budget} found last, and its endpoint: budgets are never removed, so it stays right. */
    private String lastEndpoint;
    private Budget lastBudget;
    /** The budgets' tables of handled keys, in the order they were made: what deduplication searches. */
    private final List<DoneKeys> doneTables = new ArrayList<>();
    /**
     * The handled keys' hash, keyed for this store alone ({@link KeyHash}); thread-safe, so a record hashes before it
     * takes the lock: a thread preempted while holding the store's single lock makes every delivery wait behind it.
     */
    private final KeyHash keyHash = KeyHash.random();
    // The pending events of each subject, in the order they occurred: only the first may run, and only alone.
    private final Map<Id, Object> subjects = new HashMap<>(); // an Entry alone, or a TreeSet<Entry> (enterSubject)
    private long receipts;

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

    /**
     * A subject's identity in {@link #subjects}: the two strings as they are, not concatenated (a subject's
     * {@code String} caches its hash for its later look-ups). An event's is an {@link EventId}.
     */
    private record Id(String provider, String key) {
        @Override
        public int hashCode() {
            return provider.hashCode() * 31 + key.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && key.equals(other.key) && provider.equals(other.provider);
        }
    }

    private static Id id(String provider, String key) {
        return new Id(provider, key);
    }

    /** An event's id, hashed with this store's key: once per record, and per look-up by provider and key. */
    private EventId eventId(String provider, String key) {
        return new EventId(keyHash, provider, key);
    }

    /** Handled through any endpoint: deduplication is by provider and key, whichever endpoint received it. */
    private boolean isDone(EventId id) {
        for (int i = 0, n = doneTables.size(); i < n; i++) { // by index: no iterator per record
            if (doneTables.get(i).contains(id.first, id.second)) {
                return true;
            }
        }
        return false;
    }

    private static int doneOf(Budget budget) {
        return budget == null || budget.done == null ? 0 : budget.done.size();
    }

    private long doneTotal() {
        return doneTables.stream().mapToLong(DoneKeys::size).sum();
    }

    /** The endpoints whose budget refuses new events right now, each with the bound it reached. */
    private Map<String, String> fullEndpoints() {
        Map<String, String> full = new TreeMap<>();
        budgets.forEach((endpoint, budget) -> {
            int waiting = budget.unhandled;
            if (waiting >= capacity) {
                full.put(endpoint, capacity + " unhandled events");
            } else if (doneOf(budget) + waiting >= maxHandledKeys) {
                full.put(endpoint, maxHandledKeys + " handled keys");
            }
        });
        return full;
    }

    /**
     * Records {@code event}. What needs no shared state (the identity, the subject's identity and the handled-key
     * hash) is computed before the lock is taken; only the look-ups and changes run under it.
     */
    @Override
    public Recorded record(StoredEvent event, Instant now) {
        EventId id = eventId(event.provider(), event.key());
        Id subjectId = event.subject() == null ? null : subjectId(event);
        synchronized (this) {
            Entry e = new Entry(this, event, now, receipts, id);
            Recorded known = add(e, subjectId, now);
            if (known != null) {
                return known;
            }
            enterSubject(e);
            return Recorded.NEW;
        }
    }

    /**
     * {@link #record}, and a new event alone in its subject claimed by {@code owner} until {@code leaseUntil} as its
     * first attempt, under the same lock: the receiver's inline delivery records its event claimed for itself, so
     * that no claim call (a second lock, the event's and its subject's look-ups) follows the record. The rule is the
     * JDBC store's hand-off: a new event behind another of its subject, or one already here, is handed over
     * unclaimed, and the caller claims it as before. Answered at once: memory does not group records.
     */
    @Override
    public CompletableFuture<Recorded> recordSoon(StoredEvent event, Instant now, Consumer<? super Recorded> late,
                                                  String owner, Instant leaseUntil,
                                                  BiConsumer<StoredEvent, Recorded> handoff) {
        EventId id = eventId(event.provider(), event.key());
        Id subjectId = event.subject() == null ? null : subjectId(event);
        Recorded recorded;
        StoredEvent claimed = null;
        try {
            synchronized (this) {
                Entry e = new Entry(this, event, now, receipts, id);
                recorded = add(e, subjectId, now);
                if (recorded == null) {
                    recorded = Recorded.NEW;
                    if (enterSubject(e)) {
                        claimed = take(e, owner, leaseUntil);
                    }
                }
            }
        } catch (StoreException refused) {
            handoff.accept(null, null);
            return CompletableFuture.failedFuture(refused);
        }
        handoff.accept(claimed, recorded);
        return ANSWERS[recorded.ordinal()];
    }

    /**
     * A future answered once and for all, shared by every record with that answer: memory answers at once, and a new
     * future per record was 24 bytes of every delivery for the caller to read and drop. Nothing can change its answer:
     * completing it again does nothing (as for any completed future), obtruding a value throws.
     */
    private static final class Answered extends CompletableFuture<Recorded> {
        Answered(Recorded answer) {
            super.complete(answer);
        }

        @Override
        public boolean complete(Recorded value) {
            return false;
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            return false;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public void obtrudeValue(Recorded value) {
            throw new UnsupportedOperationException("a shared answer of the in-memory store");
        }

        @Override
        public void obtrudeException(Throwable ex) {
            throw new UnsupportedOperationException("a shared answer of the in-memory store");
        }
    }

    /** {@link Answered} futures by {@link Recorded#ordinal()}. */
    private static final Answered[] ANSWERS = answers();

    private static Answered[] answers() {
        Recorded[] all = Recorded.values();
        Answered[] answers = new Answered[all.length];
        for (Recorded r : all) {
            answers[r.ordinal()] = new Answered(r);
        }
        return answers;
    }

    /** The answer for an event this store holds unhandled. */
    private static Recorded answer(Entry existing, Instant now) {
        return switch (existing.state) {
            case DEAD -> Recorded.DEAD;
            case PENDING -> existing.claimable(now) ? Recorded.PENDING : Recorded.IN_PROGRESS;
            case DONE -> Recorded.DONE; // never in the map: completed entries leave it
        };
    }

    /**
     * Adds {@code fresh} (a new entry for its event, numbered {@link #receipts}) within its endpoint's budget, or
     * answers for the event this store knows (unhandled or handled), leaving nothing of {@code fresh} behind; null
     * when added (its subject is entered by the caller). The entry is put if absent: for a new event, the look-up of
     * its id is its insert, one walk of the table where a look-up and a put took two; a handled or refused event
     * (rare: a redelivery, a full budget) takes its put back.
     */
    private Recorded add(Entry fresh, Id subjectId, Instant now) {
        EventId id = fresh.id;
        Entry existing = entries.putIfAbsent(id, fresh);
        if (existing != null) {
            return answer(existing, now);
        }
        if (!doneTables.isEmpty() && isDone(id)) {
            entries.remove(id);
            return Recorded.DONE;
        }
        StoredEvent event = fresh.event;
        String endpoint = event.endpoint();
        Budget budget = budget(endpoint);
        int waiting = budget == null ? 0 : budget.unhandled;
        // The messages name the endpoint and bound, never a count that changes: the receiver groups its log lines
        // by message, one a minute per endpoint, however many deliveries a flood makes.
        if (waiting >= capacity) {
            entries.remove(id);
            // Never drop an unhandled event to make room: refuse, so the provider retries later.
            throw new StoreException("in-memory event store: endpoint " + endpoint + " holds " + capacity
                    + " unhandled events, its budget (capacity); its new events are refused until some are handled");
        }
        if (doneOf(budget) + waiting >= maxHandledKeys) {
            entries.remove(id);
            // Forgetting a key would let a replay of that event through: refuse instead, so the provider retries.
            throw new StoreException("in-memory event store: endpoint " + endpoint + " holds the keys of "
                    + maxHandledKeys + " events, its budget (maxHandledKeys); its new events are refused until the "
                    + "retention prunes old keys: shorten the retention, raise the budget, or use a durable store");
        }
        receipts++;
        fresh.subjectId = subjectId;
        if (budget == null) {
            budget = new Budget();
            budgets.put(endpoint, budget);
            lastEndpoint = endpoint;
            lastBudget = budget;
        }
        budget.unhandled++;
        fresh.budget = budget;
        enqueue(fresh);
        return null;
    }

    /**
     * {@code endpoint}'s budget, or null before its first event. The last one found is kept: a receiver's deliveries
     * name a few endpoints, most often the same one in a row, and comparing its path is cheaper than a look-up.
     */
    private Budget budget(String endpoint) {
        if (endpoint.equals(lastEndpoint)) {
            return lastBudget;
        }
        Budget budget = budgets.get(endpoint);
        if (budget != null) {
            lastEndpoint = endpoint;
            lastBudget = budget;
        }
        return budget;
    }

    @Override
    public Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease) {
        EventId id = eventId(provider, key); // hashed before the lock, as a record's id is
        synchronized (this) {
            Entry e = entries.get(id);
            if (e == null || !claimableInOrder(e, now)) {
                return Optional.empty();
            }
            return Optional.of(take(e, owner, now.plus(lease)));
        }
    }

    @Override
    public synchronized List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        List<StoredEvent> claimed = new ArrayList<>();
        for (Entry e = firstPending; e != null; e = e.after) {
            if (claimed.size() >= max) {
                break;
            }
            if (!e.nextAttemptAt.isAfter(now) && claimableInOrder(e, now)) {
                claimed.add(take(e, owner, now.plus(lease)));
            }
        }
        return claimed;
    }

    /** Appends {@code e} to the pending events. */
    private void enqueue(Entry e) {
        if (e.queued) {
            return;
        }
        e.queued = true;
        e.before = lastPending;
        e.after = null;
        if (lastPending == null) {
            firstPending = e;
        } else {
            lastPending.after = e;
        }
        lastPending = e;
    }

    /** Takes {@code e} out of the pending events. */
    private void dequeue(Entry e) {
        if (!e.queued) {
            return;
        }
        e.queued = false;
        if (e.before == null) {
            firstPending = e.after;
        } else {
            e.before.after = e.after;
        }
        if (e.after == null) {
            lastPending = e.before;
        } else {
            e.after.before = e.before;
        }
        e.before = null;
        e.after = null;
    }

    /** Claimable, and, with a subject, the first pending event of it while no other event of it is claimed. */
    private boolean claimableInOrder(Entry e, Instant now) {
        if (!e.claimable(now)) {
            return false;
        }
        Object subject = e.event.subject() == null ? null : subjects.get(e.subjectId);
        if (subject == null || subject == e) {
            return true; // no subject, or alone in it, as most events are
        }
        if (!(subject instanceof TreeSet<?> waiting) || waiting.first() != e) {
            return false;
        }
        for (Object other : waiting) {
            if (other != e && ((Entry) other).claimed(now)) {
                return false;
            }
        }
        return true;
    }

    private static Id subjectId(StoredEvent event) {
        return id(event.provider(), event.subject());
    }

    /**
     * A subject's pending events: the entry itself while it is alone (no ordered set built for one event, about 0.1
     * KB of every delivery), an ordered set from the second on. True when {@code e} is alone in its subject (or has
     * none): one map operation for that, the common case.
     */
    @SuppressWarnings("unchecked")
    private boolean enterSubject(Entry e) {
        if (e.event.subject() == null) {
            return true;
        }
        Object current = subjects.putIfAbsent(e.subjectId, e);
        if (current == null) {
            return true;
        }
        if (current instanceof Entry alone) {
            TreeSet<Entry> waiting = new TreeSet<>(SUBJECT_ORDER);
            waiting.add(alone);
            waiting.add(e);
            subjects.put(e.subjectId, waiting);
        } else {
            ((TreeSet<Entry>) current).add(e);
        }
        return false;
    }

    private void leaveSubject(Entry e) {
        if (e.event.subject() != null) {
            Id id = e.subjectId;
            if (subjects.remove(id, e)) {
                return; // alone in it: one map operation
            }
            if (subjects.get(id) instanceof TreeSet<?> waiting && waiting.remove(e) && waiting.isEmpty()) {
                subjects.remove(id);
            }
        }
    }

    private static StoredEvent take(Entry e, String owner, Instant leaseUntil) {
        e.owner = owner;
        e.leaseUntil = leaseUntil;
        e.event = e.event.nextAttempt(e); // the copy handed out finds its entry again without a look-up
        return e.event;
    }

    @Override
    public int renew(Collection<Claim> claims, Instant now, Duration lease) {
        Claim[] renewing = claims.toArray(new Claim[0]);
        EventId[] ids = new EventId[renewing.length];
        for (int i = 0; i < ids.length; i++) { // hashed before the lock, as a record's id is
            ids[i] = eventId(renewing[i].provider(), renewing[i].key());
        }
        int renewed = 0;
        synchronized (this) {
            for (int i = 0; i < ids.length; i++) {
                Entry e = entries.get(ids[i]);
                if (e != null && e.state == State.PENDING && renewing[i].owner().equals(e.owner)) {
                    e.leaseUntil = now.plus(lease);
                    renewed++;
                }
            }
        }
        return renewed;
    }

    /**
     * The entry {@code owner} holds claimed for {@code event}, or null. A copy this store handed out claimed names its
     * entry: while that entry is in {@link #entries} it is the one a look-up would find (an id has one entry until
     * it is completed), so no look-up is made; otherwise (completed since, or another store's) the look-up is.
     */
    private Entry owned(StoredEvent event, String owner) {
        Entry e = event.claimedFrom instanceof Entry mine && mine.store == this && mine.state != State.DONE ? mine
                : entries.get(eventId(event.provider(), event.key()));
        return e != null && e.state == State.PENDING && owner.equals(e.owner) ? e : null;
    }

    /**
     * {@inheritDoc} {@code now} is not used (the handled key keeps the receive time): the engine's inline path passes
     * null rather than read a clock for nothing (its {@code TimedStore} knows this class by name).
     */
    @Override
    public synchronized void complete(StoredEvent event, String owner, Instant now) {
        Entry e = owned(event, owner);
        if (e == null) {
            return;
        }
        StoredEvent s = e.event;
        leaveSubject(e);
        entries.remove(e.id);
        e.state = State.DONE;
        dequeue(e);
        Budget budget = e.budget;
        budget.unhandled--;
        // the body goes; the key stays for the retention, in the budget of the endpoint that received it
        if (budget.done == null) {
            budget.done = new DoneKeys(keyHash);
            doneTables.add(budget.done);
        }
        budget.done.add(e.id.first, e.id.second, s.receivedAt()); // the hash made at the record
    }

    @Override
    public synchronized void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error,
                                  Instant retryAt, Instant now) {
        Entry e = owned(event, owner);
        if (e == null) {
            return;
        }
        StoredEvent s = e.event;
        e.event = s.with(s.attempts(), completedHandlers, error);
        e.owner = null;
        e.remember(new HistoryEntry(now, retryAt == null ? HistoryEntry.Kind.DEAD : HistoryEntry.Kind.RETRY,
                s.attempts(), e.event.lastError(), null));
        if (retryAt == null) {
            EventId id = e.id;
            leaveSubject(e);
            e.state = State.DEAD;
            dequeue(e);
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
        e.event = s.with(s.attempts() - 1, s.completedHandlers(), s.lastError());
        e.owner = null;
        e.nextAttemptAt = s.receivedAt(); // due again at once, even if it was claimed ahead of a retry time
    }

    /** A done event keeps only its key, so it is found without its data. */
    @Override
    public Optional<FoundEvent> find(String provider, String key) {
        EventId id = eventId(provider, key);
        synchronized (this) {
            Entry e = entries.get(id);
            if (e != null) {
                return Optional.of(found(e));
            }
            return !doneTables.isEmpty() && isDone(id)
                    ? Optional.of(new FoundEvent(provider, key, EventState.DONE, null, null)) : Optional.empty();
        }
    }

    /** Pending and dead events only: a done event keeps nothing but a hash of its key. */
    @Override
    public synchronized List<FoundEvent> search(EventQuery query) {
        List<Entry> matching = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (query.matches(e.event, stateOf(e))) {
                matching.add(e);
            }
        }
        matching.sort(Comparator.comparing((Entry e) -> e.event.receivedAt()).thenComparingLong(e -> e.receipt)
                .reversed());
        return matching.stream().skip(query.offset()).limit(query.limit()).map(InMemoryEventStore::found).toList();
    }

    private static EventState stateOf(Entry e) {
        return e.state == State.DEAD ? EventState.DEAD : EventState.PENDING;
    }

    private static FoundEvent found(Entry e) {
        StoredEvent s = e.event;
        return new FoundEvent(s.provider(), s.key(), stateOf(e), e.state == State.DEAD ? null : e.nextAttemptAt, s);
    }

    @Override
    public synchronized List<StoredEvent> deadLetters(int limit) {
        return dead.stream().limit(limit).map(id -> entries.get(id).event).toList();
    }

    @Override
    public boolean replay(String provider, String key, Instant now) {
        return replay(provider, key, now, null);
    }

    @Override
    public boolean replay(String provider, String key, Instant now, String by) {
        EventId id = eventId(provider, key);
        synchronized (this) {
            Entry e = entries.get(id);
            if (e == null || e.state != State.DEAD) {
                return false;
            }
            StoredEvent s = e.event;
            e.remember(new HistoryEntry(now, HistoryEntry.Kind.REPLAYED, s.attempts(), null, by));
            e.event = s.with(0, s.completedHandlers(), s.lastError());
            e.state = State.PENDING;
            e.nextAttemptAt = now;
            dead.remove(id);
            enqueue(e);
            enterSubject(e);
            return true;
        }
    }

    /** Kept with the event: a handled event's history goes with its body. */
    @Override
    public List<HistoryEntry> history(String provider, String key) {
        EventId id = eventId(provider, key);
        synchronized (this) {
            Entry e = entries.get(id);
            return e == null || e.history == null ? List.of() : List.copyOf(e.history);
        }
    }

    /** One pass over the unhandled events (at most {@code capacity}); handled ones are only counted. */
    @Override
    public synchronized StoreStats stats(Instant now) {
        Map<String, long[]> counts = new HashMap<>(); // provider -> pending, in progress, dead
        Instant oldest = null;
        for (Entry e : entries.values()) {
            long[] c = counts.computeIfAbsent(e.event.provider(), p -> new long[3]);
            if (e.state == State.DEAD) {
                c[2]++;
                continue;
            }
            c[0]++;
            if (e.claimed(now)) {
                c[1]++;
            }
            if (oldest == null || e.event.receivedAt().isBefore(oldest)) {
                oldest = e.event.receivedAt();
            }
        }
        Map<String, StoreStats.Counts> providers = new HashMap<>();
        counts.forEach((provider, c) -> providers.put(provider, new StoreStats.Counts(c[0], c[1], c[2])));
        return new StoreStats(providers, doneTotal(), Optional.ofNullable(oldest), fullEndpoints());
    }

    @Override
    public synchronized int prune(Instant cutoff) {
        int pruned = 0;
        for (DoneKeys keys : doneTables) {
            pruned += keys.pruneBefore(cutoff);
        }
        return pruned;
    }

    @Override
    public String toString() {
        return "EventStore.inMemory(per endpoint: capacity " + capacity + ", handled keys up to " + maxHandledKeys
                + ")";
    }
}
