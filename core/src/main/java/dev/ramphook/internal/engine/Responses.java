package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.json.Json;
import java.util.Map;

/** The receiver's answers. The common ones are built once; none carries a stack trace or request data. */
final class Responses {

    static final WebhookResponse ACCEPTED = WebhookResponse.json(200, "{\"status\":\"accepted\"}", Map.of());
    static final WebhookResponse DUPLICATE = WebhookResponse.json(200, "{\"status\":\"duplicate\"}", Map.of());
    static final WebhookResponse QUEUED = WebhookResponse.json(200, "{\"status\":\"queued\"}", Map.of());
    static final WebhookResponse DEAD_LETTER = WebhookResponse.json(500,
            "{\"status\":\"dead_letter\",\"error\":\"this event's handlers failed on every attempt; it runs again "
                    + "once the receiver's operator replays it\"}", Map.of());
    static final WebhookResponse IN_PROGRESS = WebhookResponse.json(409,
            "{\"status\":\"in_progress\",\"error\":\"this event is being handled by another delivery; retry later\"}",
            Map.of("Retry-After", "5"));
    static final WebhookResponse HANDLER_FAILED = WebhookResponse.json(500,
            "{\"status\":\"error\",\"error\":\"handler failed; the event is kept and its failed handlers run again on redelivery\"}",
            Map.of());
    static final WebhookResponse INTERNAL = WebhookResponse.json(500,
            "{\"status\":\"error\",\"error\":\"internal error\"}", Map.of());
    static final WebhookResponse SHUTTING_DOWN = WebhookResponse.json(503,
            "{\"status\":\"unavailable\",\"error\":\"receiver is shutting down\"}", Map.of("Retry-After", "30"));
    static final WebhookResponse STORE_UNAVAILABLE = WebhookResponse.json(503,
            "{\"status\":\"unavailable\",\"error\":\"event could not be recorded; retry later\"}",
            Map.of("Retry-After", "30"));
    /**
     * The store did not record the event within the record timeout (or too many earlier records still hang). Its
     * own reason code, so an operator tells a slow database from a refusing one.
     */
    static final WebhookResponse STORE_TIMEOUT = WebhookResponse.json(503,
            "{\"status\":\"unavailable\",\"error\":\"event was not recorded in time; retry later\"}",
            Map.of("Retry-After", "30"));
    /** Built in advance: the answer to an Error (out of memory, say) before the event was recorded. */
    static final WebhookResponse RECEIVER_FAILED = WebhookResponse.json(503,
            "{\"status\":\"unavailable\",\"error\":\"receiver could not take this delivery; retry later\"}",
            Map.of("Retry-After", "30"));

    static final WebhookResponse OVERLOADED = WebhookResponse.json(503,
            "{\"status\":\"unavailable\",\"error\":\"too many deliveries in flight; retry later\"}",
            Map.of("Retry-After", "5"));

    private Responses() {
    }

    /** The reason behind one of the answers above; {@code INTERNAL_ERROR} for any other (refusals carry theirs). */
    static DeliveryListener.Reason reasonOf(WebhookResponse answer) {
        if (answer == ACCEPTED) {
            return DeliveryListener.Reason.ACCEPTED;
        } else if (answer == DUPLICATE) {
            return DeliveryListener.Reason.DUPLICATE;
        } else if (answer == QUEUED) {
            return DeliveryListener.Reason.QUEUED;
        } else if (answer == DEAD_LETTER) {
            return DeliveryListener.Reason.DEAD_LETTER;
        } else if (answer == IN_PROGRESS) {
            return DeliveryListener.Reason.IN_PROGRESS;
        } else if (answer == HANDLER_FAILED) {
            return DeliveryListener.Reason.HANDLER_FAILED;
        } else if (answer == SHUTTING_DOWN) {
            return DeliveryListener.Reason.SHUTTING_DOWN;
        } else if (answer == STORE_UNAVAILABLE) {
            return DeliveryListener.Reason.STORE_UNAVAILABLE;
        } else if (answer == STORE_TIMEOUT) {
            return DeliveryListener.Reason.STORE_TIMEOUT;
        } else if (answer == OVERLOADED) {
            return DeliveryListener.Reason.OVERLOADED;
        } else if (answer == RECEIVER_FAILED) {
            return DeliveryListener.Reason.RECEIVER_FAILED;
        }
        return DeliveryListener.Reason.INTERNAL_ERROR;
    }

    /** A 4xx rejection; {@code reason} is ours or an authenticator's and never holds secrets. */
    static WebhookResponse rejected(int status, String reason) {
        Map<String, String> headers = status == 405 ? Map.of("Allow", "POST") : Map.of();
        return WebhookResponse.json(status, "{\"status\":\"rejected\",\"error\":" + Json.quote(reason) + "}", headers);
    }
}
