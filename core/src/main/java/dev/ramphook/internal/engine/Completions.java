package dev.ramphook.internal.engine;

import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.EventStore.Completion;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;

/**
 * Marks queued events done in groups ("group commit"): a worker hands over an event whose handlers all succeeded
 * and goes on to its next one; one writer thread marks done, in one store call, everything handed over since its
 * previous call. Idle, a lone completion is written at once; busy, a call starts at most once per
 * {@link #GROUP_GAP_MILLIS} (sooner when {@link #MAX_PER_CALL} wait) and carries every completion that finished since
 * the previous one. Marking an event done one statement at a time on the worker's own thread cost a round trip and a
 * commit per event, and two workers fell far behind the acknowledgements; writing a group as soon as the previous one
 * returned made groups of 17 at 4,000 events/s, each a transaction with its statements' fixed cost in the database.
 *
 * <p>An event's claim stays held, and renewed by the {@link ClaimKeeper}, until its completion is written; only
 * then is it dropped. Until then the event's subject stays closed to its next event, as before. The completion is
 * owner-guarded like every outcome: a claim taken over meanwhile is left to its new owner.
 */
final class Completions {

    private static final Logger log = Logs.get(Completions.class);

    /** Most completions per store call: bounds one statement's arrays, not the throughput. */
    static final int MAX_PER_CALL = 512;

    /** Handed over and not yet written; a full queue makes workers wait for the writer. */
    private static final int CAPACITY = 4096;

    /** The longest wait on an empty queue: a few wake-ups a second when idle, and close() never waits longer. */
    private static final long IDLE_MILLIS = 200;

    /**
     * While busy, the least time from the start of one group's call to the next: about 200 completions per group at
     * 4,000 events/s instead of 17, a twelfth of the transactions. A done mark's delay gates no acknowledgement; it
     * only holds the claim (renewed, as always, near its lease end) and the subject's next event a moment longer.
     */
    static final long GROUP_GAP_MILLIS = 50;
    private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final EventStore store;
    private final Clock clock;
    private final ClaimKeeper claims;
    private final long retryMillis;
    private final long gapNanos;
    private final BlockingQueue<Completion> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private final ReadWriteLock accepting = new ReentrantReadWriteLock();
    private volatile boolean stopping;
    /** Told after each group is written (the queued workers: a subject's next event may be claimable now). */
    private volatile Runnable afterWrite = () -> { };

    Completions(EngineConfig config, ClaimKeeper claims) {
        this(config, claims, TimeUnit.MILLISECONDS.toNanos(GROUP_GAP_MILLIS));
    }

    /** With another {@link #GROUP_GAP_MILLIS}, for tests. */
    Completions(EngineConfig config, ClaimKeeper claims, long gapNanos) {
        this.gapNanos = gapNanos;
        this.store = config.store();
        this.clock = config.clock();
        this.claims = claims;
        this.retryMillis = Math.max(10, config.pollInterval().toMillis());
        this.writer = new Thread(this::run, "ramphook-completions");
        writer.setDaemon(true); // like the workers: leases recover what an application that forgets close() leaves
    }

    void start() {
        writer.start();
    }

    /** Runs {@code action} on the writer's thread after each group of completions is written. */
    void afterWrite(Runnable action) {
        this.afterWrite = action;
    }

    /**
     * The event's handlers all succeeded: it is marked done soon, and its claim dropped then. After {@link #stop},
     * or when the calling thread is interrupted while the queue is full, it is written at once on this thread.
     */
    void add(StoredEvent event, String owner) {
        Completion completion = new Completion(event, owner);
        claims.completing(event, owner); // its renewals now leave its row to the group completion (ClaimKeeper)
        // Read lock: stop() cannot begin between the check and the put, so nothing is queued after the writer left.
        accepting.readLock().lock();
        try {
            if (!stopping) {
                queue.put(completion);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            accepting.readLock().unlock();
        }
        List<Completion> one = List.of(completion);
        if (!write(one)) {
            giveUp(one);
        }
    }

    private void run() {
        List<Completion> batch = new ArrayList<>();
        long lastCall = System.nanoTime() - gapNanos;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    // At most IDLE_MILLIS, not a whole poll interval: stop() is seen soon after the queue is empty.
                    Completion first = queue.poll(Math.min(retryMillis, IDLE_MILLIS), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    // Busy: let the group grow, in short naps, so that a full group or stop() ends the wait.
                    for (long wait = lastCall + gapNanos - System.nanoTime();
                         wait > 0 && !stopping && queue.size() < MAX_PER_CALL - 1;
                         wait = lastCall + gapNanos - System.nanoTime()) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(wait, NAP_NANOS));
                    }
                }
                queue.drainTo(batch, MAX_PER_CALL - batch.size());
                lastCall = System.nanoTime();
                if (write(batch)) {
                    batch.clear();
                } else if (stopping) {
                    giveUp(batch);
                    batch.clear();
                } else {
                    Thread.sleep(retryMillis); // the database is away; the claims are renewed meanwhile
                }
            } catch (InterruptedException e) {
                giveUp(batch);
                return;
            }
        }
    }

    /** Writes and drops the claims; false (and a WARN line) when the store failed, to be tried again. */
    private boolean write(List<Completion> batch) {
        try {
            store.completeAll(List.copyOf(batch), clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not mark {} handled event(s) done; retrying (an event whose claim expires first may be "
                    + "handled again): {}", batch.size(), e.getMessage());
            return false;
        }
        for (Completion c : batch) {
            claims.drop(c.event(), c.owner());
        }
        afterWrite.run();
        return true;
    }

    /** Shutting down with the store failing: the events run again once their claims expire. */
    private void giveUp(List<Completion> batch) {
        List<Completion> left = new ArrayList<>(batch);
        if (stopping) {
            queue.drainTo(left);
        }
        if (left.isEmpty()) {
            return;
        }
        log.error("{} handled event(s) could not be marked done; they are handled again after the claim lease",
                left.size());
        for (Completion c : left) {
            claims.drop(c.event(), c.owner()); // not released: a release would run them again at once
        }
    }

    /**
     * Writes what was handed over, then stops the writer (within {@code timeout}; the store's query timeout bounds
     * each call). Completions handed over afterwards are written by the caller's thread.
     */
    void stop(Duration timeout) {
        accepting.writeLock().lock();
        try {
            stopping = true;
        } finally {
            accepting.writeLock().unlock();
        }
        try {
            writer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
    }
}
