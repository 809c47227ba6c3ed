package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoredEvent;
import dev.ramphook.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The time an inline success is marked done at: the in-memory store keeps none (the handled key keeps the receive
 * time), so no clock is read for it; every other store (the JDBC store, an application's own) receives the clock's
 * time, read once, as before.
 */
class TimedStoreCompleteTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant NOW = T0.plusSeconds(5);

    @Test
    void theInMemoryStoreIsCompletedWithoutReadingTheClock() {
        EventStore memory = EventStore.inMemory();
        TimedStore store = new TimedStore(memory, new Observers());
        StoredEvent claimed = recordAndClaim(memory);
        MutableClock clock = new MutableClock(NOW);

        store.complete(claimed, "w1", clock);

        assertThat(clock.reads()).isZero();
        assertThat(memory.record(event(), T0)).isEqualTo(Recorded.DONE); // it was completed all the same
    }

    @Test
    void anyOtherStoreReceivesTheClocksTime() {
        List<Object> times = new ArrayList<>();
        EventStore memory = EventStore.inMemory();
        EventStore other = (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("complete")) {
                        times.add(args[2]);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TimedStore store = new TimedStore(other, new Observers());
        StoredEvent claimed = recordAndClaim(other);
        MutableClock clock = new MutableClock(NOW);

        store.complete(claimed, "w1", clock);

        assertThat(clock.reads()).isEqualTo(1);
        assertThat(times).containsExactly(NOW);
    }

    private static StoredEvent recordAndClaim(EventStore store) {
        assertThat(store.record(event(), T0)).isEqualTo(Recorded.NEW);
        return store.claim("zbd", "k1", "w1", T0, Duration.ofMinutes(1)).orElseThrow();
    }

    private static StoredEvent event() {
        return new StoredEvent("zbd", "k1", "RAMP_WIDGET.V1.PAYMENT.SETTLED", "/webhooks/zbd",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of(), T0, 0, Set.of(), null);
    }
}
