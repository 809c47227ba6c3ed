package dev.ramphook.opentelemetry;

import dev.ramphook.DeliveryListener;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * OpenTelemetry tracing for a receiver: a span per delivery and a messaging {@code process} span per handler run,
 * linked to the delivery that recorded the event, across restarts and instances.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.pathSegment(secret))
 *         .handlers(new Payments())
 *         .listener(RamphookTracing.of(openTelemetry))
 *         .build();
 * }</pre>
 *
 * <ul>
 *   <li>The HTTP server span is the container's (its instrumentation, or the Java agent). Each delivery adds an
 *       {@code INTERNAL} span {@code receive <endpoint>} as its child, current while the delivery runs, with
 *       {@value #PROVIDER}, {@value #EVENT_NAME}, {@value #DEDUP_KEY}, {@value #OUTCOME}, {@value #REASON} and the
 *       messaging attributes ({@code messaging.system=ramphook}, {@code messaging.destination.name} the endpoint,
 *       {@code messaging.message.id} the deduplication key). Refusals are spans too (status unset: a 4xx is the
 *       sender's error); 5xx answers set status {@code ERROR}.</li>
 *   <li>The sender's {@code traceparent} header (Ramp Network sends one) is outside input: it becomes a
 *       {@linkplain io.opentelemetry.api.trace.SpanBuilder#addLink link} of the delivery span, never its parent.</li>
 *   <li>Every handler run is a {@code CONSUMER} span {@code process <endpoint>}, current while the handler runs (its
 *       own spans nest under it). Queued, it starts a trace of its own and links to the delivery that recorded the
 *       event: that delivery's context is stored with the event ({@code StoredEvent.traceParent()}, a column of the
 *       JDBC store), so the link holds in another instance and after a restart. Inline, it is a child of the
 *       delivery span.</li>
 * </ul>
 *
 * <p>Tags hold no secret: never a header value, a body, a signature or a URL token (the endpoint is the configured
 * path). The event name and key are the sender's text, bounded by the receiver.
 *
 * <p>OpenTelemetry is an optional dependency of {@code ramphook-core} ({@code io.opentelemetry:opentelemetry-api}):
 * only this package uses it and nothing else loads it. Spring Boot registers it by itself when the application has
 * an {@code OpenTelemetry} bean.
 */
public final class RamphookTracing {

    /** The instrumentation scope name of ramphook's spans. */
    public static final String INSTRUMENTATION_NAME = "dev.ramphook";
    /** Span attribute: the endpoint's provider id. */
    public static final String PROVIDER = "ramphook.provider";
    /** Span attribute: the event name as delivered. */
    public static final String EVENT_NAME = "ramphook.event.name";
    /** Span attribute: the event's deduplication key. */
    public static final String DEDUP_KEY = "ramphook.dedup_key";
    /** Span attribute: the kind of answer ({@code accepted}, {@code refused}, ...; {@code DeliveryListener.Outcome}). */
    public static final String OUTCOME = "ramphook.outcome";
    /** Span attribute: the stable reason code of the answer ({@code not_authenticated}, ...). */
    public static final String REASON = "ramphook.reason";
    /** Span attribute: the HTTP status ramphook answered with. */
    public static final String STATUS_CODE = "ramphook.response.status_code";
    /** Span attribute of a handler run: the handler's id. */
    public static final String HANDLER = "ramphook.handler";
    /** Span attribute of a handler run: the attempt number, from 1. */
    public static final String ATTEMPT = "ramphook.attempt";

    private RamphookTracing() {
    }

    /**
     * A listener that traces the receiver it is registered on ({@code WebhookReceiver.Builder.listener}).
     *
     * @param openTelemetry where the spans go (the SDK, or {@code GlobalOpenTelemetry.get()} under the Java agent)
     * @return a listener; register it on one or more receivers
     */
    // "exports": OpenTelemetry is optional for core (requires static); an application that calls this requires it.
    @SuppressWarnings("exports")
    public static DeliveryListener of(OpenTelemetry openTelemetry) {
        return new OtelTracer(Objects.requireNonNull(openTelemetry, "openTelemetry")
                .getTracer(INSTRUMENTATION_NAME));
    }
}
