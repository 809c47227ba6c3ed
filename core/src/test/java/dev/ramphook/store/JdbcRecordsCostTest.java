package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.testing.C1Measure;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the group commit's thread spends per recorded row in Java, beside the database: a database stands in that
 * answers every row inserted and handed off, so the bytes counted are the store's own, not the driver's. The
 * regression guard of issue 21's durable bar (the group committer's CPU per acknowledgement): the keys of a batch
 * are found by position, not hashed into maps of key records.
 */
class JdbcRecordsCostTest {

    private static final int BATCH = 32;
    /** Bytes per recorded row: see the test. */
    private static final long BUDGET = 1_350;

    @Test
    void aRecordedRowAllocatesLittleBeyondItsOwnText() throws Exception {
        Matcher result = C1Measure.run(JdbcRecordsCostTest.class, "256m", 2,
                "^JdbcRecords.recordAll: (\\d+) bytes allocated per row");
        // Per row: its text (headers ~300 bytes, 4 times ~100 each), the lease's new row, the bound arrays' slots,
        // the stand-in database's answer (~100): 1,189 B measured on 2026-12-06 (OpenJDK 17, C1 alone). Keyed by
        // hashed key records, bound through createArrayOf, and the receive time's text written twice (be705da):
        // 1,801 B.
        assertThat(Long.parseLong(result.group(1))).as("bytes allocated per recorded row").isLessThan(BUDGET);
    }

    /**
     * The measure, in a JVM of its own compiled by C1 alone ({@code -XX:TieredStopAtLevel=1}), as
     * {@code AllocationBudgetTest} counts: every allocation counts, so the figure does not depend on what C2's escape
     * analysis happened to remove in a JVM shaped by other tests. Prints one line.
     *
     * @param args none
     */
    public static void main(String[] args) {
        FakeDatabase db = new FakeDatabase();
        JdbcRecords records = new JdbcRecords(new JdbcCalls(db.dataSource(), Duration.ofSeconds(5)),
                new JdbcTables(null, "cost_"), () -> 1_000L);
        List<List<JdbcRecords.Row>> batches = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            List<JdbcRecords.Row> rows = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) { // distinct keys and subjects, handed off: the example's batches
                rows.add(new JdbcRecords.Row(about("session-" + b + "-" + i, "event-" + b + "-" + i, T0), T0, "me",
                        T0.plus(LEASE), 0));
            }
            batches.add(rows);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int rounds = 3_000;
        long handed = 0;
        for (int i = 0; i < rounds; i++) { // warm
            handed += count(records.recordAll(batches.get(i % batches.size())).handed());
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            handed += count(records.recordAll(batches.get(i % batches.size())).handed());
        }
        long perRow = (threads.getCurrentThreadAllocatedBytes() - before) / ((long) rounds * BATCH);
        if (handed != 2L * rounds * BATCH) {
            throw new IllegalStateException("rows handed off: " + handed + ", expected " + 2L * rounds * BATCH);
        }
        System.out.printf("JdbcRecords.recordAll: %d bytes allocated per row (batches of %d)%n", perRow, BATCH);
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    /**
     * A connection whose insert inserts every row it is given and hands each off: it answers with the provider
     * and key arrays the statement was bound (after the subjects' two, the first two of the rows'), one array of
     * each kind kept at a time, so it allocates little itself.
     */
    private static final class FakeDatabase implements InvocationHandler {
        private final Connection connection = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, this);
        private final PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, this::statement);
        private final ResultSet result = (ResultSet) Proxy.newProxyInstance(
                ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class}, this::result);
        private final Object[][] bound = new Object[20][];
        private int row;

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (p, m, a) -> m.getName().equals("getConnection")
                            ? connection : null);
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] a) {
            return switch (m.getName()) {
                case "prepareStatement" -> statement;
                case "getAutoCommit" -> Boolean.TRUE;
                case "getNetworkTimeout" -> 0;
                case "isClosed" -> Boolean.FALSE;
                case "createArrayOf" -> array((Object[]) a[1]);
                default -> null;
            };
        }

        private Object statement(Object proxy, Method m, Object[] a) {
            switch (m.getName()) {
                case "setArray", "setObject" -> {
                    Object value = a[1];
                    bound[(Integer) a[0]] = value instanceof java.sql.Array array ? elements(array)
                            : (Object[]) unwrap(value);
                    return null;
                }
                case "execute", "getMoreResults" -> {
                    return Boolean.TRUE;
                }
                case "getResultSet", "executeQuery" -> {
                    row = -1;
                    return result;
                }
                default -> {
                    return null;
                }
            }
        }

        private static java.sql.Array array(Object[] elements) {
            return (java.sql.Array) Proxy.newProxyInstance(java.sql.Array.class.getClassLoader(),
                    new Class<?>[] {java.sql.Array.class},
                    (p, m, a) -> m.getName().equals("getArray") ? elements : null);
        }

        private static Object[] elements(java.sql.Array array) {
            try {
                return (Object[]) array.getArray();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Object unwrap(Object value) {
            return value instanceof int[] ints ? Arrays.stream(ints).boxed().toArray() : value;
        }

        /** The rows' provider and key: parameters 3 and 4 after the subjects' two (a hand-off). */
        private Object result(Object proxy, Method m, Object[] a) {
            return switch (m.getName()) {
                case "next" -> ++row < bound[3].length;
                case "getString" -> bound[2 + (Integer) a[0]][row];
                case "getBoolean" -> Boolean.TRUE;
                default -> null;
            };
        }
    }
}
