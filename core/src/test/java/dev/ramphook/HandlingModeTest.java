package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handling mode ({@code inline()}, {@code queued()}, or chosen by the store) and {@code workers(n)}, apart. */
class HandlingModeTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        release.countDown();
        if (receiver != null) {
            receiver.close();
        }
    }

    private WebhookReceiver.Builder builder(EventStore store) {
        return WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .store(store)
                .pollInterval(Duration.ofMillis(20))
                .shutdownTimeout(Duration.ofMillis(200))
                .on("*", (event, context) -> {
                    inside.incrementAndGet();
                    release.await(10, TimeUnit.SECONDS); // bounds a hang if handling were wrongly inline
                    handled.add(event.key());
                });
    }

    /** The in-memory store, claiming durability as a JDBC store does. */
    private static EventStore durableStore() {
        EventStore memory = EventStore.inMemory();
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("durable")) {
                        return true;
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private WebhookResponse deliver(String id) {
        return receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", id)));
    }

    /** Each event is delivered once the previous one is held in its handler, so the n-th gets in only with n workers. */
    private void assertWorkersHoldingAtOnce(int n) {
        for (int i = 1; i <= n; i++) {
            assertThat(deliver("o-" + i).status()).isEqualTo(200);
            int held = i;
            await().atMost(Duration.ofSeconds(30)).until(() -> inside.get() == held);
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void queuedAnswersBeforeTheHandlerRunsEvenWithTheInMemoryStore() {
        receiver = builder(EventStore.inMemory()).queued().build();

        assertThat(deliver("o-1").status()).isEqualTo(200);

        assertThat(handled).isEmpty();
        release.countDown();
        await().untilAsserted(() -> assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1"));
    }

    @Test
    void aDurableStoreQueuesByDefaultWithFourWorkers() {
        receiver = builder(durableStore()).build();

        assertWorkersHoldingAtOnce(4);
    }

    @Test
    void workersSetsTheCountOfAQueueTheDurableStoreChose() {
        receiver = builder(durableStore()).workers(6).build();

        assertWorkersHoldingAtOnce(6);
    }

    @Test
    void workersSetsTheCountOfAnExplicitQueue() {
        receiver = builder(EventStore.inMemory()).workers(5).queued().build();

        assertWorkersHoldingAtOnce(5);
    }

    @Test
    void inlineRunsTheHandlerBeforeTheAnswerEvenWithADurableStore() {
        release.countDown();
        receiver = builder(durableStore()).inline().build();

        assertThat(deliver("o-1").status()).isEqualTo(200);

        assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1");
    }

    @Test
    void theLastOfInlineAndQueuedWins() {
        release.countDown();
        receiver = builder(EventStore.inMemory()).queued().inline().build();

        deliver("o-1");

        assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1");
    }

    @Test
    void workersWithExplicitInlineHandlingFailsTheBuild() {
        WebhookReceiver.Builder builder = builder(durableStore()).inline().workers(2);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers(2) applies to queued handling only, and handling is inline (inline() was"
                        + " called): remove it, or call queued()");
        assertThatThrownBy(builder::validate).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workersWithTheInMemoryStoreAndNoModeFailsTheBuild() {
        assertThatThrownBy(() -> builder(EventStore.inMemory()).workers(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handling is inline (the store is not durable)");
    }

    @Test
    void fewerThanOneWorkerIsRefused() {
        assertThatThrownBy(() -> WebhookReceiver.builder().workers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queued handling needs at least one worker, got 0");
    }
}
