package dev.ramphook.store;

import dev.ramphook.internal.text.Logs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Group commit: concurrent records share one transaction. A committer takes whatever records wait when its previous
 * commit returns (up to {@link #MAX_BATCH}), writes them together and completes each caller's future with its own
 * answer. One record alone waits one commit; under load the batches grow instead of the queue of commits, which is
 * how more events can be acknowledged per second than the database commits transactions.
 *
 * <p>A caller waits on its future as long as it likes and may {@linkplain CompletableFuture#cancel cancel} it: a
 * record cancelled before a committer took it is never written; one cancelled later may still commit, and its answer
 * then goes to the caller's {@code late} consumer (on the committer's thread). A failed batch is written again row
 * by row when the failure may be one row's (a value the database refuses), so one bad event cannot fail its
 * neighbours; an unreachable or timed-out database fails every caller of the batch at once.
 *
 * <p>One committer writes while it keeps up: a batch is then everything that queued during the previous commit, the
 * largest batches and fewest transactions the load allows. A second one starts only while more than a full batch
 * waits, and ends once the queue is back under one: two committers always, as before, halved the batches under a
 * steady load (durable.sh at 18:40 UTC: 11 records per transaction with two, 19 with one; the database's CPU per
 * acknowledgement 88-93 us against 81) without answering sooner on a database that was already busy.
 *
 * <p>Committer threads start when records come and end after {@link #IDLE_SECONDS} without any, so a store nobody
 * uses holds no thread, and no {@link EventStore#close()} is needed (the receiver never closes a store it may share).
 */
final class GroupCommit {

    /** The most records in one transaction. */
    static final int MAX_BATCH = 256;
    /** The most records waiting for a committer; beyond it recording fails at once (503) instead of queueing more. */
    static final int MAX_WAITING = 4_096;
    /** The most committers of one store: the second only while more than {@link #MAX_BATCH} records wait. */
    static final int COMMITTERS = 2;
    private static final long IDLE_SECONDS = 30;

    private static final Logger log = Logs.get(GroupCommit.class);

    /** Writes one batch; its answers in the batch's order. */
    interface Writer extends Function<List<JdbcRecords.Row>, JdbcRecords.Written> {
    }

    /**
     * A record waiting for its commit. {@code handoff}, when given (with the row's owner), hears once what became of
     * it, before its caller does: the claimed copy and {@code NEW} when it was recorded claimed by the row's owner;
     * null and the answer when it was recorded otherwise (or was there already); null and null when it was not
     * recorded (failed, given up on before it was taken, refused, or the store closed).
     */
    private record Ticket(JdbcRecords.Row row, CompletableFuture<Recorded> result, Consumer<? super Recorded> late,
                          BiConsumer<StoredEvent, Recorded> handoff) {
        void handed(StoredEvent claimed, Recorded answer) {
            if (handoff == null) {
                return;
            }
            try {
                handoff.accept(claimed, answer);
            } catch (RuntimeException | Error e) { // the committer goes on: other batches wait for it
                log.warn("hand-off callback failed: {}", e.toString());
            }
        }
    }

    private final Writer writer;
    private final String name;
    private final LinkedBlockingQueue<Ticket> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile boolean closed;

    GroupCommit(Writer writer, String name) {
        this.writer = writer;
        this.name = name;
    }

    /**
     * Queues {@code event} for the next batch.
     *
     * @param late gets the answer of a record that committed after its future was cancelled; may be null
     * @return the answer, or a {@link StoreException} when it could not be recorded (or could not wait: too many wait)
     */
    CompletableFuture<Recorded> submit(StoredEvent event, Instant now, Consumer<? super Recorded> late) {
        return submit(new JdbcRecords.Row(event, now), late, null);
    }

    /**
     * Queues {@code row} for the next batch, to be handed off when it has an owner: see {@link Ticket} for what
     * {@code handoff} hears (exactly once, when given).
     */
    CompletableFuture<Recorded> submit(JdbcRecords.Row row, Consumer<? super Recorded> late,
                                       BiConsumer<StoredEvent, Recorded> handoff) {
        CompletableFuture<Recorded> result = new CompletableFuture<>();
        Ticket ticket = new Ticket(row, result, late, handoff);
        if (closed) {
            ticket.handed(null, null);
            result.completeExceptionally(new StoreException("event store record failed: the store is closed"));
            return result;
        }
        if (!waiting.offer(ticket)) {
            ticket.handed(null, null);
            result.completeExceptionally(new StoreException("event store record refused: " + MAX_WAITING
                    + " records already wait for the database"));
            return result;
        }
        startCommitter();
        return result;
    }

    /** Fails every waiting record; committers finish their batch and stop. */
    void close() {
        closed = true;
        List<Ticket> left = new ArrayList<>();
        waiting.drainTo(left);
        for (Ticket t : left) {
            t.handed(null, null);
            t.result().completeExceptionally(new StoreException("event store record failed: the store is closed"));
        }
    }

    private void startCommitter() {
        for (int r = running.get(); r < (waiting.size() > MAX_BATCH ? COMMITTERS : 1); r = running.get()) {
            if (running.compareAndSet(r, r + 1)) {
                Thread t = new Thread(this::commitLoop, "ramphook-group-commit-" + name + "-"
                        + threads.incrementAndGet());
                t.setDaemon(true); // a commit stuck on a dead database must not keep the application from exiting
                t.start();
                return;
            }
        }
    }

    private void commitLoop() {
        boolean counted = true; // this thread is one of the running committers
        try {
            while (!closed) {
                Ticket first = waiting.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                if (first == null) {
                    running.decrementAndGet();
                    counted = false;
                    // A record queued while we decided to stop, when every other committer was busy, is ours.
                    if (waiting.isEmpty() || !rejoin()) {
                        return;
                    }
                    counted = true;
                    continue;
                }
                List<Ticket> batch = new ArrayList<>(Math.min(MAX_BATCH, waiting.size() + 1));
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                if (waiting.size() <= MAX_BATCH && leaveWhenNotAlone()) { // one keeps up again: the extra one goes
                    counted = false;
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                running.decrementAndGet(); // whatever ended the loop, a new record starts a new committer
            }
        }
    }

    /** True when this committer stopped counting itself because another one still runs. */
    private boolean leaveWhenNotAlone() {
        for (int r = running.get(); r > 1; r = running.get()) {
            if (running.compareAndSet(r, r - 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean rejoin() {
        for (int r = running.get(); r < COMMITTERS; r = running.get()) {
            if (running.compareAndSet(r, r + 1)) {
                return true;
            }
        }
        return false;
    }

    private void commit(List<Ticket> taken) {
        List<Ticket> batch = new ArrayList<>(taken.size());
        for (Ticket t : taken) {
            if (!t.result().isDone()) { // cancelled before it was taken: its caller gave up, so never write it
                batch.add(t);
            } else {
                t.handed(null, null);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            answer(batch, write(batch));
        } catch (StoreException e) {
            if (batch.size() > 1 && JdbcRecords.mayBeOneRow(e)) {
                oneByOne(batch);
            } else {
                fail(batch, e);
            }
        } catch (RuntimeException | Error e) {
            if (batch.size() > 1 && !(e instanceof Error)) {
                oneByOne(batch);
            } else {
                fail(batch, e);
            }
        }
    }

    private JdbcRecords.Written write(List<Ticket> batch) {
        List<JdbcRecords.Row> rows = new ArrayList<>(batch.size());
        for (Ticket t : batch) {
            rows.add(t.row());
        }
        return writer.apply(rows);
    }

    private void oneByOne(List<Ticket> batch) {
        for (Ticket t : batch) {
            if (t.result().isDone()) {
                t.handed(null, null);
                continue; // given up on while its batch failed, and nothing of it was written: leave it
            }
            try {
                answer(List.of(t), write(List.of(t)));
            } catch (RuntimeException | Error e) {
                fail(List.of(t), e);
            }
        }
    }

    private static void answer(List<Ticket> batch, JdbcRecords.Written written) {
        Recorded[] answers = written.answers();
        for (int i = 0; i < batch.size(); i++) {
            Ticket t = batch.get(i);
            // Before the caller's answer: the claim is held (and renewed) from before the event is acknowledged.
            if (written.handed()[i]) {
                JdbcRecords.Row row = t.row();
                t.handed(row.event().nextAttempt(), Recorded.NEW);
            } else {
                t.handed(null, answers[i]);
            }
            if (!t.result().complete(answers[i]) && t.late() != null) {
                try {
                    t.late().accept(answers[i]);
                } catch (RuntimeException | Error e) { // the committer goes on: other batches wait for it
                    log.warn("late record callback failed: {}", e.toString());
                }
            }
        }
    }

    /** Each caller gets its own exception: one instance thrown on many threads would share its suppressed list. */
    private static void fail(List<Ticket> batch, Throwable failure) {
        for (Ticket t : batch) {
            t.handed(null, null);
            t.result().completeExceptionally(failure instanceof StoreException e
                    ? new StoreException(e.getMessage(), e.getCause())
                    : new StoreException("event store record failed: " + failure.getClass().getName(), failure));
        }
    }
}
