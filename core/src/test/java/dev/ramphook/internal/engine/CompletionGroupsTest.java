package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoredEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The completion writer's groups, counted: idle, a lone done mark is written at once; busy, the next group's call
 * waits out the gap since the previous one, so completions finishing one by one share a call (and, in the JDBC
 * store, a transaction) instead of each making its own; a full group and {@code stop()} do not wait. The gap here is
 * an hour, so what is asserted never depends on how fast this machine is: nothing but a full group or stop() can
 * end it. Before the gap, every completion that arrived while the writer was idle was a call of its own.
 */
class CompletionGroupsTest {

    private final List<Integer> calls = new CopyOnWriteArrayList<>();
    private final EventStore store = counting(EventStore.inMemory());
    private final EngineConfig config = new EngineConfig(List.of(), List.of(), List.of(), store, true, 1, 3,
            Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(1),
            Duration.ofDays(1), Duration.ofSeconds(5), Clock.systemUTC(), 1 << 20, Duration.ofSeconds(30),
            Duration.ofSeconds(10), null, Duration.ofDays(1), Duration.ofSeconds(4), 1L << 24, List.of());
    private final ClaimKeeper claims = new ClaimKeeper(config);
    private final Completions completions = new Completions(config, claims, TimeUnit.HOURS.toNanos(1));

    @AfterEach
    void stop() {
        completions.stop(Duration.ofSeconds(5));
        claims.stop();
    }

    @Test
    void completionsArrivingOneByOneWhileBusyShareOneCall() throws Exception {
        completions.start();
        completions.add(event("first"), "w1");
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() == 1); // idle: written at once
        for (int i = 0; i < 20; i++) {
            completions.add(event("e-" + i), "w1");
            Thread.sleep(2); // paced as workers finish events; the old writer wrote each on its own
        }
        completions.stop(Duration.ofSeconds(30)); // stop() does not wait for the gap: it writes what is queued
        assertThat(calls).containsExactly(1, 20);
    }

    @Test
    void aFullGroupDoesNotWaitForTheGap() {
        completions.start();
        completions.add(event("first"), "w1");
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() == 1);
        for (int i = 0; i < Completions.MAX_PER_CALL + 88; i++) {
            completions.add(event("e-" + i), "w1");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() == 2);
        assertThat(calls.get(1)).isEqualTo(Completions.MAX_PER_CALL);
        completions.stop(Duration.ofSeconds(30));
        assertThat(calls).containsExactly(1, Completions.MAX_PER_CALL, 88);
    }

    private static StoredEvent event(String key) {
        return new StoredEvent("zbd", key, "RAMP_WIDGET.V1.PAYMENT.SETTLED", "/webhooks/zbd",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.parse("2025-03-01T12:00:00Z"), 0, Set.of(),
                null);
    }

    /** The store, with each completeAll call's size noted. */
    private EventStore counting(EventStore target) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("completeAll")) {
                        calls.add(((Collection<?>) args[0]).size());
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
