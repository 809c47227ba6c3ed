package dev.ramphook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.Printable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One webhook event: the envelope every provider shares, with the provider's typed data.
 *
 * @param <T> the data type: a provider record such as {@code ZbdPayment} or {@code RampPayout}, or
 *            {@link JsonNode} for an event name the provider does not document (or data it could not map)
 */
public final class WebhookEvent<T> {

    private final String provider;
    private final String name;
    private final String shortName;
    private final String key;
    private final Instant occurredAt;
    private final T data;
    private final JsonNode json;

    /**
     * For {@link Provider} implementations.
     *
     * @param provider   the provider id, such as {@code zbd}
     * @param name       the event name exactly as delivered
     * @param shortName  the name without the provider's namespace, or {@code name} when it has none
     * @param key        the deduplication key: two deliveries with the same key are the same event
     * @param occurredAt when the provider says the event happened, or {@code null} when it does not say
     * @param data       the typed data, never {@code null} (use the JSON {@code data} node when untyped)
     * @param json       the whole delivered JSON document
     */
    public WebhookEvent(String provider, String name, String shortName, String key, Instant occurredAt, T data,
                        JsonNode json) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.name = Objects.requireNonNull(name, "name");
        this.shortName = Objects.requireNonNull(shortName, "shortName");
        this.key = Objects.requireNonNull(key, "key");
        this.occurredAt = occurredAt;
        this.data = Objects.requireNonNull(data, "data");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The provider id, such as {@code zbd} or {@code mecash}. */
    public String provider() {
        return provider;
    }

    /** The full event name as delivered, such as {@code RAMP_WIDGET.V1.PAYMENT.SETTLED}. */
    public String name() {
        return name;
    }

    /** The name without the provider's namespace, such as {@code PAYMENT.SETTLED}. */
    public String shortName() {
        return shortName;
    }

    /** The deduplication key: a redelivery of this event has the same key. */
    public String key() {
        return key;
    }

    /** When the provider says the event happened. */
    public Optional<Instant> occurredAt() {
        return Optional.ofNullable(occurredAt);
    }

    /** The typed data, or the JSON {@code data} node for an event the provider does not type. */
    public T data() {
        return data;
    }

    /** The whole delivered JSON document. It may hold secrets (access tokens): do not log it. */
    public JsonNode json() {
        return json;
    }

    /** This event with another deduplication key. */
    public WebhookEvent<T> withKey(String newKey) {
        return new WebhookEvent<>(provider, name, shortName, newKey, occurredAt, data, json);
    }

    /** Names the event; never prints its data, which may hold tokens or personal data. */
    @Override
    public String toString() {
        // Name and key come from the sender: escaped and bounded, so a log line stays one honest line.
        return "WebhookEvent[provider=" + provider + ", name=" + Printable.of(name) + ", key=" + Printable.of(key) + "]";
    }
}
