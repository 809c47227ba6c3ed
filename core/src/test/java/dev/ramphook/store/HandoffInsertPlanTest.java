package dev.ramphook.store;

import static dev.ramphook.store.Plans.rowsRead;
import static dev.ramphook.store.Plans.indexes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-off's insert checks each new event's subject for an earlier pending event by one lookup in the subjects'
 * index, whatever the planner's statistics say. Its plan is made once per connection and kept (a prepared statement's
 * generic plan), usually while the table is still empty: written as {@code NOT EXISTS}, that plan read the due index
 * from end to end, as a hashed subplan, three times per statement (once per use of its result), so every record read
 * every pending row and every dead index entry of a completed one; under sustained load that grew with the backlog
 * until autovacuum replanned it (AckThroughput, pg_stat_statements: 2.2–2.4 ms per insert of about 10 rows, 1.0–1.1 ms
 * with per-row lookups).
 * Measured without a clock: the table rows {@code EXPLAIN ANALYZE} says the generic plan read, for a table whose
 * statistics were taken empty and never since, with a backlog of pending rows behind them.
 */
class HandoffInsertPlanTest {

    private static final int PENDING = 20_000;
    private static final int BATCH = 32;

    private static String prefix;
    private static String insert;

    @BeforeAll
    static void aBacklogOfPendingRowsUnderStatisticsTakenEmpty() throws SQLException {
        prefix = TestPostgres.freshPrefix();
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        JdbcTables tables = new JdbcTables(null, prefix);
        insert = new JdbcRecords(null, tables, System::nanoTime).insert();
        String t = tables.events();
        execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false)"); // no autoanalyze refreshes them here
        execute("ANALYZE " + t); // empty: the statistics of a fresh store
        // The load: events handed off and not yet done, each about a session of its own.
        execute("INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at, state,"
                + " attempts, next_attempt_at, completed_handlers, subject, claimed_by, lease_until)"
                + " SELECT 'zbd', 'held-' || g, 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', '\\x7b7d', '{}',"
                + " TIMESTAMPTZ '" + T0 + "', 'PENDING', 1, TIMESTAMPTZ '" + T0 + "', '[]', 'held-session-' || g,"
                + " 'live-owner', TIMESTAMPTZ '" + T0.plus(LEASE) + "' FROM generate_series(1, " + PENDING + ") g");
    }

    @Test
    void theGenericPlanLooksUpEachNewEventsSubjectInTheSubjectsIndex() throws Exception {
        List<JdbcRecords.Row> rows = IntStream.range(0, BATCH).mapToObj(i -> new JdbcRecords.Row(
                about("new-session-" + i, "new-" + i, null), T0, "w-h", T0.plus(LEASE), 0)).toList();

        JsonNode plan = explainGeneric(rows);

        assertThat(inserted(plan)).as("rows inserted").isEqualTo(BATCH);
        assertThat(rowsRead(plan)).as("table rows read to insert %d events; plan %s", BATCH, plan)
                .isLessThanOrEqualTo(BATCH);
        assertThat(indexes(plan)).as("indexes read").containsExactly(prefix + "events_subject");
    }

    /** {@code EXPLAIN (ANALYZE, FORMAT JSON)} of the insert under the plan a connection keeps: the generic one. */
    private static JsonNode explainGeneric(List<JdbcRecords.Row> rows) throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                }
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + insert)) {
                    JdbcRecords.bindRows(c, ps, 0, rows);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return new ObjectMapper().readTree(rs.getString(1));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static long inserted(JsonNode plan) {
        return plan.get(0).path("Plan").path("Actual Rows").asLong(-1);
    }
}
