package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.EventHandler;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Closing a queued receiver on the JDBC store: a handler that finishes within the shutdown bound completes its
 * event; one that does not has its claim given back (not counted as an attempt), and another instance runs it at
 * once instead of waiting for the lease. Events recorded but not started stay for the next instance.
 */
class JdbcGracefulShutdownTest {

    // Fixed: leases never expire in these tests, so only a released claim can be taken over.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String prefix = TestPostgres.freshPrefix();

    private WebhookReceiver receiver(EventHandler handler, Duration shutdownTimeout) {
        return WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", handler)
                .store(JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build())
                .queued().workers(1)
                .clock(clock)
                .pollInterval(Duration.ofMillis(20))
                .shutdownTimeout(shutdownTimeout)
                .build();
    }

    private static void deliver(WebhookReceiver receiver, String id) {
        assertThat(receiver.receive(Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", id)))
                .status()).isEqualTo(200);
    }

    @Test
    void aRunningHandlerFinishesWithinTheBoundAndItsEventIsDone() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        HandledLog log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        EventHandler logged = log.handler("a");
        WebhookReceiver a = receiver((event, context) -> {
            running.countDown();
            finish.await();
            logged.handle(event, context);
        }, Duration.ofSeconds(30));
        deliver(a, "o-1");
        running.await();

        Thread closing = new Thread(a::close);
        closing.start();
        // Closing has begun once a delivery is refused; the handler is still held, so close() cannot be done yet.
        await().until(() -> a.receive(Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-2")))
                .status() == 503);
        assertThat(closing.isAlive()).isTrue();
        finish.countDown();
        closing.join();

        assertThat(log.runs()).isEqualTo(Map.of(key("o-1"), List.of(1)));
        assertThat(JdbcEventStoreTest.queryInts("SELECT count(*) FROM " + prefix + "events WHERE state = 'DONE'"))
                .containsExactly(1);
    }

    @Test
    void aHandlerOverTheBoundIsReleasedAndTheNextInstanceRunsItAndTheRestAtOnce() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        WebhookReceiver a = receiver((event, context) -> {
            running.countDown();
            new CountDownLatch(1).await(); // stuck until shutdown interrupts it
        }, Duration.ofMillis(200));
        deliver(a, "o-1");
        running.await();
        deliver(a, "o-2"); // recorded; the only worker is busy, so it is not started

        a.close();
        HandledLog log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        WebhookReceiver b = receiver(log.handler("b"), Duration.ofSeconds(5));
        try {
            await().until(() -> log.runs().size() == 2);
            // Attempt 1 again: the interrupted run was given back, not counted, and not failed.
            assertThat(log.runs()).isEqualTo(Map.of(key("o-1"), List.of(1), key("o-2"), List.of(1)));
            assertThat(b.deadLetters(10)).isEmpty();
        } finally {
            b.close();
        }
    }
}
