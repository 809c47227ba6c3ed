package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.WebhookEvent;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.DeliveryListener.Reason;
import java.time.Clock;
import java.time.Instant;

/**
 * What one delivery's steps learned, for its {@link DeliveryListener.Delivery} report: filled in as the path goes
 * (endpoint, body size, event), and closed with the reason of the answer. Only references are kept on the way; the
 * report, its clock reading and its strings are built when someone observes ({@link Observers#active}).
 */
final class DeliveryTrace {

    /** {@link System#nanoTime()} at the start; read only when someone observes (0 for nobody, see {@link #report}). */
    private final long startNanos;
    private final boolean timed;
    /** Null when nobody observed as the delivery started: then taken from the clock at the report, less the time spent. */
    private final Instant receivedAt;
    private final Clock clock;
    private final WebhookRequest request;
    private EngineConfig.EndpointSpec endpoint;
    private long bodyBytes = -1;
    private WebhookEvent<?> event;
    private Reason reason;
    private String detail;
    private boolean recorded;
    private long reservedBytes;
    private String traceParent;

    DeliveryTrace(Instant receivedAt, WebhookRequest request) {
        this.receivedAt = receivedAt;
        this.clock = null;
        this.request = request;
        this.startNanos = System.nanoTime();
        this.timed = true;
    }

    /** A trace that reads {@code clock} only if a report is made: the delivery path with nobody observing. */
    DeliveryTrace(Clock clock, boolean observed, WebhookRequest request) {
        this.receivedAt = observed ? clock.instant() : null;
        this.clock = clock;
        this.request = request;
        this.startNanos = observed ? System.nanoTime() : 0;
        this.timed = observed;
    }

    void endpoint(EngineConfig.EndpointSpec routed) {
        this.endpoint = routed;
    }

    EngineConfig.EndpointSpec endpoint() {
        return endpoint;
    }

    void body(byte[] body) {
        this.bodyBytes = body.length;
    }

    void event(WebhookEvent<?> parsed) {
        this.event = parsed;
    }

    /** Bytes this delivery reserved of the bound on bodies in flight, given back when it is answered. */
    void reserved(long bytes) {
        this.reservedBytes = bytes;
    }

    long reservedBytes() {
        return reservedBytes;
    }

    /** The trace context to record the event with (tracing only). */
    void traceParent(String context) {
        this.traceParent = context;
    }

    String traceParent() {
        return traceParent;
    }

    /** The store has recorded the event: from now on a failure is not a reason for the provider to retry. */
    void recorded() {
        this.recorded = true;
    }

    boolean isRecorded() {
        return recorded;
    }

    /** Why a refusal is what it is: its code and the error text the sender is answered with. */
    void refused(Reason why, String text) {
        this.reason = why;
        this.detail = text;
    }

    DeliveryListener.Delivery report(WebhookResponse answer) {
        Reason why = reason != null ? reason : Responses.reasonOf(answer);
        long nanos = timed ? System.nanoTime() - startNanos : 0; // 0: nobody observed when it started
        Instant started = receivedAt != null ? receivedAt : clock.instant().minusNanos(nanos);
        return new DeliveryListener.Delivery(started, endpoint == null ? null : endpoint.path(),
                endpoint == null ? null : endpoint.provider().id(), event == null ? null : event.name(),
                event == null ? null : event.key(), why, answer.status(), detail, bodyBytes, nanos,
                request.remoteAddress().orElse(null));
    }
}
