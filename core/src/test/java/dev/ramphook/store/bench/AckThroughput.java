package dev.ramphook.store.bench;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.auth.Authenticator;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.JdbcEventStore;
import dev.ramphook.testing.ShopProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGPoolingDataSource;

/**
 * A measurement, not a test: acknowledged deliveries per second over real HTTP (the JDK's server) with queued
 * handling, for the in-memory store and the JDBC store (with and without a connection pool), in one run so the
 * figures compare. Every delivery is a new event, so every one is a committed insert. From {@code core/}:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat target/cp.txt):target/classes:target/test-classes" dev.ramphook.store.bench.AckThroughput
 * </pre>
 */
public final class AckThroughput {

    private static final int CLIENTS = 8;
    private static final long WARM_UP_MS = 3_000;
    private static final long MEASURE_MS = 8_000;

    private AckThroughput() {
    }

    @SuppressWarnings("deprecation") // PGPoolingDataSource: a stand-in for the application's pool, here only
    public static void main(String[] args) throws Exception {
        // Unlike the tests' server, this one keeps PostgreSQL's default durability: every commit waits for fsync.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start()) {
            PGPoolingDataSource pooled = new PGPoolingDataSource();
            pooled.setURL(postgres.getJdbcUrl("postgres", "postgres"));
            pooled.setMaxConnections(16);
            List<String> lines = new ArrayList<>();
            lines.add(run("in-memory", EventStore.inMemory(1_000_000)));
            lines.add(run("jdbc, pooled connections", store(pooled, "bench_pooled_")));
            lines.add(run("jdbc, a new connection per operation",
                    store(postgres.getPostgresDatabase(), "bench_simple_")));
            lines.add(run("in-memory (again, to show the noise)", EventStore.inMemory(1_000_000)));
            lines.forEach(System.out::println);
        }
        System.exit(0);
    }

    private static EventStore store(DataSource dataSource, String prefix) {
        return JdbcEventStore.builder(dataSource).tablePrefix(prefix).build();
    }

    private static String run(String label, EventStore store) throws Exception {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> { })
                .store(store)
                .queued(2)
                .build();
        try (JdkHttpAdapter http = JdkHttpAdapter.serve(receiver, 0)) {
            URI endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
            send(endpoint, label + "-warm", WARM_UP_MS);
            long acked = send(endpoint, label, MEASURE_MS);
            return String.format("%-40s %8.0f acknowledged deliveries/s (%d clients, %d s)", label,
                    acked * 1000.0 / MEASURE_MS, CLIENTS, MEASURE_MS / 1000);
        } finally {
            receiver.close();
        }
    }

    private static long send(URI endpoint, String run, long millis) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong acked = new AtomicLong();
        long end = System.currentTimeMillis() + millis;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                    String body = ShopProvider.body("SHOP.V1.ORDER.PAID", run + "-" + client + "-" + i);
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
        clients.shutdown();
        return acked.get();
    }
}
