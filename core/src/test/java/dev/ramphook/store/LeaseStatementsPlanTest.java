package dev.ramphook.store;

import static dev.ramphook.store.Plans.rowsRead;
import static dev.ramphook.store.Plans.indexes;
import static dev.ramphook.store.JdbcEventStoreTest.execute;
import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
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
 * The statements that end or extend many claims at once read the rows they write, and no others, whatever the
 * planner's statistics say. Under sustained load the table's statistics lag (autoanalyze runs every tenth of the
 * table's growth): taken when nearly no row was claimed, they made the planner expect a handful of rows in the
 * claimed rows' partial index, so a group completion of 512 events read all 60,000 claimed rows through it; the cost
 * grew with the backlog, the backlog with the cost, and workers stalled until the next autoanalyze. Measured without
 * a clock: the table rows that {@code EXPLAIN ANALYZE} says each statement read, on a table whose statistics were
 * taken before any row was claimed and never since.
 */
class LeaseStatementsPlanTest {

    private static final int CLAIMED = 60_000;
    private static final int BATCH = 512;

    private static String prefix;
    private static JdbcStatements sql;

    @BeforeAll
    static void aBacklogOfClaimedRowsUnderStaleStatistics() throws SQLException {
        prefix = TestPostgres.freshPrefix();
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        JdbcTables tables = new JdbcTables(null, prefix);
        sql = JdbcStatements.of(tables);
        String t = tables.events();
        execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false)"); // no autoanalyze refreshes them here
        String rows = "INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at,"
                + " state, attempts, next_attempt_at, completed_handlers, subject, claimed_by, lease_until, done_at)"
                + " SELECT 'zbd', '%1$s-' || g, 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', %2$s, '{}',"
                + " TIMESTAMPTZ '" + T0 + "' + g * interval '1 ms', '%3$s', 1, TIMESTAMPTZ '" + T0 + "', '[]',"
                + " '%1$s-session-' || g, %4$s, %5$s, %6$s FROM generate_series(1, %7$d) g";
        // Statistics taken while nothing was claimed: a quiet start, the last autoanalyze before the load.
        execute(String.format(rows, "done", "NULL", "DONE", "NULL", "NULL", "TIMESTAMPTZ '" + T0 + "'", 2_000));
        execute("ANALYZE " + t);
        // Then the load: every pending row claimed by the receiver that recorded it (the hand-off), lease running.
        execute(String.format(rows, "held", "'\\x7b7d'", "PENDING", "'live-owner'",
                "TIMESTAMPTZ '" + T0.plus(LEASE) + "'", "NULL", CLAIMED));
    }

    @Test
    void aGroupCompletionReadsOnlyTheRowsItCompletes() throws Exception {
        JsonNode plan = explainAnalyze(sql.completeAll(), ps -> {
            ps.setObject(1, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));
            return 2;
        });

        assertThat(rowsRead(plan)).as("table rows read to complete %d claims; plan %s", BATCH, plan)
                .isLessThanOrEqualTo(3L * BATCH);
        assertThat(indexes(plan)).as("indexes read").isSubsetOf(prefix + "events_pkey", prefix + "events_dedup",
                prefix + "events_key");
    }

    @Test
    void aRenewalReadsOnlyTheRowsItRenews() throws Exception {
        JsonNode plan = explainAnalyze(sql.renew(), ps -> {
            ps.setObject(1, OffsetDateTime.ofInstant(T0.plus(LEASE), ZoneOffset.UTC));
            return 2;
        });

        assertThat(rowsRead(plan)).as("table rows read to renew %d claims; plan %s", BATCH, plan)
                .isLessThanOrEqualTo(3L * BATCH);
        assertThat(indexes(plan)).as("indexes read").isSubsetOf(prefix + "events_pkey", prefix + "events_dedup",
                prefix + "events_key");
    }

    interface Binder {
        /** Binds the parameters before the claims' arrays; returns the index of the first array. */
        int bind(PreparedStatement ps) throws SQLException;
    }

    /** {@code EXPLAIN (ANALYZE, FORMAT JSON)} of a statement over {@link #BATCH} claims spread over the backlog. */
    private static JsonNode explainAnalyze(String statement, Binder binder) throws Exception {
        List<String> keys = IntStream.range(0, BATCH).mapToObj(i -> "held-" + (1 + i * (CLAIMED / BATCH))).toList();
        // The settings the store sends first (JdbcStatements.PER_ROW), then the statement explained.
        String settings = statement.substring(0, statement.lastIndexOf("; ") + 1);
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) "
                     + statement.substring(settings.length()).trim())) {
            c.setAutoCommit(false);
            try {
                if (!settings.isEmpty()) {
                    try (Statement s = c.createStatement()) {
                        s.execute(settings);
                    }
                }
                int p = binder.bind(ps);
                ps.setArray(p, c.createArrayOf("text", keys.stream().map(k -> "zbd").toArray()));
                ps.setArray(p + 1, c.createArrayOf("text", keys.toArray()));
                ps.setArray(p + 2, c.createArrayOf("text", keys.stream().map(k -> "live-owner").toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    JsonNode plan = new ObjectMapper().readTree(rs.getString(1));
                    assertThat(updated(plan)).as("rows written").isEqualTo(BATCH);
                    return plan;
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Rows the statement wrote: those the update's input produced (an update without RETURNING shows none). */
    private static long updated(JsonNode plan) {
        return plan.get(0).path("Plan").path("Plans").get(0).path("Actual Rows").asLong(-1);
    }
}
