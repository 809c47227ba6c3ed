package dev.ramphook.internal.engine;

import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoreException;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.slf4j.Logger;

/**
 * Queued handling: worker threads claim due events from the store and run them. A new event wakes a worker at
 * once; retries, other instances' events and expired claims are found by polling.
 */
final class QueueWorker {

    private static final Logger log = Logs.get(QueueWorker.class);

    /** Events a worker claims in its first round trip, before it knows how long its events take. */
    static final int FIRST_BATCH = 8;

    /** The most events claimed in one round trip (one claim transaction is three round trips, whatever its size). */
    static final int MAX_BATCH = 64;

    /**
     * A worker claims about this much handling work at once: with fast handlers a claim's round trips are shared by
     * up to {@link #MAX_BATCH} events; with slow ones it claims few, so a batch does not keep events waiting on one
     * busy worker while others are idle. 100 ms: a claim is a few milliseconds, so it stays a small share either way.
     */
    static final long CLAIM_WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final EventStore store;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final long pollMillis;
    private final int workers;
    private final BiPredicate<StoredEvent, String> process;
    private final ExecutorService threads;
    private final Semaphore wake = new Semaphore(0);
    private final ClaimKeeper claims;
    private final Completions completions;
    private volatile boolean stopping;

    /**
     * {@code process} runs one claimed event under the given owner id, and answers true when the event succeeded and
     * its completion went to {@code completions} (which drops the claim once written); {@code claims} keeps (and
     * renews) every claim from the moment it is taken until its outcome is written.
     */
    QueueWorker(EngineConfig config, String owner, ClaimKeeper claims, Completions completions,
                BiPredicate<StoredEvent, String> process) {
        this.claims = claims;
        this.completions = completions;
        this.store = config.store();
        this.clock = config.clock();
        this.owner = owner;
        this.lease = config.lease();
        this.pollMillis = config.pollInterval().toMillis();
        this.workers = config.workers();
        this.process = process;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ramphook-worker-" + n.incrementAndGet());
            t.setDaemon(true); // an application that forgets close() still exits; leases recover its claims
            return t;
        });
    }

    void start() {
        for (int i = 1; i <= workers; i++) {
            // One owner id per worker: a claim taken over after its lease is visibly another owner's, even in-process.
            String workerOwner = workerPrefix() + i;
            threads.execute(() -> loop(workerOwner));
        }
    }

    private String workerPrefix() {
        return owner + "-w";
    }

    /** A new event is due: wake one idle worker. */
    void signal() {
        wake.release();
    }

    /** How many events to claim next, from the handling time per event seen so far (a moving average). */
    static int nextBatch(double nanosPerEvent) {
        if (nanosPerEvent <= 0) {
            return MAX_BATCH;
        }
        return (int) Math.max(1, Math.min(MAX_BATCH, CLAIM_WORK_NANOS / nanosPerEvent));
    }

    private void loop(String owner) {
        int batch = FIRST_BATCH;
        double nanosPerEvent = -1;
        while (!stopping) {
            try {
                claims.renewIfBehind(); // our own claims first: one that lapsed in an outage is not ours to retake
                List<StoredEvent> claimed = store.claimDue(owner, clock.instant(), lease, batch);
                if (claimed.isEmpty()) {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    continue;
                }
                claimed = held(claimed, owner);
                if (claimed.isEmpty()) {
                    continue;
                }
                long started = System.nanoTime();
                handle(claimed, owner);
                double perEvent = (double) (System.nanoTime() - started) / claimed.size();
                nanosPerEvent = nanosPerEvent < 0 ? perEvent : 0.7 * nanosPerEvent + 0.3 * perEvent;
                batch = nextBatch(nanosPerEvent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreException e) {
                log.warn("event store unavailable to worker {}; retrying in {} ms: {}", owner, pollMillis,
                        e.getMessage());
                pause();
            } catch (RuntimeException e) {
                log.error("unexpected failure in worker {}", owner, e);
                pause();
            }
        }
    }

    /**
     * The claimed events this worker may run, each now kept by the {@link ClaimKeeper} (stop() releases whatever is
     * still there). An event another owner of this process still holds is never run at the same time: after a
     * failed attempt with a very short backoff it is due again before that owner has dropped it, so the worker
     * waits a moment for the drop; if the other handling goes on (its claim lapsed in the store, in an outage longer
     * than the lease, and came back to us), the event is left to this new claim's lease: the outcome written under
     * the lapsed claim is ignored by the store, so it runs once more then, never at the same time.
     */
    private List<StoredEvent> held(List<StoredEvent> claimed, String owner) throws InterruptedException {
        List<StoredEvent> mine = new java.util.ArrayList<>(claimed.size());
        for (StoredEvent event : claimed) {
            if (claims.holdWhenFree(event, owner)) {
                mine.add(event);
            } else {
                log.warn("worker {} claimed {} again while this process still handles it (its claim lapsed while "
                        + "the database was away); not running it a second time now", owner, event);
            }
        }
        return mine;
    }

    /**
     * Runs a claimed batch in its due order; once stopping, gives the rest back unstarted. A failure of one event
     * (its outcome could not be written, say) ends only that event's claim, which then expires and is taken again;
     * the rest of the batch still runs rather than staying claimed (and renewed) with no one to run it.
     */
    private void handle(List<StoredEvent> claimed, String owner) {
        for (StoredEvent event : claimed) {
            if (stopping) {
                release(event, owner); // claimed but not started: due again at once, elsewhere
                continue;
            }
            boolean handedOver = false;
            try {
                handedOver = process.test(event, owner);
            } catch (StoreException e) {
                log.warn("event store failed while finishing {} in worker {}; it runs again after its claim lease: {}",
                        event, owner, e.getMessage());
            } catch (RuntimeException e) {
                log.error("unexpected failure handling {} in worker {}", event, owner, e);
            } finally {
                if (!handedOver) {
                    claims.drop(event, owner);
                }
            }
        }
    }

    private void release(StoredEvent event, String owner) {
        try {
            store.release(event, owner);
        } catch (RuntimeException e) {
            log.warn("shutdown: could not release {}; its claim expires after the lease", event, e);
        } finally {
            claims.drop(event, owner);
        }
    }

    private void pause() {
        try {
            wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Lets running handlers finish within {@code timeout}; gives back the claims of those that do not. */
    void stop(Duration timeout) {
        stopping = true;
        wake.release(workers);
        threads.shutdown();
        boolean finished = false;
        try {
            finished = threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Mark done what was handled before giving anything back: a released handled event would run again.
        completions.stop(timeout);
        if (finished) {
            return;
        }
        // Release before interrupting: the interrupted handler's failure must not count as an attempt.
        String prefix = workerPrefix();
        for (ClaimKeeper.Held claim : claims.heldBy(owner -> owner.startsWith(prefix))) {
            log.warn("shutdown: {} still claimed (running or not started); claim released, it will run again",
                    claim.event());
            release(claim.event(), claim.owner());
        }
        threads.shutdownNow();
    }
}
