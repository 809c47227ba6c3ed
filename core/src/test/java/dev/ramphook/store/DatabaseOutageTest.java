package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.answer;
import static dev.ramphook.store.HttpSender.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.EventHandler;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running receiver (its connections cut by a proxy) and comes back: deliveries
 * answer 503 meanwhile, so the provider retries; nothing acknowledged is lost; service resumes by itself.
 */
class DatabaseOutageTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private final HttpSender sender = new HttpSender();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String prefix = TestPostgres.freshPrefix();
    private TcpProxy proxy;
    private HandledLog log;
    private ObservedStore store;
    private WebhookReceiver receiver;
    private JdkHttpAdapter http;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        proxy = TcpProxy.to(TestPostgres.server().getPort());
        store = new ObservedStore(JdbcEventStore.builder(TestPostgres.through(proxy)).tablePrefix(prefix)
                .queryTimeout(Duration.ofSeconds(2)).build());
        // The handlers' own writes go straight to the database: the test watches them through the outage.
        log = new HandledLog(TestPostgres.dataSource(), prefix).create();
    }

    private void startReceiver(EventHandler handler) throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", handler)
                .store(store)
                .queued().workers(1)
                .clock(clock)
                .claimLease(LEASE)
                .pollInterval(Duration.ofMillis(50))
                .build();
        http = JdkHttpAdapter.serve(receiver, 0);
        endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        receiver.close();
        proxy.close();
    }

    @Test
    void deliveriesAnswer503WhileTheDatabaseIsDownAndAreHandledOnceWhenRetriedAfterwards() throws Exception {
        startReceiver(log.handler("r"));
        for (String id : List.of("o-1", "o-2", "o-3")) {
            assertThat(answer(sender.paid(endpoint, id))).isEqualTo("200 accepted");
        }
        await().until(() -> log.runs().size() == 3);

        proxy.cut();
        for (String id : List.of("o-4", "o-5", "o-6")) {
            HttpResponse<String> refused = sender.paid(endpoint, id);
            assertThat(answer(refused)).isEqualTo("503 unavailable");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }

        proxy.restore();
        for (String id : List.of("o-4", "o-5", "o-6")) {
            assertThat(answer(sender.paid(endpoint, id))).isEqualTo("200 accepted");
        }
        await().until(() -> log.runs().size() == 6);
        assertThat(log.runs()).containsOnlyKeys(key("o-1"), key("o-2"), key("o-3"), key("o-4"), key("o-5"), key("o-6"))
                .allSatisfy((key, attempts) -> assertThat(attempts).containsExactly(1));
    }

    /**
     * A completion lost to an outage is not lost for good: the worker's completions are written by one writer that
     * tries again, so once the database is back (within the claim's lease) the event is marked done and never runs
     * a second time.
     */
    @Test
    void anEventHandledWhileTheDatabaseWentDownIsMarkedDoneWhenItIsBackAndNotRunAgain() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        EventHandler logged = log.handler("r");
        startReceiver((event, context) -> {
            logged.handle(event, context);
            if (context.attempt() == 1 && event.key().equals(key("o-1"))) {
                running.countDown();
                finish.await();
            }
        });
        assertThat(answer(sender.paid(endpoint, "o-1"))).isEqualTo("200 accepted");
        running.await();

        proxy.cut();
        finish.countDown();
        await().until(() -> store.failedCompletions() >= 1);
        assertThat(answer(sender.paid(endpoint, "o-1"))).isEqualTo("503 unavailable");
        proxy.restore();

        await().until(() -> answer(sender.paid(endpoint, "o-1")).equals("200 duplicate"));
        clock.advance(LEASE.plusSeconds(1));
        // A later event handled after the lease ran out proves the worker polled past it: o-1 was not due again.
        assertThat(answer(sender.paid(endpoint, "o-2"))).isEqualTo("200 accepted");
        await().until(() -> log.runs().containsKey(key("o-2")));
        assertThat(log.runs().get(key("o-1"))).containsExactly(1);
    }

    /**
     * The one window where an event runs twice: its handler finished, but the database stayed away until the
     * process stopped, so it was never marked done. The claim's lease then runs out and the event is handled again.
     * Handlers with side effects outside the database should therefore be idempotent (the event key is the natural
     * idempotency key).
     */
    @Test
    void anEventHandledWhileTheDatabaseStaysDownUntilShutdownRunsAgainAfterItsLease() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        EventHandler logged = log.handler("r");
        EventHandler handler = (event, context) -> {
            logged.handle(event, context);
            if (context.attempt() == 1) {
                running.countDown();
                finish.await();
            }
        };
        startReceiver(handler);
        assertThat(answer(sender.paid(endpoint, "o-1"))).isEqualTo("200 accepted");
        running.await();

        proxy.cut();
        finish.countDown();
        await().until(() -> store.failedCompletions() >= 1);
        http.close();
        receiver.close(); // gives up on the completion: the database is still away
        proxy.restore();

        startReceiver(handler);
        // not done (its completion was lost): queued, not a duplicate, and still claimed by the stopped receiver
        assertThat(answer(sender.paid(endpoint, "o-1"))).isEqualTo("200 queued");
        assertThat(log.runs().get(key("o-1"))).containsExactly(1);

        clock.advance(LEASE);
        await().until(() -> log.runs().get(key("o-1")).size() == 2);
        assertThat(log.runs().get(key("o-1"))).containsExactly(1, 2);
    }
}
