package dev.ramphook;

/**
 * A handler registered programmatically with {@link WebhookReceiver.Builder#on(String, EventHandler)}.
 * {@link OnEvent} methods are adapted to this same interface.
 *
 * <p>Throwing fails the delivery: inline, the provider gets a 500 and retries; queued, the event is retried with
 * backoff and becomes a dead letter after the configured number of attempts.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(WebhookEvent<?> event, DeliveryContext context) throws Exception;
}
