package dev.ramphook.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event as an {@link EventStore} keeps it: enough to rebuild the {@code WebhookEvent} and run its handlers
 * again after a restart. Unique by {@code (provider, key)}.
 *
 * @param provider          the provider id
 * @param key               the deduplication key
 * @param name              the event name as delivered
 * @param endpoint          the configured endpoint path that received it (never the request path, which may
 *                          hold a URL token)
 * @param body              the raw body bytes exactly as received
 * @param headers           request headers, without credentials (see {@code DeliveryContext#header})
 * @param receivedAt        when it was first recorded
 * @param attempts          how many times its handlers have been started, this claim included
 * @param completedHandlers ids of handlers that already succeeded for it; a retry skips them
 * @param lastError         the last handler failure, or {@code null}
 */
public record StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                          Map<String, List<String>> headers, Instant receivedAt, int attempts,
                          Set<String> completedHandlers, String lastError) {

    public StoredEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(receivedAt, "receivedAt");
        completedHandlers = Set.copyOf(completedHandlers);
    }

    /** This event as claimed for one more attempt. */
    public StoredEvent nextAttempt() {
        return new StoredEvent(provider, key, name, endpoint, body, headers, receivedAt, attempts + 1,
                completedHandlers, lastError);
    }

    /** Names the event; never prints the body or headers. */
    @Override
    public String toString() {
        return "StoredEvent[provider=" + provider + ", key=" + key + ", name=" + name + ", attempts=" + attempts
                + (lastError == null ? "" : ", lastError=" + lastError) + "]";
    }
}
