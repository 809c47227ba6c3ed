package dev.ramphook.internal;

import dev.ramphook.WebhookEvent;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.Observer.Reason;
import java.time.Instant;

/**
 * What one delivery's steps learned, for its {@link Observer.Delivery} report: filled in as the path goes
 * (endpoint, body size, event), and closed with the reason of the answer.
 */
final class DeliveryTrace {

    private final long startNanos = System.nanoTime();
    private final Instant receivedAt;
    private final String remoteAddress;
    private EngineConfig.EndpointSpec endpoint;
    private long bodyBytes = -1;
    private String event;
    private String key;
    private Reason reason;
    private String detail;
    private boolean recorded;
    private long reservedBytes;

    DeliveryTrace(Instant receivedAt, WebhookRequest request) {
        this.receivedAt = receivedAt;
        this.remoteAddress = request.remoteAddress().orElse(null);
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
        this.event = parsed.name();
        this.key = parsed.key();
    }

    /** Bytes this delivery reserved of the bound on bodies in flight, given back when it is answered. */
    void reserved(long bytes) {
        this.reservedBytes = bytes;
    }

    long reservedBytes() {
        return reservedBytes;
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

    Observer.Delivery report(WebhookResponse answer) {
        Reason why = reason != null ? reason : Responses.reasonOf(answer);
        return new Observer.Delivery(receivedAt, endpoint == null ? null : endpoint.path(),
                endpoint == null ? null : endpoint.provider().id(), event, key, why, answer.status(), detail,
                bodyBytes, System.nanoTime() - startNanos, remoteAddress);
    }
}
