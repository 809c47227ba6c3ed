package dev.ramphook;

/**
 * A handler registered programmatically with
 * {@link dev.ramphook.receiver.WebhookReceiver.Builder#on(String, EventHandler)}.
 * {@link OnEvent} methods are adapted to this same interface.
 *
 * <p>Throwing fails the delivery: inline, the provider gets a 500 and retries; queued, the event is retried with
 * backoff and becomes a dead letter after the configured number of attempts.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * Handles one event. Called once per attempt, on an HTTP thread (inline handling) or a worker thread (queued),
     * possibly concurrently for different events: a handler shared by several events must be thread-safe. A crash
     * between the handler's work and the store's record of it runs the handler again, so make its side effects
     * idempotent, keyed on {@link WebhookEvent#key()}.
     *
     * @param event   the event: provider, name, key, typed data and raw JSON
     * @param context the attempt number, receive time, endpoint and headers
     * @throws Exception to fail this attempt; the event stays recorded and the handler runs again later (the
     *                   handlers of the same event that succeeded do not)
     */
    void handle(WebhookEvent<?> event, DeliveryContext context) throws Exception;
}
