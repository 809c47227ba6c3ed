package dev.ramphook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Runs one store operation on a connection borrowed from the application's {@link DataSource}, bounded in time,
 * and turns every failure into a {@link StoreException}. Each statement commits on its own (auto-commit): every
 * operation of the store is a single statement, or a sequence whose steps are each safe to commit alone.
 */
final class JdbcCalls {

    /** Work done with a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** SQLSTATE PostgreSQL reports for a statement cancelled by its query timeout. */
    private static final String QUERY_CANCELED = "57014";

    private static final Executor DIRECT = Runnable::run;

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final int networkTimeoutMillis;

    JdbcCalls(DataSource dataSource, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, (queryTimeout.toMillis() + 999) / 1000);
        // The query timeout cancels a slow statement; the network timeout also bounds a dead connection, where a
        // cancel request cannot get through. It is a little longer so that the cleaner cancel wins when it can.
        this.networkTimeoutMillis = timeoutSeconds * 1000 + 1000;
    }

    <T> T call(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            int networkTimeout = c.getNetworkTimeout();
            boolean autoCommit = c.getAutoCommit();
            c.setNetworkTimeout(DIRECT, networkTimeoutMillis);
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                restore(c, networkTimeout, autoCommit);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. For the
     * operations that need more than one statement to be atomic (claiming in subject order).
     */
    <T> T transaction(String operation, Work<T> work) {
        return call(operation, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Prepares a statement that is cancelled after the query timeout. */
    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(timeoutSeconds);
        return ps;
    }

    private static void restore(Connection c, int networkTimeout, boolean autoCommit) {
        try {
            if (!c.isClosed()) {
                c.setNetworkTimeout(DIRECT, networkTimeout);
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException broken) {
            // The connection failed underneath us; its pool will find out and discard it.
        }
    }

    private StoreException failure(String operation, SQLException e) {
        if (QUERY_CANCELED.equals(e.getSQLState()) || e instanceof java.sql.SQLTimeoutException) {
            return new StoreException("event store " + operation + " timed out after " + timeoutSeconds + " s", e);
        }
        // SQLSTATE class 08 is "connection exception": the database is down or unreachable.
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        String what = state.startsWith("08") ? "could not reach the database" : "failed (SQLSTATE " + state + ")";
        return new StoreException("event store " + operation + " " + what, e);
    }
}
