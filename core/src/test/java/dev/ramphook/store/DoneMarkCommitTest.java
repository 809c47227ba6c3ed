package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Only the group completion's commit skips the WAL flush ({@code synchronous_commit} off for its transaction alone):
 * a database crash can then lose the last done marks, whose events run again after their lease, as after a process
 * dying before its done mark. Everything that decides what was acknowledged or who may run an event (the record and
 * hand-off, claims, renewals) commits synchronously. Each connection here starts with {@code synchronous_commit}
 * on (the test server runs with it off), and every commit first reads the setting its transaction has.
 */
class DoneMarkCommitTest {

    private final String prefix = TestPostgres.freshPrefix();
    /** The transaction's {@code synchronous_commit} at each commit, in order. */
    private final List<String> commits = new CopyOnWriteArrayList<>();
    private final JdbcEventStore store = JdbcEventStore.builder(synchronousAndWatched(TestPostgres.dataSource()))
            .tablePrefix(prefix).build();

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void theGroupCompletionCommitsWithoutWaitingForTheFlushAndTheRecordAndClaimsWithIt() throws Exception {
        commits.clear(); // the migration's
        List<StoredEvent> handed = new CopyOnWriteArrayList<>();
        assertThat(store.recordSoon(about("s-1", "k-1", null), T0, null, "a-w1h", T0.plus(LEASE),
                (claimed, answer) -> handed.add(claimed)).get(30, TimeUnit.SECONDS)).isEqualTo(Recorded.NEW);
        assertThat(commits).as("the hand-off record's transaction").containsExactly("on");

        store.record(about("s-2", "k-2", null), T0);
        commits.clear(); // a record without a hand-off auto-commits: no commit() to watch, the session's setting
        assertThat(store.claimDue("a-w2", T0, LEASE, 10)).extracting(StoredEvent::key).containsExactly("k-2");
        assertThat(commits).as("the claim's transaction").containsExactly("on");

        commits.clear();
        assertThat(store.renew(List.of(new EventStore.Claim("zbd", "k-1", "a-w1h")), T0.plusSeconds(1), LEASE))
                .isEqualTo(1);
        assertThat(commits).as("the renewal's transaction").containsExactly("on");

        commits.clear();
        store.completeAll(List.of(new EventStore.Completion(handed.get(0), "a-w1h"),
                new EventStore.Completion(about("s-2", "k-2", null), "a-w2")), T0.plusSeconds(2));
        assertThat(commits).as("the group completion's transaction").containsExactly("off");
        assertThat(store.find("zbd", "k-1")).get().extracting(FoundEvent::state).isEqualTo(EventState.DONE);
        assertThat(store.find("zbd", "k-2")).get().extracting(FoundEvent::state).isEqualTo(EventState.DONE);

        // SET LOCAL: the connection's own setting is back after the completion's commit.
        commits.clear();
        store.record(about("s-3", "k-3", null), T0);
        assertThat(store.claimDue("a-w2", T0.plusSeconds(3), LEASE, 10)).extracting(StoredEvent::key)
                .containsExactly("k-3");
        assertThat(commits).as("a claim after a completion").containsExactly("on");
    }

    private DataSource synchronousAndWatched(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = call(target, method, args);
                    if (!(result instanceof Connection c)) {
                        return result;
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("SET synchronous_commit TO on");
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit")) {
                                    commits.add(setting(c));
                                }
                                return call(c, m, a);
                            });
                });
    }

    private static String setting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Object call(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
