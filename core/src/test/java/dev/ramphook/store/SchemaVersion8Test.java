package dev.ramphook.store;

import static dev.ramphook.store.JdbcEventStoreTest.execute;
import static dev.ramphook.store.JdbcEventStoreTest.queryInts;
import static dev.ramphook.store.JdbcEventStoreTest.queryStrings;
import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schema version 8: the primary key becomes {@code (received_at, id)} and serves the console's order, so the
 * receive-time index goes; the name index goes (the console's name filter never read it); and so do, for tables in a
 * configured schema, the three indexes version 7 meant to drop and did not find there (it named them without their
 * schema). Upgrades of populated version 7 tables keep every event, its dedup, order, counts and retention.
 */
class SchemaVersion8Test {

    private static final List<String> V7 = List.of("V1__create_events.sql", "V2__subjects.sql",
            "V3__console_queries.sql", "V4__unclaimed_and_leased.sql", "V5__attempt_history.sql",
            "V6__trace_parent.sql", "V7__fewer_indexes.sql");
    private static final int DONE = 20_000;

    @Test
    void upgradesAPopulatedVersion7TableToTwoIndexesFewer() throws Exception {
        String prefix = TestPostgres.freshPrefix();
        JdbcTables tables = new JdbcTables(null, prefix);
        migratedTo7(tables);
        populated(tables);

        long started = System.nanoTime();
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        System.out.printf("version 7 -> 8 over %d rows: %d ms (writes wait for it: the new primary key is built)%n",
                DONE + 3, (System.nanoTime() - started) / 1_000_000);

        assertThat(queryInts("SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(indexes("public", prefix)).containsExactly(prefix + "events_dead", prefix + "events_dedup",
                prefix + "events_leased", prefix + "events_pkey",
                prefix + "events_subject", prefix + "events_unclaimed");
        assertThat(queryStrings("SELECT indexdef FROM pg_indexes WHERE indexname = '" + prefix + "events_pkey'"))
                .singleElement().asString().contains("UNIQUE").contains("(received_at, id)");
        keepsItsEvents(store);
    }

    @Test
    void inAConfiguredSchemaDropsWhatVersion7LeftThere() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS upgraded");
        String prefix = TestPostgres.freshPrefix();
        JdbcTables tables = new JdbcTables("upgraded", prefix);
        migratedTo7(tables);
        populated(tables);

        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).schema("upgraded")
                .tablePrefix(prefix).build();

        assertThat(indexes("upgraded", prefix)).containsExactly(prefix + "events_dead", prefix + "events_dedup",
                prefix + "events_leased", prefix + "events_pkey",
                prefix + "events_subject", prefix + "events_unclaimed");
        keepsItsEvents(store);
    }

    @Test
    void aNewTableInAConfiguredSchemaHasTheSameIndexesAsInTheDefaultOne() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS fresh");
        String prefix = TestPostgres.freshPrefix();

        JdbcEventStore.builder(TestPostgres.dataSource()).schema("fresh").tablePrefix(prefix).build();

        assertThat(indexes("fresh", prefix)).containsExactly(prefix + "events_dead", prefix + "events_dedup",
                prefix + "events_leased", prefix + "events_pkey",
                prefix + "events_subject", prefix + "events_unclaimed");
    }

    /** Done events, a dead letter, a claimed event and a later one of its subject waiting, as version 7 left them. */
    private static void populated(JdbcTables tables) throws Exception {
        String rows = "INSERT INTO " + tables.events() + " (provider, event_key, name, endpoint, body, headers,"
                + " received_at, state, attempts, next_attempt_at, completed_handlers, subject, claimed_by,"
                + " lease_until, done_at) SELECT 'zbd', '%s-' || g, 'RAMP_WIDGET.V1.PAYMENT.SETTLED', '/webhooks/zbd',"
                + " %s, '{}', TIMESTAMPTZ '" + T0 + "' - interval '1 day' + g * interval '1 ms', '%s', 1,"
                + " TIMESTAMPTZ '" + T0 + "', '[]', %s, %s, %s, %s FROM generate_series(1, %d) g";
        execute(String.format(rows, "done", "NULL", "DONE", "NULL", "NULL", "NULL", "TIMESTAMPTZ '" + T0 + "'", DONE));
        execute(String.format(rows, "dead", "'\\x7b7d'", "DEAD", "NULL", "NULL", "NULL", "TIMESTAMPTZ '" + T0 + "'",
                1));
        execute(String.format(rows, "held", "'\\x7b7d'", "PENDING", "'sess-1'", "'old-owner'",
                "TIMESTAMPTZ '" + T0.plus(LEASE) + "'", "NULL", 1));
        execute(String.format(rows, "waiting", "'\\x7b7d'", "PENDING", "'sess-1'", "NULL", "NULL", "NULL", 1));
        execute("ANALYZE " + tables.events());
    }

    private static void keepsItsEvents(JdbcEventStore store) {
        assertThat(store.record(event("done-7"), T0)).isEqualTo(Recorded.DONE);
        assertThat(store.record(event("dead-1"), T0)).isEqualTo(Recorded.DEAD);
        assertThat(store.record(event("held-1"), T0)).isEqualTo(Recorded.IN_PROGRESS);
        assertThat(store.stats(T0).done()).isEqualTo(DONE);
        assertThat(store.stats(T0).of("zbd")).isEqualTo(new StoreStats.Counts(2, 1, 1));
        assertThat(store.search(new EventQuery("zbd", "PAYMENT.SETTLED", null, null, EventState.DONE, null, null, 0,
                2))).extracting(FoundEvent::key).containsExactly("done-" + DONE, "done-" + (DONE - 1));
        // The subject's later event waits for the claimed one, then runs; the retention prunes by receive time.
        assertThat(store.claimDue("new-owner", T0, LEASE, 10)).isEmpty();
        assertThat(store.claimDue("new-owner", T0.plus(LEASE), LEASE, 10)).extracting(StoredEvent::key)
                .containsExactly("held-1");
        assertThat(store.prune(T0)).isEqualTo(DONE);
    }

    private static void migratedTo7(JdbcTables tables) throws Exception {
        JdbcEventStoreTest.migrateTo(tables, V7);
    }

    private static List<String> indexes(String schema, String prefix) throws Exception {
        return queryStrings("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "' AND tablename = '"
                + prefix + "events' ORDER BY indexname");
    }
}
