package dev.ramphook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes everything to a real store and counts the completions that failed, so a test knows one was tried; can hold
 * completion groups back, to show what waits for them.
 */
final class ObservedStore implements EventStore {

    private final EventStore store;
    private final AtomicInteger failedCompletions = new AtomicInteger();
    private final AtomicInteger renewals = new AtomicInteger();
    private final AtomicInteger failedRenewals = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(1);
    private final List<Integer> groups = new java.util.concurrent.CopyOnWriteArrayList<>();

    ObservedStore(EventStore store) {
        this.store = store;
    }

    int failedCompletions() {
        return failedCompletions.get();
    }

    /** Renewals that succeeded, and that failed. */
    int renewals() {
        return renewals.get();
    }

    int failedRenewals() {
        return failedRenewals.get();
    }

    /** Calls of {@code claimDue} (workers looking for due events) that the store answered. */
    int polls() {
        return polls.get();
    }

    @Override
    public void complete(StoredEvent event, String owner, Instant now) {
        try {
            store.complete(event, owner, now);
        } catch (StoreException e) {
            failedCompletions.incrementAndGet();
            throw e;
        }
    }

    /**
     * Through a gate a test may close (the writer then waits in its call, and completions pile up behind it); counts
     * the failures like {@link #complete}, and remembers the size of each group.
     */
    @Override
    public void completeAll(java.util.Collection<Completion> completions, Instant now) {
        try {
            gate.acquire();
            gate.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted at the test's gate", e);
        }
        try {
            store.completeAll(completions, now);
            groups.add(completions.size());
        } catch (StoreException e) {
            failedCompletions.incrementAndGet();
            throw e;
        }
    }

    /** Completion groups wait until {@link #openCompletions} (a call already waiting holds its group). */
    void holdCompletions() throws InterruptedException {
        gate.acquire();
    }

    void openCompletions() {
        gate.release();
    }

    /** The size of every completion group written so far, in order. */
    List<Integer> completionGroups() {
        return List.copyOf(groups);
    }

    @Override
    public int renew(java.util.Collection<Claim> claims, Instant now, Duration lease) {
        try {
            int renewed = store.renew(claims, now, lease);
            renewals.incrementAndGet();
            return renewed;
        } catch (RuntimeException e) {
            failedRenewals.incrementAndGet();
            throw e;
        }
    }

    @Override
    public Recorded record(StoredEvent event, Instant now) {
        return store.record(event, now);
    }

    @Override
    public Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease) {
        return store.claim(provider, key, owner, now, lease);
    }

    @Override
    public List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        List<StoredEvent> due = store.claimDue(owner, now, lease, max);
        polls.incrementAndGet();
        return due;
    }

    @Override
    public void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
                     Instant now) {
        store.fail(event, owner, completedHandlers, error, retryAt, now);
    }

    @Override
    public void release(StoredEvent event, String owner) {
        store.release(event, owner);
    }

    @Override
    public List<StoredEvent> deadLetters(int limit) {
        return store.deadLetters(limit);
    }

    @Override
    public boolean replay(String provider, String key, Instant now) {
        return store.replay(provider, key, now);
    }

    @Override
    public int prune(Instant cutoff) {
        return store.prune(cutoff);
    }

    @Override
    public boolean durable() {
        return store.durable();
    }
}
