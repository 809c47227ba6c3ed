package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that is down, slow or configured unusually makes the store fail cleanly or work anyway. */
class JdbcEventStoreFailureTest {

    @Test
    void anUnreachableDatabaseFailsStartUpWithAStoreException() {
        assertThatThrownBy(() -> JdbcEventStore.of(unreachable()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("could not create or upgrade");
    }

    @Test
    void aDatabaseThatWentAwayFailsRecordingWithAStoreException() {
        JdbcEventStore store = JdbcEventStore.builder(unreachable()).createSchema(false).build();

        assertThatThrownBy(() -> store.record(event("e1"), T0))
                .isInstanceOf(StoreException.class)
                .hasMessage("event store record could not reach the database");
    }

    @Test
    void aStatementStuckBehindALockFailsAfterTheQueryTimeout() throws SQLException {
        String prefix = TestPostgres.freshPrefix();
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix)
                .queryTimeout(Duration.ofSeconds(1)).build();
        try (Connection blocker = TestPostgres.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE " + prefix + "events IN ACCESS EXCLUSIVE MODE");
            }

            assertTimeoutPreemptively(Duration.ofSeconds(15), () ->
                    assertThatThrownBy(() -> store.record(event("e1"), T0))
                            .isInstanceOf(StoreException.class)
                            .hasMessage("event store record timed out after 1 s"));
            blocker.rollback();
        }
        assertThat(store.record(event("e1"), T0)).isEqualTo(Recorded.NEW);
    }

    @Test
    void recordsAreCommittedEvenWhenThePoolHandsOutManualCommitConnections() {
        DataSource manualCommit = manualCommit(TestPostgres.dataSource());
        String prefix = TestPostgres.freshPrefix();
        JdbcEventStore writer = JdbcEventStore.builder(manualCommit).tablePrefix(prefix).build();
        JdbcEventStore reader = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();

        writer.record(event("e1"), T0);

        assertThat(reader.record(event("e1"), T0)).isEqualTo(Recorded.PENDING);
    }

    private static PGSimpleDataSource unreachable() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {1}); // nothing listens on port 1: connections are refused at once
        ds.setUser("postgres");
        return ds;
    }

    /** Connections with auto-commit off, as some pools are configured. */
    private static DataSource manualCommit(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (result instanceof Connection c) {
                        c.setAutoCommit(false);
                    }
                    return result;
                });
    }
}
