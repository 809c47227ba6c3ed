package dev.ramphook.store;

import static dev.ramphook.store.JdbcEventStoreTest.execute;
import static dev.ramphook.store.Plans.indexes;
import static dev.ramphook.store.Plans.rowsRead;
import static dev.ramphook.store.StoreTestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's queries and the retention's prune over a table of {@link #ROWS} done events, read through
 * {@code EXPLAIN ANALYZE}: each reads about a page of rows (or a prune batch), never the table, with the indexes
 * schema version 8 keeps. Rows are received one per millisecond, a quarter under each of four names (one in a
 * thousand under a fifth), two thirds from one provider.
 */
class ConsoleSearchPlanTest {

    private static final int ROWS = 50_000;
    private static final int PAGE = 50;

    private static JdbcTables tables;
    private static JdbcSearch search;

    @BeforeAll
    static void aTableOfDoneEvents() throws SQLException {
        String prefix = TestPostgres.freshPrefix();
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        tables = new JdbcTables(null, prefix);
        search = new JdbcSearch(tables, null);
        execute("INSERT INTO " + tables.events() + " (provider, event_key, name, endpoint, body, headers, received_at,"
                + " state, attempts, next_attempt_at, completed_handlers, subject, done_at)"
                + " SELECT CASE WHEN g % 3 = 0 THEN 'mecash' ELSE 'zbd' END, 'k-' || g,"
                + " (ARRAY['RAMP_WIDGET.V1.PAYMENT.SETTLED', 'RAMP_WIDGET.V1.PAYMENT.FAILED',"
                + " 'RAMP_WIDGET.V1.WITHDRAWAL.COMPLETED', 'ramp.payout.completed', 'RAMP_WIDGET.V1.RARE.THING'])"
                + "[CASE WHEN g % 1000 = 0 THEN 5 ELSE 1 + g % 4 END], '/webhooks/x', NULL, '{}',"
                + " TIMESTAMPTZ '" + T0 + "' + g * interval '1 ms', 'DONE', 1, TIMESTAMPTZ '" + T0 + "', '[]',"
                + " 's-' || g, TIMESTAMPTZ '" + T0 + "' FROM generate_series(1, " + ROWS + ") g");
        execute("VACUUM ANALYZE " + tables.events());
    }

    @Test
    void theNewestFirstListingReadsOnePage() throws Exception {
        JsonNode plan = explained(EventQuery.all(PAGE));

        assertThat(rowsRead(plan)).as("rows read; plan %s", plan).isLessThanOrEqualTo(PAGE);
        assertThat(indexes(plan)).containsExactly(tables.prefix() + "events_pkey");
    }

    @Test
    void aNameFilterReadsNewestFirstUpToThePage() throws Exception {
        // A quarter of the rows have this name: about four rows read per row shown.
        JsonNode shortName = explained(query("zbd", "PAYMENT.FAILED", null, null));
        JsonNode fullName = explained(query(null, "RAMP_WIDGET.V1.PAYMENT.SETTLED", null, null));

        assertThat(rowsRead(shortName)).as("rows read; plan %s", shortName).isLessThanOrEqualTo(8 * PAGE);
        assertThat(rowsRead(fullName)).as("rows read; plan %s", fullName).isLessThanOrEqualTo(5 * PAGE);
        assertThat(indexes(shortName)).containsExactly(tables.prefix() + "events_pkey");
    }

    @Test
    void aTimeRangeIsAnIndexRange() throws Exception {
        JsonNode plan = explained(query(null, null, T0.plusSeconds(10), T0.plusSeconds(20)));

        assertThat(rowsRead(plan)).as("rows read; plan %s", plan).isLessThanOrEqualTo(PAGE);
        assertThat(indexes(plan)).containsExactly(tables.prefix() + "events_pkey");
    }

    @Test
    void aKeyIsFoundByTheDedupIndex() throws Exception {
        JsonNode plan = explained(new EventQuery(null, null, "k-4242", null, null, null, null, 0, PAGE));

        assertThat(rowsRead(plan)).as("rows read; plan %s", plan).isEqualTo(1);
        assertThat(indexes(plan)).containsExactly(tables.prefix() + "events_dedup");
    }

    @Test
    void thePruneReadsTheOldRowsOnly() throws Exception {
        // The first second's events are older than the cutoff: 999 rows of 50,000.
        JsonNode plan;
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) "
                     + JdbcStatements.of(tables).prune())) {
            c.setAutoCommit(false);
            try {
                ps.setObject(1, OffsetDateTime.ofInstant(T0.plusSeconds(1), ZoneOffset.UTC));
                ps.setInt(2, JdbcStatements.PRUNE_BATCH);
                plan = explained(ps);
            } finally {
                c.rollback();
            }
        }

        assertThat(rowsRead(plan)).as("rows read; plan %s", plan).isLessThanOrEqualTo(2 * 999 + 1);
    }

    private static EventQuery query(String provider, String name, java.time.Instant from, java.time.Instant to) {
        return new EventQuery(provider, name, null, null, null, from, to, 0, PAGE);
    }

    private static JsonNode explained(EventQuery q) throws Exception {
        List<Object> args = new ArrayList<>();
        String sql = search.sql(q, args);
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
            JdbcSearch.bind(ps, q, args);
            return explained(ps);
        }
    }

    private static JsonNode explained(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ObjectMapper().readTree(rs.getString(1));
        }
    }
}
