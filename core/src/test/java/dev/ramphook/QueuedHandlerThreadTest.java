package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where a queued handler runs: on the worker's own thread (no hand-over to a helper thread and back per call), still
 * bounded by the handler timeout; and what a handler that ignores its interrupt costs (its own thread, not a worker).
 */
class QueuedHandlerThreadTest {

    private static final Duration LEASE = Duration.ofSeconds(20); // the default claim lease

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final EventStore store = EventStore.inMemory();
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    private WebhookReceiver queued(int workers, Duration handlerTimeout, EventHandler handler) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", handler)
                .store(store)
                .queued().workers(workers)
                .clock(clock)
                .handlerTimeout(handlerTimeout)
                .retryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .shutdownTimeout(Duration.ofMillis(500))
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

    private static String key(String id) {
        return "SHOP.V1.ORDER.PAID:" + id;
    }

    @Test
    void aQueuedHandlerRunsOnTheWorkersOwnThreadWithoutAHelperThreadPerCall() {
        Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        queued(2, Duration.ofMinutes(5), (e, c) -> {
            threads.add(Thread.currentThread().getName());
            runs.add(e.key());
        });

        for (int i = 0; i < 50; i++) {
            assertThat(receiver.receive(post("/hooks/shop", paid("o-" + i))).status()).isEqualTo(200);
        }

        await().untilAsserted(() -> assertThat(runs).hasSize(50));
        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("ramphook-worker-"));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("ramphook-handler-")
                && !t.getName().equals("ramphook-handler-watchdog"));
    }

    @Test
    void aHandlerPastItsTimeoutIsInterruptedItsAttemptFailsAndTheWorkerGoesOnUninterrupted() {
        List<Boolean> interruptedAtStart = new CopyOnWriteArrayList<>();
        queued(1, Duration.ofMillis(200), (e, c) -> {
            interruptedAtStart.add(Thread.currentThread().isInterrupted());
            runs.add(e.key() + "#" + c.attempt());
            if (e.key().equals(key("slow")) && c.attempt() == 1) {
                new CountDownLatch(1).await(); // never counted down: only the timeout's interrupt ends it
            }
        });

        receiver.receive(post("/hooks/shop", paid("slow")));
        await().untilAsserted(() -> assertThat(runs).containsExactly(key("slow") + "#1"));
        receiver.receive(post("/hooks/shop", paid("next")));
        await().untilAsserted(() -> assertThat(runs).contains(key("next") + "#1"));

        clock.advance(Duration.ofSeconds(11)); // past the backoff of the timed-out attempt
        receiver.receive(post("/hooks/shop", paid("wake")));
        await().untilAsserted(() -> assertThat(runs).contains(key("slow") + "#2"));
        assertThat(interruptedAtStart).containsOnly(false); // the timeout's interrupt never leaked into a later call
        assertThat(receiver.deadLetters(10)).isEmpty();
    }

    @Test
    void aHandlerThatIgnoresItsInterruptCostsItsThreadNotAWorker() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        queued(1, Duration.ofMillis(200), (e, c) -> {
            runs.add(e.key() + "#" + c.attempt());
            if (e.key().equals(key("stuck")) && c.attempt() == 1) {
                while (letGo.getCount() > 0) { // deaf to interrupts
                    try {
                        letGo.await();
                    } catch (InterruptedException ignored) {
                        // a badly written handler
                    }
                }
            }
        });

        receiver.receive(post("/hooks/shop", paid("stuck")));
        await().untilAsserted(() -> assertThat(runs).containsExactly(key("stuck") + "#1"));
        receiver.receive(post("/hooks/shop", paid("after")));
        // The only worker is stuck in a handler: another thread takes its place and handles the next event.
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(runs).contains(key("after") + "#1"));

        letGo.countDown(); // the stuck run returns now: it must not mark the event done
        clock.advance(LEASE.plusSeconds(1)); // its claim was given up: due again once its lease ends
        receiver.receive(post("/hooks/shop", paid("wake")));
        await().untilAsserted(() -> assertThat(runs).contains(key("stuck") + "#2"));
        assertThat(runs).filteredOn(r -> r.startsWith(key("stuck"))).containsExactly(key("stuck") + "#1",
                key("stuck") + "#2");
    }
}
