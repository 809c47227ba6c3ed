package dev.ramphook.store.bench;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.store.JdbcEventStore;
import dev.ramphook.zbd.ZbdRamp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGPoolingDataSource;

/**
 * A measurement, not a test: several receiver instances on one PostgreSQL database, as behind a load balancer. For
 * each instance count asked for (default 3, then 4), on fresh tables: that many queued receivers, each with its own
 * store and connection pool and its own HTTP server, the clients spread over them round robin, every delivery a new
 * ZBD event; then acknowledged deliveries per second, handled per second during the load, and what the database did
 * per acknowledgement: its commits (how many deliveries a group commit carried) and the CPU time of its processes
 * (the per-row cost, which decides where one database stops scaling). In the same run, the plain insert-commit loop
 * of {@link AckThroughput} as the reference. The instances share this JVM and the machine's cores with the database,
 * so on a small machine a fourth instance shows what one more client of the database costs it, not more capacity.
 * From {@code core/} (or {@code jetty-example/bench/multi.sh}):
 * <pre>
 * java -cp "$(cat target/cp.txt):target/classes:target/test-classes" dev.ramphook.store.bench.MultiInstance \
 *     [seconds=30] [instances=3,4] [clients=16]
 * </pre>
 * One machine-readable line per instance count ({@code RESULT instances=...}).
 */
public final class MultiInstance {

    private MultiInstance() {
    }

    @SuppressWarnings("deprecation") // PGPoolingDataSource: a stand-in for the application's pool, here only
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        String[] counts = (args.length > 1 ? args[1] : "3,4").split(",");
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            System.out.printf("%d HTTP clients, %d s of load per run; %d cores, %s%n", clients, seconds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            PGPoolingDataSource reference = pool(url, "reference", clients + 4);
            long commitsBefore = commits(url);
            long cpuBefore = AckThroughput.databaseCpuMicros(postgres.getPort());
            double inserts = AckThroughput.plainInserts(reference, clients, 10_000);
            long plainCommits = commits(url) - commitsBefore;
            long plainCpu = AckThroughput.databaseCpuMicros(postgres.getPort()) - cpuBefore;
            System.out.printf("plain JDBC insert-commit loop, %d threads: %.0f commits/s, %.0f us of database CPU per"
                    + " commit%n", clients, inserts, plainCpu / (double) plainCommits);
            for (String count : counts) {
                int n = Integer.parseInt(count.trim());
                Run run = run(url, postgres.getPort(), n, clients, seconds * 1000);
                System.out.printf("%d instances: acknowledged %.0f /s (%.2f x plain commits), handled %.0f /s during"
                        + " the load (%d of %d by its end, drained in %d ms); per acknowledgement: %.3f database"
                        + " commits, %s of database CPU%n", n, run.ackRate(), run.ackRate() / inserts,
                        run.handledRate(), run.handledAtEnd, run.acked, run.drainMillis, run.commitsPerAck(),
                        run.dbCpuMicros < 0 ? "n/a" : String.format("%.0f us", run.dbCpuMicros / (double) run.acked));
                System.out.printf("RESULT instances=%d acks_per_s=%.1f handled_per_s=%.1f inserts_per_s=%.1f acked=%d"
                        + " handled=%d commits_per_ack=%.3f db_cpu_us_per_ack=%.0f%n", n, run.ackRate(),
                        run.handledRate(), inserts, run.acked, run.handledAtEnd, run.commitsPerAck(),
                        run.dbCpuMicros < 0 ? -1.0 : run.dbCpuMicros / (double) run.acked);
            }
        }
        System.exit(0);
    }

    @SuppressWarnings("deprecation")
    private static PGPoolingDataSource pool(String url, String name, int size) {
        PGPoolingDataSource pool = new PGPoolingDataSource();
        pool.setDataSourceName(name);
        pool.setURL(url);
        pool.setMaxConnections(size);
        return pool;
    }

    private record Run(long acked, long handledAtEnd, long millis, long drainMillis, long commits, long dbCpuMicros) {
        double ackRate() {
            return acked * 1000.0 / millis;
        }

        double handledRate() {
            return handledAtEnd * 1000.0 / millis;
        }

        double commitsPerAck() {
            return acked == 0 ? 0 : (double) commits / acked;
        }
    }

    private static Run run(String url, int port, int instances, int clients, long millis) throws Exception {
        String prefix = "m" + instances + "_";
        AtomicLong handled = new AtomicLong();
        List<WebhookReceiver> receivers = new ArrayList<>();
        List<JdkHttpAdapter> servers = new ArrayList<>();
        List<URI> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                DataSource pool = pool(url, prefix + i, 24);
                WebhookReceiver receiver = WebhookReceiver.builder()
                        .endpoint("/hooks/zbd", ZbdRamp.provider(), Authenticator.none())
                        .on("*", (event, context) -> handled.incrementAndGet())
                        .store(JdbcEventStore.builder(pool).tablePrefix(prefix).build())
                        .build();
                receivers.add(receiver);
                JdkHttpAdapter http = JdkHttpAdapter.serve(receiver, 0);
                servers.add(http);
                endpoints.add(URI.create("http://127.0.0.1:" + http.port() + "/hooks/zbd"));
            }
            long warm = send(endpoints, "warm" + instances, clients, 3_000, new AtomicLong());
            while (handled.get() < warm) {
                Thread.sleep(10); // a benchmark waiting out its warm-up backlog, not a test
            }
            long handledBefore = handled.get();
            long commitsBefore = commits(url);
            long cpuBefore = AckThroughput.databaseCpuMicros(port);
            long acked = send(endpoints, "load" + instances, clients, millis, new AtomicLong());
            long handledAtEnd = handled.get() - handledBefore;
            long commits = commits(url) - commitsBefore;
            long cpuAfter = AckThroughput.databaseCpuMicros(port);
            long drainStart = System.nanoTime();
            while (handled.get() - handledBefore < acked && System.nanoTime() - drainStart < 120_000_000_000L) {
                Thread.sleep(5);
            }
            return new Run(acked, handledAtEnd, millis, (System.nanoTime() - drainStart) / 1_000_000, commits,
                    cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore);
        } finally {
            for (JdkHttpAdapter s : servers) {
                s.close();
            }
            for (WebhookReceiver r : receivers) {
                r.close();
            }
        }
    }

    /** Transactions committed in the database so far (the statistics collector's count, close to exact). */
    private static long commits(String url) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long send(List<URI> endpoints, String run, int clients, long millis, AtomicLong acked)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.currentTimeMillis() + millis;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            URI endpoint = endpoints.get(c % endpoints.size());
            running.add(threads.submit(() -> {
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(AckThroughput.body(run + "-" + client + "-" + i)))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        acked.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        threads.shutdown();
        return acked.get();
    }
}
