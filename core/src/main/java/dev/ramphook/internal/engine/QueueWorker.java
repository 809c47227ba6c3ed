package dev.ramphook.internal.engine;

import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoreException;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * Queued handling: worker threads run the events this process recorded, handed to them by the record itself, and
 * claim from the store what it did not hand them. A new event of this process's own is recorded already claimed by
 * it ({@link Handoff}: the store writes the lease with the insert, unless an older event of its subject is still
 * pending) and goes straight to a worker, without a claim query. What is left to claiming: events whose subject was
 * busy, events recorded when the hand-off queue was full, retries, expired claims and other instances' leftovers.
 * A worker claims when told something is claimable (a new event not handed off, or an event done while such events
 * wait behind their subjects) and, otherwise, when the poll interval has passed since this process last found
 * nothing: one poll per interval for the whole process, not one per worker, and at once again after a full batch.
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

    /**
     * The most handed-off events waiting for a worker: each holds its body and a renewed claim. Beyond it a new event
     * is recorded unclaimed and claimed like any other, so memory stays bounded whatever the ingest rate.
     */
    static final int HANDOFF_CAPACITY = 1024;

    private final EventStore store;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final Duration handlerTimeout;
    private final long pollMillis;
    private final int workers;
    private final Process process;
    private final HandlerCalls.Bounded calls;
    /** The worker threads running their loop; a thread given up on (its handler hung) leaves this set. */
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final AtomicInteger replacements = new AtomicInteger();
    private final Semaphore wake = new Semaphore(0);
    private final ClaimKeeper claims;
    private final Completions completions;
    private final Handoff handoff;
    /** Set when something may be claimable that no poll is due to find soon; the next free worker claims. */
    private final AtomicBoolean claimable = new AtomicBoolean(true);
    /** {@link System#nanoTime()} of the next poll: one worker polls then, the others keep waiting. */
    private final AtomicLong nextPoll = new AtomicLong(System.nanoTime());
    /** Until then, events of this process wait unclaimed behind their subjects: a completion may free one. */
    private volatile long unhandedUntil = System.nanoTime();
    private volatile boolean stopping;

    /**
     * {@code process} runs one claimed event under the given owner id, and answers true when the event succeeded and
     * its completion went to {@code completions} (which drops the claim once written); {@code claims} keeps (and
     * renews) every claim from the moment it is taken until its outcome is written.
     */
    QueueWorker(EngineConfig config, String owner, ClaimKeeper claims, Completions completions,
                HandlerCalls.Bounded calls, Process process) {
        this.calls = calls;
        this.claims = claims;
        this.completions = completions;
        this.store = config.store();
        this.clock = config.clock();
        this.owner = owner;
        this.lease = config.lease();
        this.handlerTimeout = config.handlerTimeout();
        this.pollMillis = config.pollInterval().toMillis();
        this.workers = config.workers();
        this.process = process;
        this.handoff = new Handoff(); // after the owner: its claims' owner id is made of it
        completions.afterWrite(this::completed);
    }

    void start() {
        for (int i = 1; i <= workers; i++) {
            // One owner id per worker: a claim taken over after its lease is visibly another owner's, even in-process.
            startLoop(workerPrefix() + i);
        }
    }

    private void startLoop(String workerOwner) {
        Thread t = new Thread(() -> loop(workerOwner), "ramphook-worker-" + threadNumbers.incrementAndGet());
        t.setDaemon(true); // an application that forgets close() still exits; leases recover its claims
        running.add(t);
        t.start();
    }

    /**
     * What a worker thread is running, for the watchdog: when one of its handlers hangs past the handler timeout
     * and ignores the interrupt, the thread is given up on ({@link #abandoned}) and its unfinished events with it.
     */
    private static final class Batch {
        volatile List<StoredEvent> events = List.of();
        volatile int index;
        volatile String owner;
    }

    /**
     * On the watchdog's thread: {@code thread}'s handler ignored its interrupt past the grace period. Its claims of the
     * events it had not finished are dropped here (no longer renewed, they are claimed again, by any worker or
     * instance, once their lease ends, as after a crash), and a new thread with a new owner id takes its place, so
     * a hung handler costs its own event a lease, not a worker. The abandoned thread writes nothing if it returns.
     */
    private void abandoned(Thread thread, Batch batch) {
        running.remove(thread);
        List<StoredEvent> events = batch.events;
        int dropped = 0;
        for (int i = batch.index; i < events.size(); i++) {
            claims.drop(events.get(i), batch.owner);
            dropped++;
        }
        log.warn("a handler in {} ignored its interrupt {} ms after the handler timeout; that thread is given up "
                + "on, and its {} unfinished event(s) run again once their claim lease ends", thread.getName(),
                TimeUnit.NANOSECONDS.toMillis(HandlerCalls.graceNanos(handlerTimeout)), dropped);
        if (!stopping) {
            startLoop(workerPrefix() + "r" + replacements.incrementAndGet());
        }
    }

    private String workerPrefix() {
        return owner + "-w";
    }

    /** Something may be claimable (a new event not handed off, a replayed dead letter): a worker claims soon. */
    void signal() {
        claimable.set(true);
        wakeOne();
    }

    private void wakeOne() {
        if (wake.availablePermits() < workers) { // a few wake every idle worker; more would only spin them
            wake.release();
        }
    }

    /** The hand-off of this process's new events to its workers, for the record: see {@link Handoff}. */
    Handoff handoff() {
        return handoff;
    }

    /** Marked done: when events wait behind their subjects here, the next one of a subject may be claimable now. */
    private void completed() {
        if (unhandedUntil - System.nanoTime() > 0) {
            signal();
        }
    }

    /** A new event was recorded unclaimed: a claim takes it (now, or once its subject's earlier one is done). */
    private void recordedUnclaimed() {
        unhandedUntil = System.nanoTime() + lease.toNanos();
        signal();
    }

    /** Runs one claimed event; see the constructor. */
    @FunctionalInterface
    interface Process {
        /**
         * Runs {@code claimed} under {@code owner}; {@code parsed} is the event its delivery parsed (handed off
         * with it), or null: parse the stored body.
         */
        boolean run(StoredEvent claimed, WebhookEvent<?> parsed, String owner);
    }

    /**
     * The largest body whose parsed event travels with its hand-off: a worker then runs the handlers on the event
     * the delivery already parsed instead of parsing the stored body again (which was most of a worker's CPU per
     * event). Larger bodies are parsed again by the worker, so the queue's memory stays about its bodies'.
     */
    static final int PARSED_MAX_BODY = 16 * 1024;

    /** A handed-off event and, for a small body, what its delivery parsed (else null). */
    private record Handed(StoredEvent event, WebhookEvent<?> parsed) {
    }

    /**
     * The record's side of the hand-off: a slot in the bounded queue is reserved before the record, and what became
     * of the record is heard exactly once ({@link #accept}) on the store's committer thread, before the delivery is
     * answered: a claimed copy is kept by the {@link ClaimKeeper} (renewed like any claim) and queued for a worker.
     */
    final class Handoff implements BiConsumer<StoredEvent, Recorded> {
        private final String owner = workerPrefix() + "h";
        private final AtomicInteger queued = new AtomicInteger();
        private final Queue<Handed> events = new ConcurrentLinkedQueue<>();

        /** The owner id of handed-off claims (a worker prefix's, so that shutdown gives them back with the rest). */
        String owner() {
            return owner;
        }

        Instant leaseUntil(Instant now) {
            return now.plus(lease);
        }

        /** A slot for one more handed-off event; false when the queue is full (or stopping): record it unclaimed. */
        boolean tryReserve() {
            if (stopping) {
                return false;
            }
            if (queued.incrementAndGet() > HANDOFF_CAPACITY) {
                queued.decrementAndGet();
                return false;
            }
            return true;
        }

        /**
         * For a reserved slot: {@code claimed} is the event recorded claimed by {@link #owner()}, or null when it was
         * not (its subject busy, a duplicate, or not recorded: {@code answer} null).
         */
        @Override
        public void accept(StoredEvent claimed, Recorded answer) {
            accept(claimed, answer, null);
        }

        /**
         * The hand-off's callback for a delivery whose parsed event may travel with it ({@link #PARSED_MAX_BODY}):
         * what {@link #accept(StoredEvent, Recorded)} does, the worker then skipping the parse.
         */
        BiConsumer<StoredEvent, Recorded> carrying(WebhookEvent<?> parsed, int bodyLength) {
            return parsed == null || bodyLength > PARSED_MAX_BODY ? this
                    : (claimed, answer) -> accept(claimed, answer, parsed);
        }

        private void accept(StoredEvent claimed, Recorded answer, WebhookEvent<?> parsed) {
            if (claimed == null) {
                queued.decrementAndGet();
                if (answer == Recorded.NEW) {
                    recordedUnclaimed();
                }
                return;
            }
            if (!claims.holdHandedOff(claimed, owner)) { // a brand-new row, not held here yet; never run it twice
                queued.decrementAndGet();
                return;
            }
            synchronized (this) {
                if (!stopping) {
                    events.add(new Handed(claimed, parsed));
                    wakeOne();
                    return;
                }
            }
            queued.decrementAndGet();
            release(claimed, owner); // recorded while stopping: due again at once, for any instance
        }

        /** A record without a reserved slot: a new event waits for a claim. */
        void recorded(Recorded answer) {
            if (answer == Recorded.NEW) {
                recordedUnclaimed();
            }
        }

        /** Up to {@code max} handed-off events, oldest first; what their deliveries parsed goes to {@code parsed}. */
        List<StoredEvent> take(int max, List<WebhookEvent<?>> parsed) {
            List<StoredEvent> taken = new ArrayList<>(Math.min(max, queued.get() + 1));
            for (Handed h = taken.size() < max ? events.poll() : null; h != null;
                 h = taken.size() < max ? events.poll() : null) {
                taken.add(h.event());
                parsed.add(h.parsed());
                queued.decrementAndGet();
            }
            return taken;
        }

        /** Stops the queue: nothing is added after this; what is in it is returned. */
        List<StoredEvent> close() {
            synchronized (this) {
                stopping = true;
            }
            return take(Integer.MAX_VALUE, new ArrayList<>());
        }
    }

    /** How many events to claim next, from the handling time per event seen so far (a moving average). */
    static int nextBatch(double nanosPerEvent) {
        if (nanosPerEvent <= 0) {
            return MAX_BATCH;
        }
        return (int) Math.max(1, Math.min(MAX_BATCH, CLAIM_WORK_NANOS / nanosPerEvent));
    }

    private void loop(String owner) {
        Thread self = Thread.currentThread();
        Batch current = new Batch();
        calls.watch(() -> abandoned(self, current), () -> stopping); // handlers run on this thread, watched
        try {
            loop(owner, current);
        } catch (HandlerCalls.Abandoned given) {
            // a hung handler returned after this thread was given up on: its place is taken, it just ends
        } finally {
            calls.unwatch();
            running.remove(self);
        }
    }

    private void loop(String owner, Batch current) {
        int batch = FIRST_BATCH;
        double nanosPerEvent = -1;
        while (!stopping) {
            try {
                claims.renewIfBehind(); // our own claims first: one that lapsed in an outage is not ours to retake
                String runAs = handoff.owner();
                List<WebhookEvent<?>> parsed = new ArrayList<>();
                List<StoredEvent> claimed = handoff.take(batch, parsed);
                if (claimed.isEmpty()) {
                    if (!claimable.getAndSet(false) && !pollNow()) {
                        wake.tryAcquire(Math.max(1, (nextPoll.get() - System.nanoTime()) / 1_000_000),
                                TimeUnit.MILLISECONDS);
                        continue;
                    }
                    runAs = owner;
                    claimed = store.claimDue(owner, clock.instant(), lease, batch);
                    // Nothing: the next poll one interval from now. Some: at once again; a full batch, more wait.
                    long next = claimed.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(pollMillis) : 0;
                    nextPoll.set(System.nanoTime() + next);
                    if (claimed.size() == batch) {
                        signal();
                    }
                    claimed = held(claimed, owner);
                    if (claimed.isEmpty()) {
                        continue;
                    }
                }
                long started = System.nanoTime();
                current.owner = runAs;
                current.index = 0;
                current.events = claimed;
                handle(claimed, parsed, runAs, current);
                current.events = List.of();
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
    private void handle(List<StoredEvent> claimed, List<WebhookEvent<?>> parsed, String owner, Batch current) {
        for (int i = 0; i < claimed.size(); i++) {
            StoredEvent event = claimed.get(i);
            if (stopping) {
                release(event, owner); // claimed but not started: due again at once, elsewhere
                continue;
            }
            current.index = i;
            boolean handedOver = false;
            boolean abandoned = false;
            try {
                handedOver = process.run(event, i < parsed.size() ? parsed.get(i) : null, owner);
            } catch (HandlerCalls.Abandoned given) {
                abandoned = true; // its claims were handed on already: touch nothing of this batch
                throw given;
            } catch (StoreException e) {
                log.warn("event store failed while finishing {} in worker {}; it runs again after its claim lease: {}",
                        event, owner, e.getMessage());
            } catch (RuntimeException e) {
                log.error("unexpected failure handling {} in worker {}", event, owner, e);
            } finally {
                if (!handedOver && !abandoned) {
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

    /** True for the one worker that takes the poll now due (it moves the next one a poll interval on). */
    private boolean pollNow() {
        long at = nextPoll.get();
        long now = System.nanoTime();
        return now - at >= 0 && nextPoll.compareAndSet(at, now + TimeUnit.MILLISECONDS.toNanos(pollMillis));
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
        synchronized (handoff) {
            stopping = true; // no hand-off queued after this: see Handoff.accept
        }
        wake.release(workers + running.size());
        boolean finished = awaitLoops(timeout);
        // Mark done what was handled before giving anything back: a released handled event would run again.
        completions.stop(timeout);
        for (StoredEvent event : handoff.close()) { // handed off, never started: due again at once, elsewhere
            release(event, handoff.owner());
        }
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
        for (Thread t : running) {
            t.interrupt();
        }
    }

    /** True when every worker loop ended within {@code timeout} (threads given up on are not waited for). */
    private boolean awaitLoops(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread t : List.copyOf(running)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return running.isEmpty();
    }
}
