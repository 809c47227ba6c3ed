package dev.ramphook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.text.Printable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One webhook event: the envelope every provider shares, with the provider's typed data. What an {@link OnEvent}
 * method or an {@link EventHandler} receives. Immutable and thread-safe (the JSON tree is shared: do not modify it).
 *
 * @param <T> the data type: a provider record such as {@code ZbdPayment} or {@code MeCashPayout}, or
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
     * @throws NullPointerException when any argument but {@code occurredAt} is null
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

    /** {@return the provider id, such as {@code zbd} or {@code mecash}} */
    public String provider() {
        return provider;
    }

    /** {@return the full event name as delivered, such as {@code RAMP_WIDGET.V1.PAYMENT.SETTLED}} */
    public String name() {
        return name;
    }

    /**
     * {@return the name without the provider's namespace, such as {@code PAYMENT.SETTLED}; the full name when the
     * provider has no namespace}
     */
    public String shortName() {
        return shortName;
    }

    /**
     * {@return the deduplication key: a redelivery of this event has the same key} Key idempotent side effects on
     * it (with {@link #provider()}): a handler may run again for the same event after a crash.
     */
    public String key() {
        return key;
    }

    /** {@return when the provider says the event happened; empty when the delivery does not say} */
    public Optional<Instant> occurredAt() {
        return Optional.ofNullable(occurredAt);
    }

    /**
     * {@return the typed data, or the JSON {@code data} node for an event the provider does not type (an
     * undocumented name, or data that does not match the documentation); never null}
     */
    public T data() {
        return data;
    }

    /** {@return the whole delivered JSON document} It may hold secrets (access tokens): do not log it. */
    public JsonNode json() {
        return json;
    }

    /**
     * This event with another deduplication key, everything else kept.
     *
     * @param newKey the key to use instead
     * @return a new event
     * @throws NullPointerException when {@code newKey} is null
     */
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
