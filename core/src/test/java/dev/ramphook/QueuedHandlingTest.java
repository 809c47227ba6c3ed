package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoredEvent;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queued handling: answer once recorded, run on workers, retry with backoff, dead-letter, replay, shut down. */
class QueuedHandlingTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final EventStore store = EventStore.inMemory();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    private WebhookReceiver queued(EventHandler handler) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", handler)
                .store(store)
                .queued().workers(1)
                .clock(clock)
                .maxAttempts(3)
                .retryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .shutdownTimeout(Duration.ofMillis(200))
                .build();
        return receiver;
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    private static String paid(String id) {
        return ShopProvider.body("SHOP.V1.ORDER.PAID", id);
    }

    @Test
    void answers200AsSoonAsRecordedWhileTheHandlerIsStillRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queued((e, c) -> {
            release.await();
            handled.add(e.key());
        });

        WebhookResponse response = receiver.receive(post("/hooks/shop", paid("o-1")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(handled).isEmpty();
        release.countDown();
        await().untilAsserted(() -> assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1"));
    }

    @Test
    void failedEventIsRetriedOnlyAfterItsBackoff() {
        queued((e, c) -> {
            handled.add(e.key() + "#" + c.attempt());
            if (e.key().endsWith("o-1") && c.attempt() == 1) {
                throw new IllegalStateException("ledger down");
            }
        });

        receiver.receive(post("/hooks/shop", paid("o-1")));
        await().untilAsserted(() -> assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1#1"));

        // Backoff after attempt 1 is 10 s with jitter in [5 s, 10 s]: at +4 s it is not due. A new event wakes the
        // worker, which claims oldest-first, so a due retry would run before it.
        clock.advance(Duration.ofSeconds(4));
        receiver.receive(post("/hooks/shop", paid("o-2")));
        await().untilAsserted(() -> assertThat(handled).hasSize(2));
        assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1#1", "SHOP.V1.ORDER.PAID:o-2#1");

        clock.advance(Duration.ofSeconds(6));
        await().untilAsserted(() -> assertThat(handled).hasSize(3));
        assertThat(handled.get(2)).isEqualTo("SHOP.V1.ORDER.PAID:o-1#2");
    }

    @Test
    void eventBecomesDeadLetterAfterMaxAttemptsAndCanBeReplayed() {
        boolean[] fixed = {false};
        queued((e, c) -> {
            handled.add("attempt " + c.attempt());
            if (!fixed[0]) {
                throw new IllegalStateException("bad account mapping");
            }
        });

        receiver.receive(post("/hooks/shop", paid("o-1")));
        for (int attempt = 1; attempt <= 3; attempt++) {
            int expected = attempt;
            await().untilAsserted(() -> assertThat(handled).hasSize(expected));
            clock.advance(Duration.ofMinutes(5));
        }
        await().untilAsserted(() -> assertThat(receiver.deadLetters(10)).hasSize(1));
        StoredEvent dead = receiver.deadLetters(10).get(0);
        assertThat(dead.key()).isEqualTo("SHOP.V1.ORDER.PAID:o-1");
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("IllegalStateException: bad account mapping");

        fixed[0] = true;
        assertThat(receiver.replay("shop", dead.key())).isTrue();
        await().untilAsserted(() -> assertThat(handled).hasSize(4));
        assertThat(handled.get(3)).isEqualTo("attempt 1");
        await().untilAsserted(() -> assertThat(receiver.deadLetters(10)).isEmpty());
        assertThat(receiver.replay("shop", dead.key())).isFalse();
    }

    @Test
    void redeliveryOfAQueuedEventIsAcknowledgedAndRunsOnce() {
        queued((e, c) -> handled.add(e.key()));

        receiver.receive(post("/hooks/shop", paid("o-1")));
        WebhookResponse again = receiver.receive(post("/hooks/shop", paid("o-1")));

        // queued while the worker has not finished it, duplicate once it has: a 200 either way
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.bodyText()).containsAnyOf("\"queued\"", "\"duplicate\"");
        await().untilAsserted(() -> assertThat(handled).hasSize(1));
    }

    @Test
    void shutdownWaitsForTheBoundThenReleasesTheClaimSoNothingIsLost() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        queued((e, c) -> {
            started.countDown();
            never.await();
        });
        receiver.receive(post("/hooks/shop", paid("o-1")));
        started.await();

        receiver.close();

        assertThat(receiver.receive(post("/hooks/shop", paid("o-2"))).status()).isEqualTo(503);
        List<StoredEvent> reclaimed = store.claimDue("next-instance", clock.instant(), Duration.ofMinutes(1), 10);
        assertThat(reclaimed).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("SHOP.V1.ORDER.PAID:o-1");
            assertThat(e.attempts()).isEqualTo(1); // the interrupted attempt was not counted
        });
    }

    @Test
    void shutdownAlsoReleasesEventsClaimedInTheSameBatchButNotStarted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        queued((e, c) -> {
            started.countDown();
            never.await();
        });
        for (int i = 1; i <= 5; i++) {
            receiver.receive(post("/hooks/shop", paid("o-" + i)));
        }
        started.await();

        receiver.close();

        List<StoredEvent> reclaimed = store.claimDue("next-instance", clock.instant(), Duration.ofMinutes(1), 10);
        assertThat(reclaimed).extracting(StoredEvent::key).containsExactlyInAnyOrder(
                "SHOP.V1.ORDER.PAID:o-1", "SHOP.V1.ORDER.PAID:o-2", "SHOP.V1.ORDER.PAID:o-3",
                "SHOP.V1.ORDER.PAID:o-4", "SHOP.V1.ORDER.PAID:o-5");
        assertThat(reclaimed).allSatisfy(e -> assertThat(e.attempts()).isEqualTo(1)); // none counted before
    }
}
