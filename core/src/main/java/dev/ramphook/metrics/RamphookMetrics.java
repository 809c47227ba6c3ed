package dev.ramphook.metrics;

import dev.ramphook.receiver.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Micrometer meters for one {@link WebhookReceiver}: deliveries by outcome and reason, verification failures, body
 * sizes, time to acknowledge, handler runs, attempts, the pending backlog and its age, dead letters, and event
 * store calls. Bind it to any {@link MeterRegistry}; Spring Boot binds it by itself when Micrometer and a receiver
 * bean are present.
 *
 * <pre>{@code
 * new RamphookMetrics(receiver).bindTo(registry);
 * }</pre>
 *
 * <p>Micrometer is an optional dependency of {@code ramphook-core}: only this package uses it, and nothing else in
 * the library loads this package, so an application without Micrometer never needs it.
 *
 * <p>Tags are bounded and hold no secret and no payload value: {@code endpoint} is a configured endpoint path
 * (never the request's path, which may carry a URL token; {@code none} for a path that is no endpoint),
 * {@code provider} a configured provider id, {@code event} a name the provider documents (others are
 * {@code unknown}; {@code none} before the body was parsed), {@code handler} a registered handler's id, and the
 * rest fixed codes. Counting starts when the binder is bound. The backlog gauges ask the store (one
 * {@code EventStore.stats} call) at most once a second, however many gauges and registries read them.
 *
 * <p>Thread-safe. {@link #close()} stops counting (the meters stay in the registry).
 */
// "exports": Micrometer is optional for core (requires static, and an automatic module, which cannot be required
// transitively without a warning of its own); an application that binds this class requires Micrometer itself.
@SuppressWarnings("exports")
public final class RamphookMetrics implements MeterBinder, AutoCloseable {

    private final WebhookReceiver receiver;
    private final List<MetricsObserver> bound = new CopyOnWriteArrayList<>();

    /**
     * Meters for {@code receiver}, registered when {@link #bindTo} is called.
     *
     * @param receiver a built receiver; it is observed, not owned (closing this binder does not close it)
     */
    public RamphookMetrics(WebhookReceiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Registers the meters in {@code registry} and starts counting into them. May be called for several registries.
     *
     * @param registry where the meters go
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        MetricsObserver observer = new MetricsObserver(registry, receiver.providers());
        BacklogGauges.register(registry, receiver);
        receiver.addListener(observer); // a DeliveryListener, as any application's
        bound.add(observer);
    }

    /** Stops counting into every registry this was bound to; the meters stay registered. */
    @Override
    public void close() {
        for (MetricsObserver observer : bound) {
            receiver.removeListener(observer);
        }
        bound.clear();
    }
}
