package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent records share transactions (group commit), and sharing changes no answer: each caller gets what it
 * would have got alone. The store's writers are held at a gate in front of the database while the records queue up,
 * so how many transactions they take is a count, not a timing.
 */
class GroupCommitTest {

    private static final int CALLERS = 40;

    private final String prefix = TestPostgres.freshPrefix();
    private final CountingDataSource db = CountingDataSource.of(TestPostgres.dataSource());
    private final JdbcEventStore store = JdbcEventStore.builder(db.dataSource()).tablePrefix(prefix).build();
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void stop() {
        db.open();
        callers.shutdownNow();
        store.close();
    }

    /** Records {@code events} from one thread each, all queued behind held writers, then lets the writers go. */
    private List<Future<Recorded>> recordAllAtOnce(List<StoredEvent> events) {
        db.reset();
        db.close();
        List<Future<Recorded>> answers = recordParked(events);
        db.open();
        return answers;
    }

    /** Records {@code events} from one thread each; returns once every caller is parked waiting for its answer. */
    private List<Future<Recorded>> recordParked(List<StoredEvent> events) {
        List<Future<Recorded>> answers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (StoredEvent e : events) {
            answers.add(callers.submit(() -> {
                synchronized (threads) {
                    threads.add(Thread.currentThread());
                }
                return store.record(e, T0);
            }));
        }
        // Parked: waiting for its batch's answer (or, one record per transaction, at the gate).
        await().until(() -> {
            synchronized (threads) {
                return threads.size() == events.size() && threads.stream()
                        .allMatch(t -> t.getState() == Thread.State.WAITING);
            }
        });
        return answers;
    }

    private static List<Recorded> answers(List<Future<Recorded>> futures) throws Exception {
        List<Recorded> answers = new ArrayList<>();
        for (Future<Recorded> f : futures) {
            answers.add(f.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }

    @Test
    void concurrentRecordsShareTransactions() throws Exception {
        List<StoredEvent> events = IntStream.range(0, CALLERS).mapToObj(i -> event("e" + i)).toList();

        List<Recorded> answers = answers(recordAllAtOnce(events));

        assertThat(answers).hasSize(CALLERS).containsOnly(Recorded.NEW);
        assertThat(rows()).isEqualTo(CALLERS);
        // Two writers each held with one record at the gate; everything queued behind them goes in one or two more.
        assertThat(db.transactions.get()).as("transactions for %d records", CALLERS).isLessThanOrEqualTo(4);
        assertThat(db.connections.get()).isLessThanOrEqualTo(4);
        // New keys only: one insert statement per transaction, no read of duplicates' states.
        assertThat(db.statements.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void concurrentHandOffsShareTransactionsAndAreEachHandedOffOnce() throws Exception {
        List<StoredEvent> handed = new CopyOnWriteArrayList<>();
        db.reset();
        db.close();
        List<CompletableFuture<Recorded>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) { // each about a subject of its own, as ZBD's sessions are
            answers.add(store.recordSoon(StoreTestEvents.about("s-" + i, "h" + i, null), T0, null, "a-w1h",
                    T0.plus(StoreTestEvents.LEASE), (claimed, recorded) -> {
                        if (claimed != null) {
                            handed.add(claimed);
                        }
                    }));
            if (i == 0) {
                await().until(() -> db.waitingAtGate.get() == 1); // the committer holds one at the gate
            }
        }
        db.open(); // the rest queued behind it

        for (CompletableFuture<Recorded> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(Recorded.NEW);
        }
        assertThat(handed).hasSize(CALLERS);
        assertThat(rows()).isEqualTo(CALLERS);
        // The subject locks and the insert are one statement text in one transaction per batch, however many.
        assertThat(db.transactions.get()).as("transactions for %d hand-offs", CALLERS).isLessThanOrEqualTo(4);
        assertThat(db.statements.get()).as("statements for %d hand-offs", CALLERS).isLessThanOrEqualTo(4);
    }

    @Test
    void oneCommitterWritesWhatQueuedDuringItsCommitAsOneBatch() throws Exception {
        db.reset();
        db.close();
        List<CompletableFuture<Recorded>> answers = new ArrayList<>();
        answers.add(store.recordSoon(event("first"), T0, null));
        await().until(() -> db.waitingAtGate.get() == 1); // the committer holds it at the gate
        for (int i = 0; i < GroupCommit.MAX_BATCH; i++) { // a full batch, no more, queues behind that commit
            answers.add(store.recordSoon(event("q" + i), T0, null));
        }
        db.open();

        for (CompletableFuture<Recorded> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(Recorded.NEW);
        }
        // No second committer took some of the batch for a transaction of its own (two always did, before).
        assertThat(db.transactions.get()).as("transactions for %d records", answers.size()).isEqualTo(2);
    }

    @Test
    void aSecondCommitterJoinsWhileMoreThanAFullBatchWaits() throws Exception {
        db.reset();
        db.close();
        List<CompletableFuture<Recorded>> answers = new ArrayList<>();
        answers.add(store.recordSoon(event("first"), T0, null));
        await().until(() -> db.waitingAtGate.get() == 1);
        for (int i = 0; i <= GroupCommit.MAX_BATCH; i++) {
            answers.add(store.recordSoon(event("q" + i), T0, null));
        }
        await().until(() -> db.waitingAtGate.get() == 2); // the second committer, with a batch of its own
        db.open();

        for (CompletableFuture<Recorded> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(Recorded.NEW);
        }
        assertThat(rows()).isEqualTo(GroupCommit.MAX_BATCH + 2);
    }

    @Test
    void concurrentCopiesOfOneKeyAreOneNewEventAndDuplicates() throws Exception {
        List<StoredEvent> copies = IntStream.range(0, CALLERS).mapToObj(i -> event("same")).toList();

        List<Recorded> answers = answers(recordAllAtOnce(copies));

        assertThat(answers).filteredOn(r -> r == Recorded.NEW).hasSize(1);
        assertThat(answers).filteredOn(r -> r != Recorded.NEW).hasSize(CALLERS - 1).containsOnly(Recorded.PENDING);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void copiesInsideOneBatchAnswerAsDuplicatesOfTheFirst() throws SQLException {
        store.record(event("done"), T0);
        StoredEvent done = store.claim("zbd", "done", "w", T0, StoreTestEvents.LEASE).orElseThrow();
        store.complete(done, "w", T0);
        store.record(event("held"), T0);
        store.claim("zbd", "held", "w", T0, StoreTestEvents.LEASE).orElseThrow();

        List<Recorded> answers = store.recordAll(List.of(event("a"), event("b"), event("a"), event("done"),
                event("held"), event("done"), event("b")), T0.plusSeconds(1));

        assertThat(answers).containsExactly(Recorded.NEW, Recorded.NEW, Recorded.PENDING, Recorded.DONE,
                Recorded.IN_PROGRESS, Recorded.DONE, Recorded.PENDING);
        assertThat(rows()).isEqualTo(4);
    }

    @Test
    void aRowTheDatabaseRefusesFailsItsOwnRecordOnly() throws Exception {
        // A record holds the committer at the gate, so that the rest queue up and go in as one batch.
        db.close();
        List<Future<Recorded>> holders = new ArrayList<>(recordParked(List.of(event("h1"))));
        await().until(() -> db.waitingAtGate.get() == 1);
        holders.addAll(recordParked(List.of(event("h2"))));
        StoredEvent refused = event("zbd", "bad\u0000key"); // PostgreSQL text cannot hold NUL
        List<Future<Recorded>> batch = recordParked(List.of(event("g1"), event("g2"), refused, event("g3")));
        db.open();
        Future<Recorded> bad = batch.remove(2);

        assertThat(answers(holders)).containsOnly(Recorded.NEW);
        assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class)
                .cause().hasMessageContaining("event store record failed (SQLSTATE");
        assertThat(answers(batch)).containsOnly(Recorded.NEW);
        assertThat(rows()).isEqualTo(5);
    }

    @Test
    void aBatchTheDatabaseCannotTakeFailsEachOfItsCallers() throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + prefix + "events");
        }
        List<StoredEvent> events = IntStream.range(0, 10).mapToObj(i -> event("e" + i)).toList();

        List<Future<Recorded>> answers = recordAllAtOnce(events);

        for (Future<Recorded> f : answers) {
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class)
                    .cause().hasMessage("event store record failed (SQLSTATE 42P01)");
        }
    }

    @Test
    void aRecordCancelledBeforeItsBatchIsNeverWritten() throws Exception {
        List<Recorded> lateOfTaken = new CopyOnWriteArrayList<>();
        List<Recorded> lateOfQueued = new CopyOnWriteArrayList<>();
        db.close();
        CompletableFuture<Recorded> taken = store.recordSoon(event("taken"), T0, lateOfTaken::add);
        await().until(() -> db.waitingAtGate.get() == 1);
        CompletableFuture<Recorded> other = store.recordSoon(event("other"), T0, null); // queued, not cancelled
        CompletableFuture<Recorded> queued = store.recordSoon(event("queued"), T0, lateOfQueued::add);

        assertThat(queued.cancel(false)).isTrue();
        assertThat(taken.cancel(false)).isTrue();
        db.open();

        assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(Recorded.NEW);
        await().until(() -> lateOfTaken.equals(List.of(Recorded.NEW))); // committed after its caller gave up
        assertThat(rows()).isEqualTo(2);
        assertThat(store.record(event("queued"), T0)).isEqualTo(Recorded.NEW); // never written before
        assertThat(lateOfQueued).isEmpty();
    }

    private int rows() throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prefix + "events")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
