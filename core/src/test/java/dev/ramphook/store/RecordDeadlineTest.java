package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.answer;
import static dev.ramphook.store.HttpSender.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away (its connections cut by a proxy) under a running queued receiver on a HikariCP pool with
 * its defaults, as a Spring Boot application gets it: the pool makes every caller wait up to 30 s for a connection
 * ({@code connectionTimeout}), longer than providers wait for an answer. With a record timeout of 1 s every delivery
 * must still be answered, 503 with {@code Retry-After}, well before the sender's own timeout; once the database is
 * back, each retry is acknowledged and every event handled exactly once, including those whose record committed
 * after their 503.
 */
class RecordDeadlineTest {

    /** The sender's own timeout: a bound the answers must come within, not a measurement. */
    private static final Duration SENDER_TIMEOUT = Duration.ofSeconds(8);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String prefix = TestPostgres.freshPrefix();
    private TcpProxy proxy;
    private HikariDataSource pool;
    private HandledLog log;
    private WebhookReceiver receiver;
    private JdkHttpAdapter http;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        proxy = TcpProxy.to(TestPostgres.server().getPort());
        log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres");
        pool.setUsername("postgres");
        pool.setInitializationFailTimeout(-1); // connectionTimeout and everything else: HikariCP's defaults
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", log.handler("r"))
                .store(JdbcEventStore.builder(pool).tablePrefix(prefix)
                        .queryTimeout(Duration.ofSeconds(2)).build())
                .queued().workers(1)
                .pollInterval(Duration.ofMillis(50))
                .recordTimeout(Duration.ofSeconds(1))
                .build();
        http = JdkHttpAdapter.serve(receiver, 0);
        endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        receiver.close();
        pool.close();
        proxy.close();
    }

    private CompletableFuture<HttpResponse<String>> send(String id) {
        return client.sendAsync(HttpRequest.newBuilder(endpoint)
                .timeout(SENDER_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ShopProvider.body("SHOP.V1.ORDER.PAID", id)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deliveriesWhileThePoolWaitsForTheDatabaseAreAnswered503AndHandledOnceWhenRetried() throws Exception {
        assertThat(answer(send("o-0").get())).isEqualTo("200 accepted");
        await().until(() -> log.runs().containsKey(key("o-0")));

        proxy.cut();
        List<String> ids = IntStream.rangeClosed(1, 6).mapToObj(i -> "o-" + i).toList();
        List<CompletableFuture<HttpResponse<String>>> sent = ids.stream().map(this::send).toList();
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            HttpResponse<String> r = response.handle((ok, failed) -> ok).get(); // null: the sender timed out
            answers.add(r == null ? "no answer" : answer(r));
            if (r != null) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("SQL");
            }
        }
        assertThat(answers).as("answers while the database is away").hasSize(6).containsOnly("503 unavailable");

        proxy.restore();
        for (String id : ids) {
            await().until(() -> send(id).get().statusCode() == 200); // accepted, or queued/duplicate: recorded late
        }
        await().until(() -> log.runs().size() == 7);
        assertThat(log.runs()).allSatisfy((key, attempts) -> assertThat(attempts).containsExactly(1));
    }
}
