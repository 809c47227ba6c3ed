package dev.ramphook.store;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claim's cost does not grow with the rows it cannot claim. Under sustained load nearly every pending row is
 * claimed by the receiver that recorded it, and the table fills with done rows; a claim that read them all took
 * seconds at a backlog of 100,000 and stalled the workers. Measured without a clock: the rows PostgreSQL reads and
 * throws away ({@code EXPLAIN ANALYZE}'s "Rows Removed by Filter"), on a table shaped like a loaded one.
 */
class ClaimPlanTest {

    private static final int DONE = 20_000;
    private static final int CLAIMED = 5_000;
    private static final int UNCLAIMED = 10;
    private static final int EXPIRED = 10;

    private static String prefix;
    private static JdbcStatements sql;
    private static JdbcEventStore store;

    @BeforeAll
    static void aLoadedTable() throws SQLException {
        prefix = TestPostgres.freshPrefix();
        store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        JdbcTables tables = new JdbcTables(null, prefix);
        sql = JdbcStatements.of(tables);
        String t = tables.events();
        // Rows as the store writes them: received in order, due when received, most with a subject of their own
        // (a ZBD session), every tenth without.
        String rows = "INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at,"
                + " state, attempts, next_attempt_at, completed_handlers, subject, claimed_by, lease_until, done_at)"
                + " SELECT 'zbd', '%1$s-' || g, 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', %2$s, '{}',"
                + " TIMESTAMPTZ '%3$s' - interval '1 hour' + g * interval '1 ms', '%4$s', %5$d,"
                + " TIMESTAMPTZ '%3$s' - interval '1 hour' + g * interval '1 ms', '[]',"
                + " CASE WHEN g %% 10 = 0 THEN NULL ELSE '%1$s-session-' || g END, %6$s, %7$s, %8$s"
                + " FROM generate_series(%9$d, %10$d) g";
        execute(String.format(rows, "done", "NULL", T0, "DONE", 1, "NULL", "NULL", "TIMESTAMPTZ '" + T0 + "'",
                1, DONE));
        // Claimed by a live receiver, lease running: nobody else may claim them, and a claim should not read them.
        execute(String.format(rows, "held", "'\\x7b7d'", T0, "PENDING", 1, "'live-owner'",
                "TIMESTAMPTZ '" + T0.plus(LEASE) + "'", "NULL", DONE + 1, DONE + CLAIMED));
        // Claimable: due and never claimed, and claimed by a receiver that died (lease ended a minute ago).
        execute(String.format(rows, "new", "'\\x7b7d'", T0, "PENDING", 0, "NULL", "NULL", "NULL",
                DONE + CLAIMED + 1, DONE + CLAIMED + UNCLAIMED));
        execute(String.format(rows, "orphan", "'\\x7b7d'", T0, "PENDING", 1, "'dead-owner'",
                "TIMESTAMPTZ '" + T0.minusSeconds(60) + "'", "NULL", DONE + CLAIMED + UNCLAIMED + 1,
                DONE + CLAIMED + UNCLAIMED + EXPIRED));
        execute("VACUUM ANALYZE " + t);
    }

    @Test
    void claimingDueEventsReadsNeitherDoneRowsNorLiveClaims() throws Exception {
        JsonNode plan = explainAnalyze(sql.claimDue(), 50);

        assertThat(removedByFilter(plan)).as("rows read and thrown away by the claim").isLessThan(100);
        assertThat(plan.toString()).contains(prefix + "events_unclaimed", prefix + "events_leased");
    }

    @Test
    void stillClaimsTheUnclaimedAndTheExpiredInDueOrder() {
        List<StoredEvent> claimed = store.claimDue("worker", T0, LEASE, 50);

        assertThat(claimed).hasSize(UNCLAIMED + EXPIRED)
                .allSatisfy(e -> assertThat(e.key()).matches("(new|orphan)-\\d+"));
        assertThat(claimed).extracting(StoredEvent::key).first().isEqualTo("new-" + (DONE + CLAIMED + 1));
        claimed.forEach(e -> store.release(e, "worker")); // the other test's table as it was
    }

    /** {@code EXPLAIN (ANALYZE, FORMAT JSON)} of a statement, its parameters inlined: LIMITs {@code max}, others T0. */
    private static JsonNode explainAnalyze(String statement, int max) throws Exception {
        String inlined = statement.replace("LIMIT ?", "LIMIT " + max).replace("?", "TIMESTAMPTZ '" + T0 + "'");
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + inlined)) {
                rs.next();
                return new ObjectMapper().readTree(rs.getString(1));
            } finally {
                c.rollback();
            }
        }
    }

    private static long removedByFilter(JsonNode node) {
        long removed = node.path("Rows Removed by Filter").asLong(0) * Math.max(1, node.path("Actual Loops").asLong(1));
        List<JsonNode> children = new ArrayList<>();
        node.elements().forEachRemaining(children::add);
        for (JsonNode child : children) {
            removed += removedByFilter(child);
        }
        return removed;
    }
}
