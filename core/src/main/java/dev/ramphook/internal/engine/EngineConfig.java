package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.EventHandler;
import dev.ramphook.Provider;
import dev.ramphook.Authenticator;
import dev.ramphook.internal.console.ConsoleConfig;
import dev.ramphook.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Everything {@code WebhookReceiver.Builder} collected, validated by {@link Engine#start}; {@code console} may be null. */
public record EngineConfig(List<EndpointSpec> endpoints, List<Object> handlerBeans, List<HandlerSpec> handlers,
                           EventStore store, boolean queued, int workers, int maxAttempts, Duration initialBackoff,
                           Duration maxBackoff, Duration lease, Duration pollInterval, Duration retention,
                           Duration shutdownTimeout, Clock clock, int maxBodyBytes,
                           Duration handlerTimeout, Duration bodyReadTimeout, ConsoleConfig console,
                           Duration maxPendingAge, Duration recordTimeout, long maxBodyBytesInFlight,
                           List<DeliveryListener> listeners) {

    /** This configuration with {@code other} as its store. */
    EngineConfig withStore(EventStore other) {
        return new EngineConfig(endpoints, handlerBeans, handlers, other, queued, workers, maxAttempts, initialBackoff,
                maxBackoff, lease, pollInterval, retention, shutdownTimeout, clock, maxBodyBytes, handlerTimeout,
                bodyReadTimeout, console, maxPendingAge, recordTimeout, maxBodyBytesInFlight, listeners);
    }

    /**
     * One configured endpoint. {@code explicitDedupKey}: its provider carries a {@code withDedupKey} rule, which
     * {@link DedupKeys} puts before the authenticator's event id.
     */
    public record EndpointSpec(String path, Provider provider, Authenticator authenticator, boolean explicitDedupKey) {
    }

    /** Fails as {@link Engine#start} does for a handler that can never be called, without starting anything. */
    public void validateHandlers() {
        HandlerRegistry.build(handlerBeans, handlers, endpoints.stream().map(EndpointSpec::provider).toList());
    }

    /** The first listener that traces (OpenTelemetry), or null: the engine calls it around the work. */
    DeliveryTracer tracer() {
        return listeners.stream().filter(DeliveryTracer.class::isInstance).map(DeliveryTracer.class::cast)
                .findFirst().orElse(null);
    }

    /** One programmatic {@code on(provider, pattern, handler)} registration. */
    public record HandlerSpec(String provider, String pattern, EventHandler handler) {
    }
}
