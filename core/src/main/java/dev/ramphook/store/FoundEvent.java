package dev.ramphook.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as {@link EventStore#search} or {@link EventStore#find} reports it, for operators.
 *
 * @param provider      the provider id
 * @param key           the deduplication key
 * @param state         where it stands
 * @param nextAttemptAt when a pending event is due next; {@code null} for done and dead ones
 * @param event         what the store keeps of it; {@code null} when it keeps only the key (the in-memory store's
 *                      done events). A {@link EventStore#search} result may leave the body and headers out.
 */
public record FoundEvent(String provider, String key, EventState state, Instant nextAttemptAt, StoredEvent event) {

    /**
     * Checks that the identity and state are present.
     *
     * @param provider      the provider id
     * @param key           the deduplication key
     * @param state         where it stands
     * @param nextAttemptAt when a pending event is due next, or {@code null}
     * @param event         what the store keeps of it, or {@code null}
     * @throws NullPointerException when provider, key or state is null
     */
    public FoundEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
    }
}
