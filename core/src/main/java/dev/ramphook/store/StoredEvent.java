package dev.ramphook.store;

import dev.ramphook.internal.Printable;
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
 * @param subject           what the event is about ({@code Provider#subject}); events of one subject are handled
 *                          one at a time, in {@link #sequencedAt()} order; {@code null} for none
 * @param occurredAt        when the provider says it happened, or {@code null}
 */
public record StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                          Map<String, List<String>> headers, Instant receivedAt, int attempts,
                          Set<String> completedHandlers, String lastError, String subject, Instant occurredAt) {

    /**
     * An event without a subject or occurrence time: handled in parallel with any other.
     *
     * @param provider          the provider id
     * @param key               the deduplication key
     * @param name              the event name as delivered
     * @param endpoint          the configured endpoint path that received it
     * @param body              the raw body bytes exactly as received
     * @param headers           request headers, without credentials
     * @param receivedAt        when it was first recorded
     * @param attempts          how many times its handlers have been started
     * @param completedHandlers ids of handlers that already succeeded for it
     * @param lastError         the last handler failure, or {@code null}
     */
    public StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                       Map<String, List<String>> headers, Instant receivedAt, int attempts,
                       Set<String> completedHandlers, String lastError) {
        this(provider, key, name, endpoint, body, headers, receivedAt, attempts, completedHandlers, lastError, null,
                null);
    }

    /**
     * Copies {@code headers} and {@code completedHandlers}, so the record is immutable apart from {@code body}
     * (the array is shared, not copied: do not modify it).
     *
     * @param provider          the provider id
     * @param key               the deduplication key
     * @param name              the event name as delivered
     * @param endpoint          the configured endpoint path that received it
     * @param body              the raw body bytes exactly as received
     * @param headers           request headers, without credentials
     * @param receivedAt        when it was first recorded
     * @param attempts          how many times its handlers have been started
     * @param completedHandlers ids of handlers that already succeeded for it
     * @param lastError         the last handler failure, or {@code null}
     * @param subject           what the event is about, or {@code null}
     * @param occurredAt        when the provider says it happened, or {@code null}
     * @throws NullPointerException when provider, key, name, endpoint, body, headers, receivedAt or
     *                              completedHandlers is null
     */
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

    /** This event as claimed for one more attempt: the same event with {@code attempts + 1}. */
    StoredEvent nextAttempt() {
        return new StoredEvent(provider, key, name, endpoint, body, headers, receivedAt, attempts + 1,
                completedHandlers, lastError, subject, occurredAt);
    }

    /** This event with another body, headers, attempt count, completed handlers and error; the rest is kept. */
    StoredEvent with(byte[] newBody, Map<String, List<String>> newHeaders, int newAttempts, Set<String> completed,
                     String error) {
        return new StoredEvent(provider, key, name, endpoint, newBody, newHeaders, receivedAt, newAttempts, completed,
                error, subject, occurredAt);
    }

    /**
     * Where the event stands in its subject's order.
     *
     * @return {@link #occurredAt()}, or {@link #receivedAt()} when the provider gave no time
     */
    public Instant sequencedAt() {
        return occurredAt != null ? occurredAt : receivedAt;
    }

    /** Names the event; never prints the body or headers. */
    @Override
    public String toString() {
        return "StoredEvent[provider=" + provider + ", key=" + Printable.of(key) + ", name=" + Printable.of(name)
                + ", attempts=" + attempts + (subject == null ? "" : ", subject=" + Printable.of(subject))
                + (lastError == null ? "" : ", lastError=" + Printable.of(lastError)) + "]";
    }
}
