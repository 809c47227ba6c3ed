package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.WebhookEvent;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoreStats;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine's view of the configured store: every call passed through, timed and reported to the observers (one
 * {@link DeliveryListener.StoreCall} each, failed when it threw). Everything in the engine uses the store through this.
 * With no observer registered the delivery path's calls go straight through: no clock reading, no report, no lambda.
 */
final class TimedStore implements EventStore {

    /** The in-memory store's class: final, package-private in the API's store package, so known here by name. */
    private static final String IN_MEMORY = "dev.ramphook.store.InMemoryEventStore";

    private final EventStore store;
    private final Observers observer;
    /** The in-memory store, whose {@code complete} ignores its time: {@link #complete(StoredEvent, String, Clock)}. */
    private final boolean completeIgnoresTime;

    TimedStore(EventStore store, Observers observer) {
        this.store = store;
        this.observer = observer;
        this.completeIgnoresTime = store.getClass().getName().equals(IN_MEMORY);
    }

    /** The store the application configured. */
    EventStore unwrap() {
        return store;
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T result = call.get();
            failed = false;
            return result;
        } finally {
            observer.storeCalled(new DeliveryListener.StoreCall(operation, System.nanoTime() - start, failed));
        }
    }

    private void timed(String operation, Runnable call) {
        timed(operation, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public Recorded record(StoredEvent event, Instant now) {
        if (!observer.active()) {
            return store.record(event, now);
        }
        return timed("record", () -> store.record(event, now));
    }

    /**
     * The delivery's record, answered by {@code deadlineNanos} or {@link StoreDeadline.Missed}: a store that groups
     * records (the JDBC store) is waited on directly, any other is called through {@code calls}. Observed as one
     * call, failed when it threw or missed the deadline. With a {@code handoff} (queued handling), a store that can
     * hand the event off to this process's workers (the JDBC store) records it claimed for them when it can; the
     * hand-off hears of every record either way (see {@link QueueWorker.Handoff}), and a worker it reaches runs the
     * handlers on {@code parsed} (the delivery's event, when its body is small) instead of parsing the body again.
     * With an {@code inline} claim (inline handling) and a store called directly (memory), a store that hands events
     * off records a new event claimed for the request and hands the claimed copy to {@code inline}.
     */
    Recorded recordBy(StoredEvent event, Instant now, long deadlineNanos, StoreDeadline calls,
                      Consumer<? super Recorded> late, QueueWorker.Handoff handoff, WebhookEvent<?> parsed,
                      InlineClaim inline)
            throws StoreDeadline.Missed {
        // Timed only when someone hears it: a report for an observer added during the call says 0 ns
        boolean timed = observer.active();
        long start = timed ? System.nanoTime() : 0;
        boolean failed = true;
        boolean handing = false;
        try {
            CompletableFuture<Recorded> soon = null;
            if (inline != null && calls.isDirect()) {
                soon = store.recordSoon(event, now, late, inline.owner(), inline.leaseUntil(), inline);
            } else if (!calls.isDirect() && handoff != null && handoff.tryReserve()) {
                soon = store.recordSoon(event, now, late, handoff.owner(), handoff.leaseUntil(now),
                        handoff.carrying(parsed, event.bodyLength()));
                handing = soon != null;
                if (!handing) {
                    handoff.accept(null, null); // gives the slot back; this store records without a hand-off
                }
            }
            if (soon == null && !calls.isDirect()) {
                soon = store.recordSoon(event, now, late);
            }
            Recorded recorded = soon != null ? StoreDeadline.await(soon, deadlineNanos)
                    : calls.isDirect() ? store.record(event, now) // what a direct call does, without a lambda
                    : calls.call(deadlineNanos, () -> store.record(event, now), late);
            failed = false;
            if (handoff != null && !handing) {
                handoff.recorded(recorded);
            }
            return recorded;
        } finally {
            if (observer.active()) { // the report is built only for someone who hears it
                observer.storeCalled(new DeliveryListener.StoreCall("record", timed ? System.nanoTime() - start : 0,
                        failed));
            }
        }
    }

    @Override
    public Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease) {
        if (!observer.active()) {
            return store.claim(provider, key, owner, now, lease);
        }
        return timed("claim", () -> store.claim(provider, key, owner, now, lease));
    }

    @Override
    public List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        return timed("claimDue", () -> store.claimDue(owner, now, lease, max));
    }

    @Override
    public int renew(Collection<Claim> claims, Instant now, Duration lease) {
        return timed("renew", () -> store.renew(claims, now, lease));
    }

    @Override
    public void complete(StoredEvent event, String owner, Instant now) {
        if (!observer.active()) {
            store.complete(event, owner, now);
            return;
        }
        timed("complete", () -> store.complete(event, owner, now));
    }

    /**
     * {@link #complete(StoredEvent, String, Instant)} at {@code clock}'s time, read only for a store that uses it:
     * the in-memory store keeps no time of completion (the handled key keeps the receive time), so an inline
     * delivery to it reads no clock here (an {@code Instant} and a clock read, 20-30 ns of a delivery). Any other
     * store, the JDBC store and an application's own, receives the time as before.
     */
    void complete(StoredEvent event, String owner, Clock clock) {
        complete(event, owner, completeIgnoresTime ? null : clock.instant());
    }

    /** One store call however many events it completes: grouping them is the point. */
    @Override
    public void completeAll(Collection<Completion> completions, Instant now) {
        timed("completeAll", () -> store.completeAll(completions, now));
    }

    @Override
    public void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
                     Instant now) {
        timed("fail", () -> store.fail(event, owner, completedHandlers, error, retryAt, now));
    }

    @Override
    public void release(StoredEvent event, String owner) {
        if (!observer.active()) {
            store.release(event, owner);
            return;
        }
        timed("release", () -> store.release(event, owner));
    }

    @Override
    public List<StoredEvent> deadLetters(int limit) {
        return timed("deadLetters", () -> store.deadLetters(limit));
    }

    @Override
    public boolean replay(String provider, String key, Instant now) {
        return timed("replay", () -> store.replay(provider, key, now));
    }

    @Override
    public boolean replay(String provider, String key, Instant now, String by) {
        return timed("replay", () -> store.replay(provider, key, now, by));
    }

    @Override
    public List<dev.ramphook.store.HistoryEntry> history(String provider, String key) {
        return store.history(provider, key); // an operator query, like search
    }

    @Override
    public List<dev.ramphook.store.FoundEvent> search(dev.ramphook.store.EventQuery query) {
        return store.search(query); // operator queries: not delivery work, not timed
    }

    @Override
    public Optional<dev.ramphook.store.FoundEvent> find(String provider, String key) {
        return store.find(provider, key);
    }

    @Override
    public int prune(Instant cutoff) {
        return timed("prune", () -> store.prune(cutoff));
    }

    @Override
    public StoreStats stats(Instant now) {
        return timed("stats", () -> store.stats(now));
    }

    @Override
    public boolean durable() {
        return store.durable();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
