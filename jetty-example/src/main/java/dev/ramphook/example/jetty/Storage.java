package dev.ramphook.example.jetty;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.JdbcEventStore;
import java.util.Map;
import org.postgresql.ds.PGPoolingDataSource;

/**
 * Where the example records events: PostgreSQL when {@code RAMPHOOK_JDBC_URL} is set (durable, so handling is
 * queued), else memory (lost on restart).
 */
final class Storage {

    private Storage() {
    }

    static EventStore fromEnvironment(Map<String, String> env) {
        String url = env.get("RAMPHOOK_JDBC_URL");
        if (url == null || url.isBlank()) {
            return EventStore.inMemory();
        }
        return JdbcEventStore.of(pool(url.trim(), env.get("RAMPHOOK_JDBC_USER"), env.get("RAMPHOOK_JDBC_PASSWORD")));
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
