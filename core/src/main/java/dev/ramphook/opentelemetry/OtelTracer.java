package dev.ramphook.opentelemetry;

import dev.ramphook.DeliveryListener;
import dev.ramphook.EventHandler;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.engine.DeliveryTracer;
import dev.ramphook.store.StoredEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Locale;

/**
 * {@link RamphookTracing}'s listener: the engine calls it around each delivery and handler run
 * ({@link DeliveryTracer}); as a plain {@link DeliveryListener} it hears nothing more.
 */
final class OtelTracer implements DeliveryListener, DeliveryTracer {

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey(RamphookTracing.PROVIDER);
    private static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey(RamphookTracing.EVENT_NAME);
    private static final AttributeKey<String> DEDUP_KEY = AttributeKey.stringKey(RamphookTracing.DEDUP_KEY);
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(RamphookTracing.OUTCOME);
    private static final AttributeKey<String> REASON = AttributeKey.stringKey(RamphookTracing.REASON);
    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey(RamphookTracing.STATUS_CODE);
    private static final AttributeKey<String> HANDLER = AttributeKey.stringKey(RamphookTracing.HANDLER);
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey(RamphookTracing.ATTEMPT);
    /** On a link: where the linked context came from ({@code sender}: the provider's traceparent header). */
    private static final AttributeKey<String> LINK_SOURCE = AttributeKey.stringKey("ramphook.link.source");
    private static final Attributes FROM_SENDER = Attributes.of(LINK_SOURCE, "sender");
    private static final Attributes FROM_DELIVERY = Attributes.of(LINK_SOURCE, "delivery");
    private static final String SYSTEM = "ramphook";
    private static final String TRACEPARENT = "traceparent";

    /** Reads the sender's trace context from the request's headers. */
    private static final TextMapGetter<WebhookRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public String get(WebhookRequest request, String key) {
            return request == null ? null : request.header(key).orElse(null);
        }
    };

    /** Reads a stored traceparent. */
    private static final TextMapGetter<String> STORED = new TextMapGetter<>() {
        @Override
        public String get(String stored, String key) {
            return TRACEPARENT.equals(key) ? stored : null;
        }
    };

    private final Tracer tracer;

    OtelTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public DeliverySpan startDelivery(WebhookRequest request) {
        SpanBuilder builder = tracer.spanBuilder("receive")
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_TYPE, "receive")
                .setAttribute(OPERATION_NAME, "receive");
        // The sender's context is outside input: a link, never the parent (the parent is the current context, the
        // container's HTTP server span when it is instrumented).
        SpanContext sender = remote(W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS));
        if (sender != null) {
            builder.addLink(sender, FROM_SENDER);
        }
        Span span = builder.startSpan();
        return new Delivery(span, span.makeCurrent());
    }

    @Override
    public RunSpan startRun(StoredEvent event, String handler, boolean queued) {
        SpanBuilder builder = tracer.spanBuilder("process " + event.endpoint())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_TYPE, "process")
                .setAttribute(OPERATION_NAME, "process")
                .setAttribute(DESTINATION, event.endpoint())
                .setAttribute(MESSAGE_ID, event.key())
                .setAttribute(PROVIDER, event.provider())
                .setAttribute(EVENT_NAME, event.name())
                .setAttribute(DEDUP_KEY, event.key())
                .setAttribute(HANDLER, handler)
                .setAttribute(ATTEMPT, (long) event.attempts());
        SpanContext recordedBy = event.traceParent() == null ? null : remote(
                W3CTraceContextPropagator.getInstance().extract(Context.root(), event.traceParent(), STORED));
        if (queued) {
            builder.setNoParent(); // a trace of its own, linked to the delivery that recorded the event
        }
        SpanContext parent = Span.current().getSpanContext();
        if (recordedBy != null && !(parent.getTraceId().equals(recordedBy.getTraceId())
                && parent.getSpanId().equals(recordedBy.getSpanId()) && !queued)) {
            builder.addLink(recordedBy, FROM_DELIVERY);
        }
        return new Run(builder.startSpan());
    }

    /** The span context in {@code context} when it is a valid one, else null. */
    private static SpanContext remote(Context context) {
        SpanContext found = Span.fromContext(context).getSpanContext();
        return found.isValid() ? found : null;
    }

    /** The W3C traceparent of {@code context}. */
    static String traceParent(SpanContext context) {
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    private static final class Delivery implements DeliverySpan {
        private final Span span;
        private final Scope scope;

        Delivery(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        @Override
        public String traceParent() {
            SpanContext context = span.getSpanContext();
            return context.isValid() ? OtelTracer.traceParent(context) : null;
        }

        @Override
        public void end(DeliveryListener.Delivery d) {
            try {
                if (d.endpoint() != null) {
                    span.updateName("receive " + d.endpoint());
                    span.setAttribute(DESTINATION, d.endpoint());
                }
                if (d.provider() != null) {
                    span.setAttribute(PROVIDER, d.provider());
                }
                if (d.event() != null) {
                    span.setAttribute(EVENT_NAME, d.event());
                }
                if (d.key() != null) {
                    span.setAttribute(DEDUP_KEY, d.key());
                    span.setAttribute(MESSAGE_ID, d.key());
                }
                span.setAttribute(OUTCOME, d.reason().outcome().name().toLowerCase(Locale.ROOT));
                span.setAttribute(REASON, d.reason().code());
                span.setAttribute(STATUS_CODE, (long) d.status());
                if (d.status() >= 500) { // 4xx is the sender's error, not ours: status left unset
                    span.setStatus(StatusCode.ERROR, d.reason().code());
                    span.setAttribute(ERROR_TYPE, d.reason().code());
                }
                span.end();
            } finally {
                scope.close();
            }
        }
    }

    private static final class Run implements RunSpan {
        private final Span span;

        Run(Span span) {
            this.span = span;
        }

        @Override
        public EventHandler wrap(EventHandler handler) {
            return (event, context) -> {
                Scope scope = span.makeCurrent(); // on the thread that runs the handler (queued: a pool thread)
                try {
                    handler.handle(event, context);
                } finally {
                    scope.close();
                }
            };
        }

        @Override
        public void end(RunOutcome outcome, Throwable failure) {
            if (outcome != RunOutcome.SUCCEEDED) {
                // The class only: a handler's message may hold payload values, and the log line has it already.
                String type = failure == null ? outcome.name().toLowerCase(Locale.ROOT) : failure.getClass().getName();
                span.setStatus(StatusCode.ERROR, outcome.name().toLowerCase(Locale.ROOT));
                span.setAttribute(ERROR_TYPE, type);
            }
            span.end();
        }
    }
}
