package dev.ramphook.store;

import static dev.ramphook.store.JdbcEventStoreTest.execute;
import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements that write many claimed rows lock them in id order, so two of them never wait on each other in a
 * circle. Under load a renewal (every claim of a process) and a group completion shared rows, locked them in their
 * arrays' orders and deadlocked every few seconds; a failed renewal stops the workers claiming.
 */
class LockOrderTest {

    private static final java.util.concurrent.atomic.AtomicReference<String> PREFIX =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * A table like a loaded one, 200,000 pending rows claimed by another receiver: with few pending rows PostgreSQL
     * scans them in id order; with many it looks the arrays' rows up in the arrays' order, as in production.
     */
    @BeforeAll
    static void aLoadedTable() throws Exception {
        String prefix = TestPostgres.freshPrefix();
        PREFIX.set(prefix);
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        execute("INSERT INTO " + prefix + "events (provider, event_key, name, endpoint, headers, received_at, state,"
                + " attempts, next_attempt_at, completed_handlers, claimed_by, lease_until) SELECT 'zbd', 'held-' || g,"
                + " 'X', '/x', '{}', TIMESTAMPTZ '" + T0 + "', 'PENDING', 1, TIMESTAMPTZ '" + T0 + "', '[]', 'another',"
                + " TIMESTAMPTZ '" + T0.plus(LEASE) + "' FROM generate_series(1, 200000) g");
        execute("ANALYZE " + prefix + "events");
    }

    /**
     * A renewal waits for no row: one that another transaction holds (in this process, the completion or failure
     * that ends the claim; elsewhere, a takeover after the lease ended) is left for the next renewal, a third of a
     * lease later, and the others are renewed now. Waiting made a renewal of thousands of claims queue behind group
     * completions and time out under a saturating soak; then the workers claimed nothing until one succeeded.
     */
    @Test
    void aRenewalSkipsARowAnotherTransactionHoldsAndRenewsTheRestAtOnce() throws Exception {
        String prefix = PREFIX.get();
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        store.record(event("renew-first"), T0);
        store.record(event("renew-second"), T0);
        StoredEvent first = store.claim("zbd", "renew-first", "w", T0, LEASE).orElseThrow();
        StoredEvent second = store.claim("zbd", "renew-second", "w", T0, LEASE).orElseThrow();
        try (Connection other = TestPostgres.dataSource().getConnection(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("UPDATE " + prefix + "events SET last_error = 'other' WHERE event_key = 'renew-first'");
            List<EventStore.Claim> claims = Stream.of(second, first)
                    .map(e -> new EventStore.Claim(e.provider(), e.key(), "w")).toList();
            CompletableFuture<Integer> renewed = CompletableFuture.supplyAsync(
                    () -> store.renew(claims, T0.plusSeconds(5), LEASE));
            // Returns while the other transaction still holds its row: it did not wait for it.
            await().until(renewed::isDone);
            assertThat(renewed.get()).isEqualTo(1);
            other.rollback();
        }
        assertThat(JdbcEventStoreTest.queryInts("SELECT count(*) FROM " + prefix + "events WHERE event_key ="
                + " 'renew-second' AND lease_until = TIMESTAMPTZ '" + T0.plusSeconds(5).plus(LEASE) + "'"))
                .containsExactly(1);
    }

    @Test
    void aGroupCompletionLocksInIdOrder() throws Exception {
        writesInIdOrder("body = NULL", (store, claims) -> {
            store.completeAll(claims.stream().map(e -> new EventStore.Completion(e, "w")).toList(), T0);
            return done(store);
        });
    }

    /**
     * Another transaction holds the first row; the statement, given the rows last first, must wait for it without
     * holding the second, which the other transaction then takes. In arrays' order it held the second: deadlock.
     */
    private static void writesInIdOrder(String marker, java.util.function.BiFunction<JdbcEventStore,
            List<StoredEvent>, Integer> write) throws Exception {
        String prefix = PREFIX.get();
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        String run = "complete-";
        store.record(event(run + "first"), T0);
        store.record(event(run + "second"), T0);
        StoredEvent first = store.claim("zbd", run + "first", "w", T0, LEASE).orElseThrow();
        StoredEvent second = store.claim("zbd", run + "second", "w", T0, LEASE).orElseThrow();

        try (Connection other = TestPostgres.dataSource().getConnection(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("UPDATE " + prefix + "events SET last_error = 'other' WHERE event_key = '" + run + "first'");
            CompletableFuture<Integer> written = CompletableFuture.supplyAsync(
                    () -> write.apply(store, List.of(second, first)));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnALock(prefix, marker));

            s.execute("UPDATE " + prefix + "events SET last_error = 'other' WHERE event_key = '" + run + "second'");
            other.commit();

            assertThat(written.get()).isEqualTo(2);
        }
    }

    private static int done(JdbcEventStore store) {
        try {
            return JdbcEventStoreTest.queryInts("SELECT count(*) FROM " + PREFIX.get()
                    + "events WHERE state = 'DONE' AND event_key LIKE 'complete-%'")
                    .get(0);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean waitingOnALock(String prefix, String marker) throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND query LIKE '%UPDATE " + prefix + "events e SET %' AND query LIKE '%" + marker + "%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
