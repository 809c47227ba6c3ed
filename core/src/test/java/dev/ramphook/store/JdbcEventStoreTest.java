package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link JdbcEventStore} does beyond the {@link EventStore} contract: its schema, bounds and failures. */
class JdbcEventStoreTest {

    @Test
    void isDurable() {
        assertThat(TestPostgres.freshStore().durable()).isTrue();
    }

    @Test
    void createsItsTablesOnceAndRecordsTheSchemaVersion() throws SQLException {
        String prefix = TestPostgres.freshPrefix();
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();

        assertThat(queryInts("SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void instancesStartingTogetherMigrateOnce() throws Exception {
        String prefix = TestPostgres.freshPrefix();

        List<JdbcEventStore> stores = ConcurrencyContract.runTogether(6,
                () -> JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build());

        assertThat(stores).hasSize(6);
        assertThat(queryInts("SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(stores.get(0).record(event("e1"), T0)).isEqualTo(Recorded.NEW);
        assertThat(stores.get(5).record(event("e1"), T0)).isEqualTo(Recorded.PENDING);
    }

    @Test
    void refusesASchemaNewerThanItUnderstands() throws SQLException {
        String prefix = TestPostgres.freshPrefix();
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        execute("INSERT INTO " + prefix + "schema_version (version, script) VALUES (99, 'V99__future.sql')");

        assertThatThrownBy(() -> JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(prefix + "events")
                .cause().hasMessageContaining("version 99");
    }

    @Test
    void adoptsTablesCreatedByHandFromItsScript() throws Exception {
        String prefix = TestPostgres.freshPrefix();
        JdbcTables tables = new JdbcTables(null, prefix);
        String script = new String(JdbcSchema.class.getResourceAsStream("postgresql/V1__create_events.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        for (String statement : JdbcSchema.statements(tables.render(script))) {
            execute(statement);
        }

        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();

        assertThat(store.record(event("e1"), T0)).isEqualTo(Recorded.NEW);
        assertThat(queryInts("SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void upgradesAVersion1DatabaseInPlaceKeepingItsEvents() throws Exception {
        String prefix = TestPostgres.freshPrefix();
        JdbcTables tables = new JdbcTables(null, prefix);
        String v1 = new String(JdbcSchema.class.getResourceAsStream("postgresql/V1__create_events.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        execute("CREATE TABLE " + tables.versions() + " (version integer PRIMARY KEY, script text NOT NULL,"
                + " applied_at timestamptz NOT NULL DEFAULT now())");
        for (String statement : JdbcSchema.statements(tables.render(v1))) {
            execute(statement);
        }
        execute("INSERT INTO " + tables.versions() + " (version, script) VALUES (1, 'V1__create_events.sql')");
        // A pending event and a claimed one, as version 1 wrote them.
        execute("INSERT INTO " + tables.events() + " (provider, event_key, name, endpoint, body, headers, received_at,"
                + " state, attempts, next_attempt_at, completed_handlers, claimed_by, lease_until) VALUES"
                + " ('zbd', 'old-1', 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', '\\x7b7d', '{}',"
                + " '2025-03-01T12:00:00Z', 'PENDING', 0, '2025-03-01T12:00:00Z', '[]', NULL, NULL),"
                + " ('zbd', 'old-2', 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', '\\x7b7d', '{}',"
                + " '2025-03-01T12:00:00Z', 'PENDING', 1, '2025-03-01T12:00:00Z', '[]', 'old-owner',"
                + " '2025-03-01T12:05:00Z')");

        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();

        assertThat(queryInts("SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(store.renew(List.of(new EventStore.Claim("zbd", "old-2", "old-owner")), T0, StoreTestEvents.LEASE))
                .isEqualTo(1);
        assertThat(store.claimDue("new-owner", T0, StoreTestEvents.LEASE, 10))
                .extracting(StoredEvent::key, StoredEvent::subject).containsExactly(tuple("old-1", null));
        store.record(StoreTestEvents.about("sess-1", "new-1", T0), T0);
        assertThat(store.claimDue("new-owner", T0, StoreTestEvents.LEASE, 10))
                .extracting(StoredEvent::key, StoredEvent::subject).containsExactly(tuple("new-1", "sess-1"));
    }

    @Test
    void upgradesAPopulatedVersion6DatabaseToFewerIndexesKeepingDedupOrderAndCounts() throws Exception {
        String prefix = TestPostgres.freshPrefix();
        JdbcTables tables = new JdbcTables(null, prefix);
        String t = tables.events();
        migrateTo(tables, List.of("V1__create_events.sql", "V2__subjects.sql", "V3__console_queries.sql",
                "V4__unclaimed_and_leased.sql", "V5__attempt_history.sql", "V6__trace_parent.sql"));
        // As version 6 left them: done events, a dead letter with its history, a claimed one, a waiting one.
        String rows = "INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at,"
                + " state, attempts, next_attempt_at, completed_handlers, subject, claimed_by, lease_until, done_at,"
                + " history) SELECT 'zbd', '%s-' || g, 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd', %s, '{}',"
                + " TIMESTAMPTZ '" + T0 + "' - interval '1 day', '%s', 1, TIMESTAMPTZ '" + T0 + "', '[]', %s, %s,"
                + " %s, %s, %s FROM generate_series(1, %d) g";
        execute(String.format(rows, "done", "NULL", "DONE", "NULL", "NULL", "NULL", "TIMESTAMPTZ '" + T0 + "'",
                "NULL", 1_000));
        execute(String.format(rows, "dead", "'\\x7b7d'", "DEAD", "NULL", "NULL", "NULL", "TIMESTAMPTZ '" + T0 + "'",
                "'[{\"at\": 1, \"kind\": \"DEAD\", \"attempt\": 1, \"error\": \"boom\"}]'", 1));
        execute(String.format(rows, "held", "'\\x7b7d'", "PENDING", "'sess-1'", "'old-owner'",
                "TIMESTAMPTZ '" + T0.plus(LEASE) + "'", "NULL", "NULL", 1));
        execute(String.format(rows, "waiting", "'\\x7b7d'", "PENDING", "'sess-1'", "NULL", "NULL", "NULL", "NULL",
                1));

        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();

        assertThat(queryInts("SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(queryStrings("SELECT indexname FROM pg_indexes WHERE tablename = '" + prefix + "events'"
                + " ORDER BY indexname")).containsExactly(prefix + "events_dead", prefix + "events_dedup",
                prefix + "events_leased", prefix + "events_pkey",
                prefix + "events_subject", prefix + "events_unclaimed");
        assertThat(queryStrings("SELECT indexdef FROM pg_indexes WHERE indexname = '" + prefix + "events_dedup'"))
                .singleElement().asString().contains("UNIQUE").contains("(event_key, provider)");
        // Old keys still deduplicate, each answering its state; the history of the dead letter is kept.
        assertThat(store.record(event("done-7"), T0)).isEqualTo(Recorded.DONE);
        assertThat(store.record(event("dead-1"), T0)).isEqualTo(Recorded.DEAD);
        assertThat(store.record(event("held-1"), T0)).isEqualTo(Recorded.IN_PROGRESS);
        assertThat(store.history("zbd", "dead-1")).extracting(HistoryEntry::error).containsExactly("boom");
        assertThat(store.stats(T0).done()).isEqualTo(1_000);
        assertThat(store.stats(T0).of("zbd")).isEqualTo(new StoreStats.Counts(2, 1, 1));
        // The subject's later event waits for the claimed one, then runs; the retention prunes by receive time.
        assertThat(store.claimDue("new-owner", T0, LEASE, 10)).isEmpty();
        assertThat(store.claimDue("new-owner", T0.plus(LEASE), LEASE, 10)).extracting(StoredEvent::key)
                .containsExactly("held-1");
        assertThat(store.prune(T0)).isEqualTo(1_000);
        assertThat(store.record(event("done-7"), T0)).isEqualTo(Recorded.NEW);
    }

    @Test
    void keepsItsTablesInTheConfiguredSchema() throws SQLException {
        execute("CREATE SCHEMA IF NOT EXISTS payments");
        String prefix = TestPostgres.freshPrefix();
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).schema("payments")
                .tablePrefix(prefix).build();

        store.record(event("e1"), T0);

        assertThat(queryInts("SELECT count(*) FROM payments." + prefix + "events")).containsExactly(1);
    }

    @Test
    void rejectsTableNamesThatWouldNeedQuoting() {
        JdbcEventStore.Builder builder = JdbcEventStore.builder(TestPostgres.dataSource());

        assertThatThrownBy(() -> builder.tablePrefix("x; DROP TABLE users; --").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table prefix");
        assertThatThrownBy(() -> builder.tablePrefix("ok_").schema("Public").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
    }

    @Test
    void completingAnEventDropsItsBodyAndHeaders() throws SQLException {
        String prefix = TestPostgres.freshPrefix();
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        store.record(event("e1"), T0);
        store.complete(store.claim("zbd", "e1", "w", T0, LEASE).orElseThrow(), "w", T0);

        assertThat(queryInts("SELECT count(*) FROM " + prefix + "events"
                + " WHERE body IS NULL AND headers = '{}' AND state = 'DONE'"))
                .containsExactly(1);
    }

    @Test
    void cutsAHugeErrorMessageInsteadOfStoringIt() {
        JdbcEventStore store = TestPostgres.freshStore();
        store.record(event("e1"), T0);
        StoredEvent claimed = store.claim("zbd", "e1", "w", T0, LEASE).orElseThrow();
        store.fail(claimed, "w", Set.of(), "x".repeat(100_000), null, T0);

        assertThat(store.deadLetters(1).get(0).lastError()).hasSize(JdbcRows.MAX_ERROR_CHARS);
    }

    /** The SPI says a released event is due at once; the in-memory store keeps a pending retry time instead. */
    static List<Integer> queryInts(String sql) throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<Integer> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getInt(1));
            }
            return values;
        }
    }

    static List<String> queryStrings(String sql) throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** The tables as the given migration scripts, in order, leave them, with their versions recorded. */
    static void migrateTo(JdbcTables tables, List<String> scripts) throws Exception {
        execute("CREATE TABLE " + tables.versions() + " (version integer PRIMARY KEY, script text NOT NULL,"
                + " applied_at timestamptz NOT NULL DEFAULT now())");
        for (String script : scripts) {
            String sql = new String(JdbcSchema.class.getResourceAsStream("postgresql/" + script).readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String statement : JdbcSchema.statements(tables.render(sql))) {
                execute(statement);
            }
            execute("INSERT INTO " + tables.versions() + " (version, script) VALUES (" + JdbcSchema.version(script)
                    + ", '" + script + "')");
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
