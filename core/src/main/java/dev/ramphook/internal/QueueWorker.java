package dev.ramphook.internal;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoreException;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queued handling: worker threads claim due events from the store and run them. A new event wakes a worker at
 * once; retries, other instances' events and expired claims are found by polling.
 */
final class QueueWorker {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

    private final EventStore store;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final long pollMillis;
    private final int workers;
    private final Consumer<StoredEvent> process;
    private final ExecutorService threads;
    private final Semaphore wake = new Semaphore(0);
    private final Set<StoredEvent> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    QueueWorker(EngineConfig config, String owner, Consumer<StoredEvent> process) {
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
        for (int i = 0; i < workers; i++) {
            threads.execute(this::loop);
        }
    }

    /** A new event is due: wake one idle worker. */
    void signal() {
        wake.release();
    }

    private void loop() {
        while (!stopping) {
            try {
                List<StoredEvent> claimed = store.claimDue(owner, clock.instant(), lease, 1);
                if (claimed.isEmpty()) {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    continue;
                }
                for (StoredEvent event : claimed) {
                    inFlight.add(event);
                    try {
                        process.accept(event);
                    } finally {
                        inFlight.remove(event);
                    }
                }
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
        try {
            if (threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Release before interrupting: the interrupted handler's failure must not count as an attempt.
        for (StoredEvent event : inFlight) {
            try {
                store.release(event, owner);
                log.warn("shutdown: handler still running for {}; claim released, it will run again", event);
            } catch (RuntimeException e) {
                log.warn("shutdown: could not release {}; its claim expires after the lease", event, e);
            }
        }
        threads.shutdownNow();
    }
}
