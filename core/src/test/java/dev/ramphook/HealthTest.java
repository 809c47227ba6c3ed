package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.ReceiverHealth.Status;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoreException;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** health(): UP, DEGRADED for old pending events and dead letters, DOWN when closing or the store fails. */
class HealthTest {

    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicBoolean failing = new AtomicBoolean();
    private WebhookReceiver receiver;

    private WebhookReceiver.Builder builder(EventStore store) {
        return WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, ctx) -> {
                    if (failing.get()) {
                        throw new IllegalStateException("ledger down");
                    }
                })
                .store(store)
                .clock(clock)
                .maxPendingAge(Duration.ofMinutes(5));
    }

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anIdleReceiverIsUp() {
        receiver = builder(EventStore.inMemory()).inline().build();
        receiver.receive(post("/hooks/shop", PAID));

        ReceiverHealth health = receiver.health();

        assertThat(health.status()).isEqualTo(Status.UP);
        assertThat(health.problems()).isEmpty();
        assertThat(health.storeReachable()).isTrue();
        assertThat(health.pending()).isZero();
        assertThat(health.deadLetters()).isZero();
        assertThat(health.oldestPending()).isEmpty();
        assertThat(health.details()).containsEntry("storeReachable", true).containsEntry("pending", 0L)
                .containsEntry("maxPendingAgeSeconds", 300L).doesNotContainKey("problems");
    }

    @Test
    void aPendingEventOlderThanTheThresholdDegradesIt() {
        receiver = builder(EventStore.inMemory()).inline().build();
        failing.set(true);
        receiver.receive(post("/hooks/shop", PAID)); // stays pending until the provider redelivers it

        clock.advance(Duration.ofMinutes(5));
        assertThat(receiver.health().status()).isEqualTo(Status.UP);

        clock.advance(Duration.ofSeconds(1));
        ReceiverHealth health = receiver.health();
        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.oldestPending()).contains(Duration.ofSeconds(301));
        assertThat(health.pending()).isEqualTo(1);
        assertThat(health.problems()).singleElement().asString().contains("oldest pending event has waited 301 s");
    }

    @Test
    void deadLettersDegradeItUntilReplayed() {
        receiver = builder(EventStore.inMemory()).queued().workers(1).maxAttempts(1).pollInterval(Duration.ofMillis(20))
                .build();
        failing.set(true);
        receiver.receive(post("/hooks/shop", PAID));
        await().until(() -> receiver.deadLetters(10).size() == 1);

        ReceiverHealth health = receiver.health();
        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.deadLetters()).isEqualTo(1);
        assertThat(health.problems()).singleElement().asString().contains("1 dead letter");

        failing.set(false);
        receiver.replay("shop", "SHOP.V1.ORDER.PAID:o-1");
        await().until(() -> receiver.health().status() == Status.UP);
    }

    @Test
    void aStoreThatDoesNotAnswerMakesItDown() {
        AtomicBoolean down = new AtomicBoolean();
        EventStore memory = EventStore.inMemory();
        EventStore flaky = (EventStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("stats")) {
                        throw new StoreException("connection refused by 10.0.0.7:5432");
                    }
                    return method.invoke(memory, args);
                });
        receiver = builder(flaky).inline().build();
        assertThat(receiver.health().status()).isEqualTo(Status.UP);

        down.set(true);
        ReceiverHealth health = receiver.health();

        assertThat(health.status()).isEqualTo(Status.DOWN);
        assertThat(health.storeReachable()).isFalse();
        assertThat(health.pending()).isEqualTo(-1);
        assertThat(health.problems()).singleElement().asString().contains("event store did not answer")
                .doesNotContain("10.0.0.7");
        down.set(false);
        assertThat(receiver.health().status()).isEqualTo(Status.UP);
    }

    @Test
    void aClosedReceiverIsDown() {
        receiver = builder(EventStore.inMemory()).inline().build();
        receiver.close();

        ReceiverHealth health = receiver.health();

        assertThat(health.status()).isEqualTo(Status.DOWN);
        assertThat(health.closing()).isTrue();
        assertThat(health.problems()).singleElement().asString().contains("closing");
    }
}
