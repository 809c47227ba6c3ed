package dev.ramphook.store;

import static dev.ramphook.store.Plans.rowsRead;
import static dev.ramphook.store.JdbcEventStoreTest.execute;
import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group completion and the renewal write their rows one by one even under the plan a connection made while the
 * table was empty and kept since (a prepared statement's generic plan, replaced only when autovacuum's first ANALYZE
 * invalidates it, a minute or more into a fresh store's life). That plan joined the update's target by hash over a
 * sequential scan of the whole table: 512 completions over 40,000 rows read 40,000 rows, a cost growing with the table,
 * and beside pgbench the Jetty example's completions timed out after 5 s. Measured without a clock: the table rows
 * that {@code EXPLAIN ANALYZE} says the kept plan read, after the table filled behind it.
 */
class CompletionPlanTest {

    private static final int CLAIMED = 40_000;
    private static final int BATCH = 512;

    private final String prefix = TestPostgres.freshPrefix();
    private JdbcStatements sql;
    private String t;

    @BeforeEach
    void aFreshStore() throws SQLException {
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        JdbcTables tables = new JdbcTables(null, prefix);
        sql = JdbcStatements.of(tables);
        t = tables.events();
        execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false)"); // no ANALYZE replans behind the test
    }

    @Test
    void aGroupCompletionPlannedOnAnEmptyTableReadsOnlyTheRowsItCompletes() throws Exception {
        JsonNode plan = keptPlanAfterTheTableFilled(sql.completeAll(), "'" + T0 + "'");

        // Two per claim: its key's row, then the update's target by its id. Until 2026-12-06 a locking step of its
        // own read each row a third time (and a renewal still does, to skip the rows others hold).
        assertThat(rowsRead(plan)).as("table rows read to complete %d claims; plan %s", BATCH, plan)
                .isLessThanOrEqualTo(2L * BATCH);
    }

    @Test
    void aRenewalPlannedOnAnEmptyTableReadsOnlyTheRowsItRenews() throws Exception {
        JsonNode plan = keptPlanAfterTheTableFilled(sql.renew(), "'" + T0.plus(LEASE) + "'");

        assertThat(rowsRead(plan)).as("table rows read to renew %d claims; plan %s", BATCH, plan)
                .isLessThanOrEqualTo(3L * BATCH);
    }

    /**
     * Prepares {@code statement} (its settings first, as the store sends them) on the empty table, runs it once so
     * that its generic plan is made and kept, fills the table with claimed rows, then explains the kept plan over
     * {@link #BATCH} of them. All in one transaction, rolled back; the prepared statement is dropped after it.
     */
    private JsonNode keptPlanAfterTheTableFilled(String statement, String first) throws Exception {
        int split = statement.lastIndexOf("; ") + 1; // the settings (SET LOCAL ...;), then the update
        String settings = statement.substring(0, split);
        String update = statement.substring(split).trim();
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : update.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
        }
        String name = prefix + "kept";
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                if (!settings.isBlank()) {
                    s.execute(settings);
                }
                s.execute("PREPARE " + name + "(timestamptz, text[], text[], text[]) AS " + numbered);
                s.execute("EXECUTE " + name + "(" + first + ", ARRAY['zbd'], ARRAY['none'], ARRAY['w'])");
                s.execute("INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at,"
                        + " state, attempts, next_attempt_at, completed_handlers, subject, claimed_by, lease_until)"
                        + " SELECT 'zbd', 'held-' || g, 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', '\\x7b7d',"
                        + " '{}', TIMESTAMPTZ '" + T0 + "', 'PENDING', 1, TIMESTAMPTZ '" + T0 + "', '[]',"
                        + " 'session-' || g, 'w', TIMESTAMPTZ '" + T0.plus(LEASE) + "'"
                        + " FROM generate_series(1, " + CLAIMED + ") g");
                String keys = IntStream.range(0, BATCH).mapToObj(i -> "'held-" + (1 + i * (CLAIMED / BATCH)) + "'")
                        .collect(Collectors.joining(","));
                String zbd = String.join(",", java.util.Collections.nCopies(BATCH, "'zbd'"));
                String owners = String.join(",", java.util.Collections.nCopies(BATCH, "'w'"));
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE " + name + "(" + first
                        + ", ARRAY[" + zbd + "], ARRAY[" + keys + "], ARRAY[" + owners + "])")) {
                    rs.next();
                    return new ObjectMapper().readTree(rs.getString(1));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                s.execute("DEALLOCATE " + name);
            }
        }
    }
}
