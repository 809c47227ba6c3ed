package dev.ramphook.metrics;

import dev.ramphook.Provider;
import dev.ramphook.DeliveryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns the engine's reports into meters. Each meter is looked up once per tag combination and kept, so a delivery
 * costs a map look-up and an increment; every tag value comes from a bounded set (see {@link RamphookMetrics}).
 */
final class MetricsObserver implements DeliveryListener {

    private static final String NONE = "none";

    private record DeliveryTags(String endpoint, String provider, String event, Reason reason, int status) {
    }

    private record EndpointTags(String endpoint, String provider, Reason reason) {
    }

    private record HandlerTags(String handler, String provider, RunOutcome outcome) {
    }

    private record AttemptTags(String provider, AttemptResult result) {
    }

    private record StoreTags(String operation, boolean failed) {
    }

    private final MeterRegistry registry;
    private final EventNames events;
    private final Map<DeliveryTags, Timer> deliveries = new ConcurrentHashMap<>();
    private final Map<EndpointTags, Counter> verificationFailures = new ConcurrentHashMap<>();
    private final Map<EndpointTags, DistributionSummary> bodies = new ConcurrentHashMap<>();
    private final Map<HandlerTags, Timer> handlerRuns = new ConcurrentHashMap<>();
    private final Map<AttemptTags, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<StoreTags, Timer> storeCalls = new ConcurrentHashMap<>();

    MetricsObserver(MeterRegistry registry, List<Provider> providers) {
        this.registry = registry;
        this.events = new EventNames(providers);
    }

    @Override
    public void delivered(Delivery d) {
        String endpoint = d.endpoint() == null ? NONE : d.endpoint();
        String provider = d.provider() == null ? NONE : d.provider();
        DeliveryTags tags = new DeliveryTags(endpoint, provider, events.tag(d.provider(), d.event()), d.reason(),
                d.status());
        deliveries.computeIfAbsent(tags, t -> Timer.builder(MeterNames.DELIVERIES)
                .description("Webhook deliveries answered, by outcome and reason; time from receipt to answer")
                .tag("endpoint", t.endpoint()).tag("provider", t.provider()).tag("event", t.event())
                .tag("outcome", lower(t.reason().outcome())).tag("reason", t.reason().code())
                .tag("status", Integer.toString(t.status()))
                .register(registry)).record(d.nanos(), TimeUnit.NANOSECONDS);
        if (d.bodyBytes() >= 0) {
            bodies.computeIfAbsent(new EndpointTags(endpoint, provider, null),
                    t -> DistributionSummary.builder(MeterNames.BODY).baseUnit("bytes")
                            .description("Size of webhook delivery bodies read")
                            .tag("endpoint", t.endpoint()).tag("provider", t.provider())
                            .register(registry)).record(d.bodyBytes());
        }
        if (d.reason().isVerificationFailure()) {
            verificationFailures.computeIfAbsent(new EndpointTags(endpoint, provider, d.reason()),
                    t -> Counter.builder(MeterNames.VERIFICATION_FAILURES)
                            .description("Deliveries refused because the sender was not authenticated or allowed")
                            .tag("endpoint", t.endpoint()).tag("provider", t.provider())
                            .tag("reason", t.reason().code())
                            .register(registry)).increment();
        }
    }

    @Override
    public void handlerRan(HandlerRun run) {
        handlerRuns.computeIfAbsent(new HandlerTags(run.handler(), run.provider(), run.outcome()),
                t -> Timer.builder(MeterNames.HANDLER_RUNS)
                        .description("Handler calls, by handler and outcome, and how long they took")
                        .tag("handler", t.handler()).tag("provider", t.provider())
                        .tag("outcome", lower(t.outcome()))
                        .register(registry)).record(run.nanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void attemptEnded(AttemptEnd end) {
        attempts.computeIfAbsent(new AttemptTags(end.provider(), end.result()),
                t -> Counter.builder(MeterNames.ATTEMPTS)
                        .description("Handling attempts of events, by result: handled, retry, dead (a new dead letter)")
                        .tag("provider", t.provider()).tag("result", lower(t.result()))
                        .register(registry)).increment();
    }

    @Override
    public void storeCalled(StoreCall call) {
        storeCalls.computeIfAbsent(new StoreTags(call.operation(), call.failed()),
                t -> Timer.builder(MeterNames.STORE_OPERATIONS)
                        .description("Event store calls, by operation and outcome, and how long they took")
                        .tag("operation", t.operation()).tag("outcome", t.failed() ? "failure" : "success")
                        .register(registry)).record(call.nanos(), TimeUnit.NANOSECONDS);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
