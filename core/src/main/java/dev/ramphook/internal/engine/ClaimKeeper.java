package dev.ramphook.internal.engine;

import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.EventStore.Claim;
import dev.ramphook.store.StoreException;
import dev.ramphook.store.StoredEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * The claims this process holds right now (queued workers' and inline requests'), keyed by {@code (provider, key)},
 * and their renewal: every third of the lease, one store call extends those that need it. A claim therefore lives as
 * long as its owner: a slow handler keeps it, and a dead process's claims expire one lease after its last renewal.
 *
 * <p>A renewal extends only what is near its lease end, and leaves alone what is about to be marked done. Each claim
 * carries the earliest instant its lease can count from (a hand-off's receive time, a renewal's "now"; unknown for a
 * claim taken from the store, which is then renewed at the next beat, as every claim used to be): a claim is renewed
 * once half a period of its lease has gone, so that after a renewal that succeeded every claim still has at least
 * two and a half periods left, and two beats in a row may fail before one expires, as before. Under a steady load
 * nearly every claim is handled and done within half a period of its hand-off and is never renewed. A claim whose
 * completion waits for the {@link Completions} writer is renewed only in the last half of its lease: a group
 * completion waits for the row locks of every renewal statement that holds one of its rows (a renewal skips locked
 * rows, a completion cannot), and renewing the claims queued for completion made completions of 512 rows wait on
 * back-to-back renewal statements until they timed out, the workers' stall under sustained load.
 *
 * <p>A renewal that fails (the database away for a moment) is tried again soon, with backoff, not a period later,
 * and whatever it throws never ends the beat. Until one succeeds, this process claims nothing new without renewing
 * first ({@link #renewIfBehind}): a claim of ours that lapsed in the store while the database was away must be
 * renewed before one of our own workers, polling for expired claims, takes the event again and runs it twice.
 */
final class ClaimKeeper {

    private static final Logger log = Logs.get(ClaimKeeper.class);

    /**
     * An event's identity in the store; holds no body, so a key is cheap to hash and compare. Its hash is computed
     * once, when it is made, eight characters at a time (their low bytes, copied to a buffer of the thread): {@code
     * String.hashCode} of a fresh key (every delivery's is) is one chain of multiply-adds, a character at a time, and
     * was about 40 ns of every inline delivery (a ZBD key of about 45 characters, 3% of its samples); this is about
     * 15. No weaker than {@code String.hashCode} against chosen keys (neither is keyed), and equality still compares
     * the strings.
     */
    static final class EventRef {
        private static final VarHandle LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        /** Keys longer than this (none that a provider sends) are hashed by {@code String.hashCode}. */
        private static final int BUFFERED = 256;
        private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFERED + 8]);

        private final String provider;
        private final String key;
        private final int hash;

        EventRef(String provider, String key) {
            this.provider = provider;
            this.key = key;
            this.hash = provider.hashCode() * 31 + hash(key);
        }

        static EventRef of(StoredEvent event) {
            return new EventRef(event.provider(), event.key());
        }

        String provider() {
            return provider;
        }

        String key() {
            return key;
        }

        /** The low byte of every character of {@code key}, eight at a time, multiplied and folded, and its length. */
        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char
        static int hash(String key) {
            int n = key.length();
            if (n > BUFFERED) {
                return key.hashCode();
            }
            byte[] bytes = BUFFERS.get();
            key.getBytes(0, n, bytes, 0);
            LONGS.set(bytes, n, 0L); // zeros above the key's last byte, in its last word
            long h = n;
            for (int i = 0; i < n; i += 8) {
                h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            return (int) (h ^ h >>> 32);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof EventRef other && hash == other.hash && key.equals(other.key)
                    && provider.equals(other.provider);
        }

        /** Never the key: it is provider data. */
        @Override
        public String toString() {
            return "EventRef[" + provider + "]";
        }
    }

    private final EventStore store;
    private final Clock clock;
    private final Duration lease;
    /**
     * A claim this process holds, with the claimed event (to give it back on shutdown). {@code leaseFrom}: its lease
     * ends no earlier than this plus the lease, or null when that is not known here (renewed at the next beat).
     * {@code completing}: its completion is queued for the writer.
     */
    record Held(StoredEvent event, String owner, Instant leaseFrom, boolean completing) {
        Claim claim() {
            return new Claim(event.provider(), event.key(), owner);
        }

        Held renewedAt(Instant now) {
            return new Held(event, owner, now, completing);
        }

        Held whileCompleting() {
            return new Held(event, owner, leaseFrom, true);
        }
    }

    private final Map<EventRef, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final long periodMillis;
    /** A claim with less of its lease left than this is renewed; half a period of it gone. */
    private final Duration renewWithin;
    /** The same for a claim whose completion is queued: only its last half lease. */
    private final Duration renewCompletingWithin;
    private final Object renewing = new Object(); // one renewal at a time: the timer's or a claimer's
    /** The last renewal failed: a claim of ours may have lapsed in the store. */
    private volatile boolean behind;
    /** {@link System#nanoTime()} when the last successful renewal started. */
    private volatile long renewedAt = System.nanoTime();
    private int failures; // in a row; the timer's thread only

    ClaimKeeper(EngineConfig config) {
        this.store = config.store();
        this.clock = config.clock();
        this.lease = config.lease();
        this.periodMillis = renewalPeriod(lease).toMillis();
        this.renewWithin = lease.minusMillis(periodMillis / 2);
        this.renewCompletingWithin = lease.dividedBy(2);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ramphook-claim-renewal");
            t.setDaemon(true);
            return t;
        });
    }

    /** The renewal period: a third of the lease, so two renewals in a row may fail before a claim expires. */
    static Duration renewalPeriod(Duration lease) {
        return Duration.ofMillis(Math.max(10, lease.toMillis() / 3));
    }

    /** The wait before the first retry of a failed renewal; it doubles up to the renewal period. */
    static long firstRetryMillis(long periodMillis) {
        return Math.max(10, Math.min(250, periodMillis / 4));
    }

    void start() {
        schedule(periodMillis);
    }

    private void schedule(long millis) {
        try {
            timer.schedule(this::beat, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stop() was called
        }
    }

    /** One renewal, then the next: a period later, or sooner (with backoff) when this one failed. */
    private void beat() {
        long next = periodMillis;
        try {
            if (renewNow()) {
                failures = 0;
            } else {
                next = Math.min(periodMillis, firstRetryMillis(periodMillis) << Math.min(failures++, 10));
            }
        } finally {
            schedule(next); // whatever happened: a beat that ends here would let every claim lapse
        }
    }

    /**
     * Keeps (and renews) {@code owner}'s claim; false, keeping nothing, when another owner of this process already
     * holds the event: its claim lapsed in the store (an outage longer than the lease) and was taken again here,
     * while its handling still runs or waits to be marked done. The caller must not handle it a second time.
     */
    boolean hold(StoredEvent event, String owner) {
        return hold(EventRef.of(event), event, owner);
    }

    /** {@link #hold(StoredEvent, String)} with the event's reference already made ({@code EventRef.of(event)}). */
    boolean hold(EventRef ref, StoredEvent event, String owner) {
        return hold(ref, new Held(event, owner, null, false));
    }

    /**
     * {@link #hold(StoredEvent, String)} for an event this process recorded claimed (a hand-off): its lease was
     * asked for from its receive time ({@code QueueWorker.Handoff#leaseUntil} of the record's "now", the event's
     * {@code receivedAt}), and the store only moves it later; so it is not renewed before half a period of it has
     * gone.
     */
    boolean holdHandedOff(StoredEvent event, String owner) {
        return hold(EventRef.of(event), new Held(event, owner, event.receivedAt(), false));
    }

    private boolean hold(EventRef ref, Held claim) {
        return keep(ref, claim) != null;
    }

    /**
     * {@link #hold(EventRef, StoredEvent, String)}, returning the claim as kept (give it to {@link #drop(EventRef,
     * Held)}: one map operation there), or null when another owner of this process holds the event.
     */
    Held keep(EventRef ref, StoredEvent event, String owner) {
        return keep(ref, new Held(event, owner, null, false));
    }

    /**
     * {@link #keep(EventRef, StoredEvent, String)} for an event its store recorded claimed by {@code owner} for the
     * delivery that recorded it (an inline hand-off): its lease runs from its receive time, as a worker's hand-off's
     * does ({@link #holdHandedOff}), so it is not renewed before half a period of it has gone. Null when anything
     * here holds the event, whatever its owner: hand-offs share one owner id, so an equal owner is not this claim.
     */
    Held keepHandedOff(EventRef ref, StoredEvent event, String owner) {
        Held claim = new Held(event, owner, event.receivedAt(), false);
        return held.putIfAbsent(ref, claim) == null ? claim : null;
    }

    private Held keep(EventRef ref, Held claim) {
        Held existing = held.putIfAbsent(ref, claim);
        if (existing == null) {
            return claim;
        }
        return existing.owner().equals(claim.owner()) ? existing : null;
    }

    /**
     * {@code owner}'s claim of the event is about to be marked done (its completion is queued): renewed from now on
     * only in the last half of its lease, so that the group completion finds its rows free of renewals' locks.
     */
    void completing(StoredEvent event, String owner) {
        held.computeIfPresent(EventRef.of(event), (ref, h) -> h.owner().equals(owner) ? h.whileCompleting() : h);
    }

    /**
     * Waits, up to a renewal period, until no other owner of this process holds the event (its outcome written a
     * moment ago, say), then holds it for {@code owner}; false when it is still held elsewhere here.
     */
    boolean holdWhenFree(StoredEvent event, String owner) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(periodMillis);
        while (!hold(event, owner)) {
            if (System.nanoTime() - until >= 0) {
                return false;
            }
            Thread.sleep(5); // another thread's drop is a few statements away at most; no signal is worth it
        }
        return true;
    }

    /** True while some owner of this process holds the event's claim. */
    boolean holds(StoredEvent event) {
        return holds(EventRef.of(event));
    }

    boolean holds(EventRef ref) {
        return held.containsKey(ref);
    }

    /** Forgets the claim once its outcome is written (or given up on); only the owner's own entry goes. */
    void drop(StoredEvent event, String owner) {
        drop(EventRef.of(event), owner);
    }

    /**
     * {@link #drop(StoredEvent, String)} of the claim {@link #keep} returned: that very entry removed in one map
     * operation; one a renewal or {@link #completing} replaced meanwhile is found again by its owner.
     */
    void drop(EventRef ref, Held kept) {
        if (!held.remove(ref, kept)) {
            drop(ref, kept.owner());
        }
    }

    /** {@link #drop(StoredEvent, String)} by the event's reference. */
    void drop(EventRef ref, String owner) {
        Held h = held.get(ref);
        if (h != null && h.owner().equals(owner)) {
            held.remove(ref, h); // only that very entry: never one another owner put there since
        }
    }

    /** The claims held by owners that {@code ownedBy} accepts. */
    List<Held> heldBy(Predicate<String> ownedBy) {
        return held.values().stream().filter(h -> ownedBy.test(h.owner())).toList();
    }

    int size() {
        return held.size();
    }

    /** Renews every claim held now; a failure is logged and leaves this keeper behind (see {@link #renewIfBehind}). */
    void renew() {
        renewNow();
    }

    /**
     * Before claiming: when the last renewal failed, or none succeeded for longer than a period and a half (one
     * hangs), renews on the caller's thread first.
     *
     * @throws StoreException when that renewal fails too: claim nothing until the held claims are safe
     */
    void renewIfBehind() {
        long overdue = TimeUnit.MILLISECONDS.toNanos(periodMillis + periodMillis / 2);
        if ((behind || System.nanoTime() - renewedAt > overdue) && !renewNow()) {
            throw new StoreException("the claims this process holds could not be renewed; claiming nothing new "
                    + "until they are");
        }
    }

    /** True when {@code h} is renewed at a beat at {@code now} (see the class comment). */
    private boolean due(Held h, Instant now) {
        if (h.leaseFrom() == null) {
            return true;
        }
        Duration left = Duration.between(now, h.leaseFrom().plus(lease));
        return left.compareTo(h.completing() ? renewCompletingWithin : renewWithin) < 0;
    }

    private boolean renewNow() {
        synchronized (renewing) {
            long started = System.nanoTime();
            Instant now = clock.instant();
            List<Held> due = held.values().stream().filter(h -> due(h, now)).toList();
            if (due.isEmpty()) {
                renewedAt = started;
                behind = false;
                return true;
            }
            List<Claim> claims = due.stream().map(Held::claim).toList();
            try {
                int renewed = store.renew(claims, now, lease);
                renewedAt = started;
                behind = false;
                if (renewed == claims.size()) {
                    // Their leases now run from `now`. Only the very entries renewed: one completing or dropped
                    // meanwhile keeps what it had (at worst renewed again a beat early).
                    for (Held h : due) {
                        held.replace(EventRef.of(h.event()), h, h.renewedAt(now));
                    }
                } else {
                    // Normal when a claim ended between the copy and the update; a persistent gap means this
                    // process stalled past its lease and another owner took events over (its writes will be ignored).
                    // Which ones were renewed is not known: all of them stay due, and are renewed at the next beat.
                    log.debug("renewed {} of {} claims; the others ended or were taken over", renewed, claims.size());
                }
                return true;
            } catch (RuntimeException e) { // a StoreException, or anything a custom store throws
                behind = true;
                log.warn("could not renew {} claim(s); retrying soon (they expire {} after the last renewal unless "
                        + "one succeeds): {}", claims.size(), lease, e.toString());
                return false;
            }
        }
    }

    void stop() {
        timer.shutdownNow();
    }
}
