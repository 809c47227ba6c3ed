package dev.ramphook.metrics;

import dev.ramphook.Provider;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.StoreStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The gauges read from the store: pending events and dead letters per configured provider, and the age of the
 * oldest pending event. They share one {@code EventStore.stats} answer, fetched at most once a second (a scrape
 * reads every gauge at once); when the store does not answer, they read NaN.
 */
final class BacklogGauges {

    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final WebhookReceiver receiver;
    private StoreStats stats;
    private long fetchedAt;
    private boolean fetched;

    private BacklogGauges(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    static void register(MeterRegistry registry, WebhookReceiver receiver) {
        BacklogGauges gauges = new BacklogGauges(receiver);
        for (Provider provider : receiver.providers()) {
            String id = provider.id();
            gauge(registry, gauges, MeterNames.BACKLOG, id, "Events recorded and not yet handled (waiting, running"
                    + " or waiting for a retry)", s -> s.of(id).pending());
            gauge(registry, gauges, MeterNames.DEAD_LETTERS, id, "Dead letters: events whose every attempt failed,"
                    + " waiting for a replay", s -> s.of(id).dead());
        }
        TimeGauge.builder(MeterNames.BACKLOG_OLDEST_AGE, gauges, TimeUnit.SECONDS, BacklogGauges::oldestAgeSeconds)
                .description("How long the oldest pending event has waited since it was received (0 when none)")
                .strongReference(true)
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, BacklogGauges gauges, String name, String provider,
                              String description, ToDoubleFunction<StoreStats> value) {
        Gauge.builder(name, gauges, g -> g.read(value))
                .description(description)
                .tag("provider", provider)
                .strongReference(true)
                .register(registry);
    }

    private double read(ToDoubleFunction<StoreStats> value) {
        StoreStats current = current();
        return current == null ? Double.NaN : value.applyAsDouble(current);
    }

    private double oldestAgeSeconds() {
        StoreStats current = current();
        if (current == null) {
            return Double.NaN;
        }
        return current.oldestPending()
                .map(received -> Math.max(0,
                        Duration.between(received, receiver.clock().instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private synchronized StoreStats current() {
        long now = System.nanoTime();
        if (!fetched || now - fetchedAt >= MAX_AGE_NANOS) {
            try {
                stats = receiver.stats();
            } catch (RuntimeException e) { // store down, or a store that reports no stats: the gauges read NaN
                stats = null;
            }
            fetchedAt = now;
            fetched = true;
        }
        return stats;
    }
}
