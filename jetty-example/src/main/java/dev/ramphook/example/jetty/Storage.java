package dev.ramphook.example.jetty;

import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.JdbcEventStore;
import java.util.Optional;
import org.postgresql.ds.PGPoolingDataSource;

/**
 * Where the example records events: PostgreSQL when {@code ramphook.jdbc.url} is set ({@code RAMPHOOK_JDBC_URL},
 * with {@code RAMPHOOK_JDBC_USER} and {@code RAMPHOOK_JDBC_PASSWORD}: durable, so handling is queued), else memory
 * (lost on restart). The keys are the receiver's, checked by its parser; the pool is the example's.
 */
final class Storage {

    private Storage() {
    }

    static EventStore of(Optional<ReceiverSettings.Database> database) {
        if (database.isEmpty()) {
            return EventStore.inMemory();
        }
        ReceiverSettings.Database db = database.get();
        return JdbcEventStore.of(pool(db.url(), db.user().orElse(null), db.password().orElse(null)));
    }

    // The driver's own small pool keeps the example free of extra dependencies; an application uses its own pool
    // (HikariCP, the container's DataSource) with a connect timeout of a few seconds.
    @SuppressWarnings("deprecation")
    private static PGPoolingDataSource pool(String url, String user, String password) {
        PGPoolingDataSource pool = new PGPoolingDataSource();
        pool.setURL(url);
        if (user != null && !user.isBlank()) {
            pool.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
            pool.setPassword(password);
        }
        pool.setMaxConnections(16);
        pool.setConnectTimeout(3);
        return pool;
    }

    /** What the start-up line says about storage. */
    static String describe(EventStore store) {
        return store.durable()
                ? "events are recorded in PostgreSQL (RAMPHOOK_JDBC_URL) and handled by queued workers"
                : "events are recorded IN MEMORY and lost on restart; set RAMPHOOK_JDBC_URL (+ RAMPHOOK_JDBC_USER,"
                + " RAMPHOOK_JDBC_PASSWORD) to record them in PostgreSQL";
    }
}
