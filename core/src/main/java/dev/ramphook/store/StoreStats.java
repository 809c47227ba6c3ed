package dev.ramphook.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an {@link EventStore} holds right now ({@link EventStore#stats}): its unhandled events by provider, how many
 * handled events it still remembers, and when the oldest unhandled one was received. Health, metrics and the
 * console read it; it names no event and holds no event data.
 *
 * @param providers        the counts of each provider that has unhandled events (providers with none may be
 *                         missing), by provider id
 * @param done             handled events still kept (for deduplication) within the retention, all providers
 * @param oldestPending    when the oldest pending event (waiting, being handled or waiting for a retry) was first
 *                         received; empty when nothing is pending
 * @param fullEndpoints    endpoints whose budget in the store is full, so that their new events are refused (503)
 *                         while other endpoints still record: by endpoint path, the bound reached
 *                         ({@code "1000000 handled keys"}). Only {@link EventStore#inMemory()} has budgets per
 *                         endpoint; empty for other stores
 */
public record StoreStats(Map<String, Counts> providers, long done, Optional<Instant> oldestPending,
                         Map<String, String> fullEndpoints) {

    /**
     * One provider's unhandled events.
     *
     * @param pending    recorded and not yet handled: waiting, being handled, or waiting for a retry
     * @param inProgress of those, the ones claimed by a handler right now
     * @param dead       dead letters: every attempt failed; they wait for a replay
     */
    public record Counts(long pending, long inProgress, long dead) {
        /**
         * Checks that no count is negative and that {@code inProgress} is part of {@code pending}.
         *
         * @param pending    recorded and not yet handled
         * @param inProgress of those, claimed right now
         * @param dead       dead letters
         * @throws IllegalArgumentException when a count is negative or {@code inProgress} exceeds {@code pending}
         */
        public Counts {
            if (pending < 0 || inProgress < 0 || dead < 0 || inProgress > pending) {
                throw new IllegalArgumentException("invalid counts: pending " + pending + ", in progress "
                        + inProgress + ", dead " + dead);
            }
        }
    }

    /**
     * Stats of a store without budgets per endpoint: no endpoint is full.
     *
     * @param providers     the counts by provider id
     * @param done          handled events kept
     * @param oldestPending the oldest pending event's receipt time, if any
     * @throws IllegalArgumentException when {@code done} is negative
     * @throws NullPointerException     when {@code providers} or {@code oldestPending} is null
     */
    public StoreStats(Map<String, Counts> providers, long done, Optional<Instant> oldestPending) {
        this(providers, done, oldestPending, Map.of());
    }

    /**
     * Copies the maps (sorted by provider id and endpoint) and checks the values.
     *
     * @param providers     the counts by provider id
     * @param done          handled events kept
     * @param oldestPending the oldest pending event's receipt time, if any
     * @param fullEndpoints endpoints whose budget is full, with the bound each reached
     * @throws IllegalArgumentException when {@code done} is negative
     * @throws NullPointerException     when an argument is null
     */
    public StoreStats {
        providers = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(providers,
                "providers")));
        fullEndpoints = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(fullEndpoints,
                "fullEndpoints")));
        Objects.requireNonNull(oldestPending, "oldestPending");
        if (done < 0) {
            throw new IllegalArgumentException("done must not be negative, got " + done);
        }
    }

    /**
     * Pending events of every provider.
     *
     * @return the sum of {@link Counts#pending()} over the providers
     */
    public long pending() {
        return providers.values().stream().mapToLong(Counts::pending).sum();
    }

    /**
     * Pending events being handled right now, every provider.
     *
     * @return the sum of {@link Counts#inProgress()} over the providers
     */
    public long inProgress() {
        return providers.values().stream().mapToLong(Counts::inProgress).sum();
    }

    /**
     * Dead letters of every provider.
     *
     * @return the sum of {@link Counts#dead()} over the providers
     */
    public long dead() {
        return providers.values().stream().mapToLong(Counts::dead).sum();
    }

    /**
     * The counts of one provider.
     *
     * @param provider a provider id
     * @return its counts; all zero when it has no unhandled event
     */
    public Counts of(String provider) {
        return providers.getOrDefault(provider, new Counts(0, 0, 0));
    }
}
