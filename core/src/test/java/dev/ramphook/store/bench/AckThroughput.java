package dev.ramphook.store.bench;

import dev.ramphook.Provider;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.JdbcEventStore;
import dev.ramphook.testing.ShopProvider;
import dev.ramphook.zbd.ZbdRamp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGPoolingDataSource;

/**
 * A measurement, not a test. Saturating HTTP load (real HTTP through the JDK's server, every delivery a new event,
 * so every acknowledgement is a committed insert) on a queued receiver with the JDBC store, for {@code seconds};
 * then how long the workers take to drain what was acknowledged and not yet handled. In the same run, on the same
 * pool and database, before and after the load: a plain JDBC loop of single-row insert-commits at the same
 * concurrency, so the durable ack rate is a ratio against what PostgreSQL itself commits; and the same HTTP server
 * and clients with a handler that only inserts one row, so what ramphook adds on top of HTTP is a ratio too (on a
 * small machine the HTTP stack, in the same process as its clients, costs more than the insert).
 *
 * <p>It is also the soak: every {@code -Dbench.sample=5} seconds of the load it prints the backlog (acknowledged,
 * not yet handled) in events and in seconds of acknowledgements, with the longest-running claim query, the table's
 * dead rows and its autovacuum/autoanalyze counts (a stall of the workers shows there, and why); at the end the
 * largest backlog. A short run never meets what builds up over a few hundred thousand events (dead index entries,
 * autovacuum, plan changes): run it for minutes ({@code seconds=300}). Deliveries are distinct ZBD events, each
 * with its own session as subject like production's ({@code -Dbench.provider=shop}: the subject-less test provider).
 * From {@code core/}:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat target/cp.txt):target/classes:target/test-classes" dev.ramphook.store.bench.AckThroughput \
 *     [seconds=60] [workers=default] [clients=8]
 * </pre>
 * The last line is machine-readable ({@code RESULT ...}), for {@code bench/all.sh}.
 */
public final class AckThroughput {

    private static final long WARM_UP_MS = 5_000;
    private static final long SAMPLE_MS = Long.getLong("bench.sample", 5) * 1000;
    /** The longest wait for the backlog after the load ({@code -Dbench.drain} seconds): a stalled run still ends. */
    private static final long DRAIN_MAX_MS = Long.getLong("bench.drain", 120) * 1000;
    private static final boolean ZBD = !"shop".equals(System.getProperty("bench.provider", "zbd"));

    private AckThroughput() {
    }

    @SuppressWarnings("deprecation") // PGPoolingDataSource: a stand-in for the application's pool, here only
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        int workers = args.length > 1 && !args[1].equals("default") ? Integer.parseInt(args[1]) : 0;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        // Unlike the tests' server, this one keeps PostgreSQL's default durability: every commit waits for fsync.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start()) {
            PGPoolingDataSource pooled = new PGPoolingDataSource();
            pooled.setDataSourceName("ack-throughput");
            pooled.setURL(postgres.getJdbcUrl("postgres", "postgres"));
            pooled.setMaxConnections(clients + 16);
            System.out.printf("%d HTTP clients, %s workers, %d s of load; %d cores, %s%n", clients,
                    workers == 0 ? "default" : Integer.toString(workers), seconds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            double insertsBefore = plainInserts(pooled, clients, 10_000);
            double httpBefore = httpInserts(pooled, clients, 10_000);
            Load load = run(store(pooled, "bench_"), pooled, workers, clients, seconds * 1000);
            double httpAfter = httpInserts(pooled, clients, 10_000);
            double insertsAfter = plainInserts(pooled, clients, 10_000);
            double inserts = (insertsBefore + insertsAfter) / 2;
            double http = (httpBefore + httpAfter) / 2;
            System.out.printf("plain JDBC insert-commit loop, %d threads:  %8.0f commits/s (before %.0f, after %.0f)%n",
                    clients, inserts, insertsBefore, insertsAfter);
            System.out.printf("same HTTP server and clients, one insert:  %8.0f /s (before %.0f, after %.0f)%n",
                    http, httpBefore, httpAfter);
            System.out.printf("ramphook, acknowledged deliveries:        %8.0f /s = %.2f x the plain commit rate,"
                    + " %.2f x HTTP + insert%n", load.ackRate(), load.ackRate() / inserts, load.ackRate() / http);
            System.out.printf("handled during the load / acknowledged:   %8d / %d = %.3f%n", load.handledAtEnd,
                    load.acked, (double) load.handledAtEnd / load.acked);
            System.out.printf("backlog at the end of the load: %d events, drained in %d ms%n",
                    load.acked - load.handledAtEnd, load.drainMillis);
            System.out.printf("largest backlog sampled every %d s: %d events = %.1f s of acknowledgements%n",
                    SAMPLE_MS / 1000, load.maxBacklog, load.maxBacklogSeconds);
            System.out.printf("RESULT acks_per_s=%.1f inserts_per_s=%.1f http_insert_per_s=%.1f acked=%d handled=%d"
                    + " max_backlog=%d max_backlog_s=%.2f drain_ms=%d%n", load.ackRate(), inserts, http, load.acked,
                    load.handledAtEnd, load.maxBacklog, load.maxBacklogSeconds, load.drainMillis);
        }
        System.exit(0);
    }

    private static EventStore store(DataSource dataSource, String prefix) {
        return JdbcEventStore.builder(dataSource).tablePrefix(prefix).build();
    }

    private record Load(long acked, long handledAtEnd, long drainMillis, long millis, long maxBacklog,
                        double maxBacklogSeconds) {
        double ackRate() {
            return acked * 1000.0 / millis;
        }
    }

    private static Load run(EventStore store, DataSource dataSource, int workers, int clients, long millis)
            throws Exception {
        AtomicLong handled = new AtomicLong();
        Provider provider = ZBD ? ZbdRamp.provider() : new ShopProvider();
        WebhookReceiver.Builder builder = WebhookReceiver.builder()
                .endpoint("/hooks/shop", provider, Authenticator.none())
                .on("*", (event, context) -> handled.incrementAndGet())
                .store(store);
        WebhookReceiver receiver = (workers == 0 ? builder : builder.queued().workers(workers)).build();
        try (JdkHttpAdapter http = JdkHttpAdapter.serve(receiver, 0)) {
            URI endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
            long warm = send(endpoint, "warm", clients, WARM_UP_MS, new AtomicLong());
            while (handled.get() < warm) {
                Thread.sleep(10); // a benchmark waiting out its warm-up backlog, not a test
            }
            long handledBefore = handled.get();
            AtomicLong acking = new AtomicLong();
            Soak soak = new Soak(dataSource, acking, () -> handled.get() - handledBefore);
            long acked;
            try {
                acked = send(endpoint, "load", clients, millis, acking);
            } finally {
                soak.stop();
            }
            long handledAtEnd = handled.get() - handledBefore;
            long drainStart = System.nanoTime();
            while (handled.get() - handledBefore < acked) {
                if (System.nanoTime() - drainStart > DRAIN_MAX_MS * 1_000_000) {
                    System.out.printf("backlog not drained after %d s: %d events left%n", DRAIN_MAX_MS / 1000,
                            acked - (handled.get() - handledBefore));
                    break;
                }
                Thread.sleep(5);
            }
            return new Load(acked, handledAtEnd, (System.nanoTime() - drainStart) / 1_000_000, millis,
                    soak.maxBacklog, soak.maxBacklogSeconds);
        } finally {
            receiver.close();
        }
    }

    /**
     * Samples the backlog during the load. Seconds of acknowledgements: the backlog divided by the ack rate of the
     * last interval (what the workers would need, at that rate, to catch up), so a stall shows as it grows.
     */
    private static final class Soak {
        private final DataSource dataSource;
        private final AtomicLong acked;
        private final java.util.function.LongSupplier handled;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final long start = System.nanoTime();
        private long lastAcked;
        private volatile long maxBacklog;
        private volatile double maxBacklogSeconds;

        Soak(DataSource dataSource, AtomicLong acked, java.util.function.LongSupplier handled) {
            this.dataSource = dataSource;
            this.acked = acked;
            this.handled = handled;
            timer.scheduleAtFixedRate(this::sample, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
        }

        private void sample() {
            long a = acked.get();
            long backlog = Math.max(0, a - handled.getAsLong());
            double rate = (a - lastAcked) * 1000.0 / SAMPLE_MS;
            lastAcked = a;
            double seconds = rate > 0 ? backlog / rate : 0;
            if (backlog > maxBacklog) {
                maxBacklog = backlog;
            }
            if (seconds > maxBacklogSeconds) {
                maxBacklogSeconds = seconds;
            }
            System.out.printf("soak %4d s: acked %8d (%5.0f /s), backlog %7d = %5.1f s of acks; %s%n",
                    (System.nanoTime() - start) / 1_000_000_000, a, rate, backlog, seconds, database());
        }

        /** The longest claim query running now, the table's dead rows, its autovacuum and autoanalyze counts. */
        private String database() {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT COALESCE(MAX(EXTRACT(EPOCH FROM clock_timestamp() - query_start)),"
                         + " 0) * 1000 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'WITH c AS%'),"
                         + " n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count"
                         + " FROM pg_stat_user_tables WHERE relname = 'bench_events'")) {
                return rs.next() ? String.format("claim query running %.0f ms, live %d dead %d rows, autovacuum %d"
                        + " autoanalyze %d", rs.getDouble(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)) : "";
            } catch (java.sql.SQLException e) {
                return "database stats unavailable: " + e.getMessage();
            }
        }

        void stop() {
            timer.shutdownNow();
        }
    }

    static String body(String run) {
        if (!ZBD) {
            return ShopProvider.body("SHOP.V1.ORDER.PAID", run);
        }
        return "{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\",\"data\":{\"email\":\"user@example.com\","
                + "\"session_id\":\"sess_" + run + "\",\"base_amount\":\"100.00\",\"base_currency\":\"USD\","
                + "\"quote_amount\":\"0.0025\",\"quote_currency\":\"BTC\",\"metadata\":{\"customer_id\":\"cust_123\","
                + "\"source\":\"widget\"}},\"url\":\"https://partner.com/webhooks\",\"created_at\":\"2025-01-18T11:05:00Z\"}";
    }

    private static long send(URI endpoint, String run, int clients, long millis, AtomicLong acked) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.currentTimeMillis() + millis;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(threads.submit(() -> {
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                    String body = body(run + "-" + client + "-" + i);
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
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

    /**
     * Deliveries per second through the same HTTP server (the JDK's, 8 exchange threads) and client as the load, with
     * a handler that only inserts the body as one row and answers 200: the HTTP stack's share of an acknowledgement,
     * so that what ramphook adds on top of HTTP and PostgreSQL is a ratio too.
     */
    private static double httpInserts(DataSource dataSource, int clients, long millis) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        ExecutorService exchanges = Executors.newFixedThreadPool(8);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO bench_plain (k, body) VALUES (?, ?)")) {
                c.setAutoCommit(true);
                ps.setString(1, Thread.currentThread().getName());
                ps.setBytes(2, body);
                ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                status = 503;
            }
            byte[] answer = "{\"status\":\"accepted\"}".getBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(exchanges);
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/plain");
            return send(endpoint, "http-plain", clients, millis, new AtomicLong()) * 1000.0 / millis;
        } finally {
            server.stop(0);
            exchanges.shutdownNow();
        }
    }

    /** Single-row insert-commits per second from {@code threads} threads, through the same pool. */
    static double plainInserts(DataSource dataSource, int threads, long millis) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_plain (id bigserial PRIMARY KEY, k text NOT NULL,"
                    + " body bytea NOT NULL)");
        }
        byte[] body = body("plain").getBytes();
        AtomicLong commits = new AtomicLong();
        long end = System.currentTimeMillis() + millis;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                    try (Connection c = dataSource.getConnection();
                         PreparedStatement ps = c.prepareStatement("INSERT INTO bench_plain (k, body) VALUES (?, ?)")) {
                        c.setAutoCommit(true);
                        ps.setString(1, thread + "-" + i);
                        ps.setBytes(2, body);
                        ps.executeUpdate();
                        commits.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return commits.get() * 1000.0 / millis;
    }
}
