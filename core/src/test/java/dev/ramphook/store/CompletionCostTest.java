package dev.ramphook.store;

import static dev.ramphook.store.Plans.rowsRead;
import static dev.ramphook.store.JdbcEventStoreTest.execute;
import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the database writes per event on the delivery path, counted without a clock: the WAL records that
 * {@code EXPLAIN (ANALYZE, WAL)} reports for the group completion and the renewal of {@link #BATCH} claims and for the
 * hand-off insert of {@link #INSERTED} events, on a table of {@link #DONE} done rows. A record is a heap change or one
 * index entry, so the count per row is the number of indexes the statement writes to, plus the row itself (and its
 * lock): what the database's CPU per acknowledgement follows (AckThroughput). A plain completion runs no trigger.
 */
class CompletionCostTest {

    private static final int DONE = 50_000;
    private static final int CLAIMED = 2_000;
    private static final int BATCH = 512;
    private static final int INSERTED = 32;

    private static String prefix;
    private static JdbcTables tables;
    private static JdbcStatements sql;

    @BeforeAll
    static void aTableOfDoneRowsAndSomeClaims() throws SQLException {
        prefix = TestPostgres.freshPrefix();
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        tables = new JdbcTables(null, prefix);
        sql = JdbcStatements.of(tables);
        String t = tables.events();
        execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false)");
        String rows = "INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at,"
                + " state, attempts, next_attempt_at, completed_handlers, subject, claimed_by, lease_until, done_at)"
                + " SELECT 'zbd', '%1$s-' || g, 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', %2$s, '{}',"
                + " TIMESTAMPTZ '" + T0 + "' + g * interval '1 ms', '%3$s', 1, TIMESTAMPTZ '" + T0 + "', '[]',"
                + " '%1$s-session-' || g, %4$s, %5$s, %6$s FROM generate_series(1, %7$d) g";
        execute(String.format(rows, "done", "NULL", "DONE", "NULL", "NULL", "TIMESTAMPTZ '" + T0 + "'", DONE));
        execute(String.format(rows, "held", "'\\x7b7d'", "PENDING", "'live-owner'",
                "TIMESTAMPTZ '" + T0.plus(LEASE) + "'", "NULL", CLAIMED));
        execute("VACUUM ANALYZE " + t);
    }

    @Test
    void aCompletionWritesItsRowAndTwoIndexEntriesAndRunsNoTrigger() throws Exception {
        JsonNode plan = explainedOverClaims(sql.completeAll(), T0);
        long wal = plan.get(0).path("Plan").path("WAL Records").asLong();
        System.out.printf("completion of %d: %d WAL records, %.2f per row, %d bytes per row%n", BATCH, wal,
                (double) wal / BATCH, plan.get(0).path("Plan").path("WAL Bytes").asLong() / BATCH);

        // Per row: its new version (on its own page, the fillfactor's room), the primary key, the dedup key, and the
        // odd page split: 4.2-4.3. Schema version 7 wrote 6.2-6.3 (the receive time and name indexes as well), version
        // 6 9.1 (the key, due and done indexes too, and the new version on another page).
        assertThat((double) wal / BATCH).as("WAL records per completed row; plan %s", plan).isLessThan(4.8);
        assertThat(plan.get(0).path("Triggers")).as("triggers run by a plain completion").isEmpty();
    }

    @Test
    void aRenewalWritesTheRowAndFourIndexEntries() throws Exception {
        JsonNode plan = explainedOverClaims(sql.renew(), T0.plus(LEASE.multipliedBy(2)));
        long wal = plan.get(0).path("Plan").path("WAL Records").asLong();
        System.out.printf("renewal of %d: %d WAL records, %.2f per row, %d bytes per row%n", BATCH, wal,
                (double) wal / BATCH, plan.get(0).path("Plan").path("WAL Bytes").asLong() / BATCH);

        // A renewal is not HOT either (lease_until is the leased index's key), and a backlog of handed-off events is
        // renewed every third of a lease: per row its lock, its new version, the primary key, the dedup key, the
        // subject and leased indexes, and the odd page split: 6.3-6.4. Schema version 7 wrote 8.3-8.4 (the receive
        // time and name indexes as well), version 6 11.3 (the key and due indexes too, and the new version on another
        // page).
        assertThat((double) wal / BATCH).as("WAL records per renewed row; plan %s", plan).isLessThan(6.9);
        assertThat(plan.get(0).path("Triggers")).as("triggers run by a renewal").isEmpty();
    }

    @Test
    void theStatisticsReadTheUnhandledRowsNotTheDoneOnes() throws Exception {
        // Without the due index (version 7), pending rows are found through the unclaimed and leased indexes.
        JsonNode plan;
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) "
                     + new JdbcStats(null, tables).unhandled())) {
            ps.setObject(1, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));
            plan = explained(ps);
        }

        assertThat(rowsRead(plan)).as("table rows read for the statistics; plan %s", plan)
                .isLessThanOrEqualTo(CLAIMED);
    }


    /** {@code EXPLAIN (ANALYZE, WAL)} of a statement over {@link #BATCH} of the claims, rolled back. */
    private static JsonNode explainedOverClaims(String statement, java.time.Instant first) throws Exception {
        List<String> keys = IntStream.range(0, BATCH).mapToObj(i -> "held-" + (1 + i * (CLAIMED / BATCH))).toList();
        String settings = statement.substring(0, statement.lastIndexOf("; ") + 1);
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT JSON) "
                     + statement.substring(settings.length()).trim())) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(settings);
                }
                ps.setObject(1, OffsetDateTime.ofInstant(first, ZoneOffset.UTC));
                ps.setArray(2, c.createArrayOf("text", keys.stream().map(k -> "zbd").toArray()));
                ps.setArray(3, c.createArrayOf("text", keys.toArray()));
                ps.setArray(4, c.createArrayOf("text", keys.stream().map(k -> "live-owner").toArray()));
                return explained(ps);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void aHandoffInsertWritesTheRowAndFourIndexEntries() throws Exception {
        String insert = new JdbcRecords(null, tables, System::nanoTime).insert();
        List<JdbcRecords.Row> rows = new ArrayList<>();
        for (int i = 0; i < INSERTED; i++) {
            rows.add(new JdbcRecords.Row(about("new-session-" + i, "new-" + i, T0), T0, "me", T0.plus(LEASE), 0));
        }
        JsonNode plan;
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT JSON) " + insert)) {
            c.setAutoCommit(false);
            try {
                JdbcRecords.bindRows(c, ps, 0, rows);
                plan = explained(ps);
            } finally {
                c.rollback();
            }
        }
        long wal = plan.get(0).path("Plan").path("WAL Records").asLong();
        System.out.printf("insert of %d: %d WAL records, %.2f per row, %d bytes per row%n", INSERTED, wal,
                (double) wal / INSERTED, plan.get(0).path("Plan").path("WAL Bytes").asLong() / INSERTED);

        // Per row: the row, the primary key, the dedup key, the subject and leased indexes, the speculative
        // insertion's confirmation, and the odd page split: 6.1-6.2. Schema version 7 wrote 8.1-8.2 (the receive time
        // and name indexes as well), version 6 10.2 (the key and due indexes too).
        assertThat((double) wal / INSERTED).as("WAL records per inserted row; plan %s", plan).isLessThan(6.6);
    }

    private static JsonNode explained(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ObjectMapper().readTree(rs.getString(1));
        }
    }
}
