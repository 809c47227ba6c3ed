package dev.ramphook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where events are recorded before they are acknowledged, deduplicated by {@code (provider, key)}, and claimed for
 * handling. Every method may throw {@link StoreException}; an event is acknowledged only after
 * {@link #record} returned.
 *
 * <p>States: {@code PENDING} (recorded, due at its next-attempt time) → claimed (a lease held by one owner) →
 * {@code DONE}, or back to {@code PENDING} with a later next-attempt time, or {@code DEAD} after the last attempt.
 * An expired lease makes the event claimable again, so a crashed instance loses nothing; a live owner
 * {@linkplain #renew renews} its leases while it works, so only a dead (or stalled) owner's claims expire.
 *
 * <p>Times are passed in by the caller (from its {@link java.time.Clock}) so that tests control them.
 */
public interface EventStore extends AutoCloseable {

    /**
     * A bounded store in this JVM's memory: deduplicates and retries, but <b>loses everything on restart</b>.
     *
     * <p>Keeps up to 10,000 unhandled events (pending, being handled, or dead) with their bodies; when that many
     * wait, recording fails (503) rather than dropping one. A handled event keeps only its key, as a 128-bit hash
     * with its receive time, until the receiver's retention ({@code WebhookReceiver.Builder.retention}, default 7
     * days) has passed since it was received: within that window a redelivery is a duplicate, however many other
     * events arrived. The keys of up to 1,000,000 handled events are kept (24 bytes per table slot, at most half
     * the slots used: about 48 MiB at the bound, about 6 MiB for 100,000 keys). At the bound, new events are
     * <b>refused with 503</b> and an ERROR log line, never handled twice: an old key is never forgotten before its
     * retention. For more than about 1.6 events per second sustained over a 7-day retention, shorten the retention
     * (keep it longer than your providers retry), raise the bound, or use a durable store.
     */
    static EventStore inMemory() {
        return new InMemoryEventStore(10_000, 1_000_000);
    }

    /** {@link #inMemory()} keeping up to {@code capacity} unhandled events (keys of handled ones: 1,000,000). */
    static EventStore inMemory(int capacity) {
        return new InMemoryEventStore(capacity, Math.max(capacity, 1_000_000));
    }

    /**
     * {@link #inMemory()} keeping up to {@code capacity} unhandled events and the keys of up to
     * {@code maxHandledKeys} handled events (unhandled ones included, so that each can still complete).
     *
     * @throws IllegalArgumentException when {@code capacity} is not positive or {@code maxHandledKeys} below it
     */
    static EventStore inMemory(int capacity, int maxHandledKeys) {
        return new InMemoryEventStore(capacity, maxHandledKeys);
    }

    /** Records the event if its key is new, atomically; otherwise reports the state of the recorded copy. */
    Recorded record(StoredEvent event, Instant now);

    /**
     * Claims one pending event (due or not) for {@code lease}, for handling it right now. Empty when it is
     * unknown, done, dead or claimed under a live lease. The returned copy has its attempt count raised.
     */
    Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease);

    /** Claims up to {@code max} pending events whose next-attempt time has come, oldest first. */
    List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max);

    /**
     * Extends to {@code now + lease} the lease of every listed claim that its owner still holds (a claim taken
     * over by another owner, or ended, is left alone); returns how many were extended. Called periodically by
     * the owner of running claims, so that a slow handler never loses its claim while its process lives.
     */
    int renew(Collection<Claim> claims, Instant now, Duration lease);

    /** Marks a claimed event done and drops its body. No effect when {@code owner} no longer holds the claim. */
    void complete(StoredEvent event, String owner, Instant now);

    /**
     * Records a failed attempt: the handlers that succeeded, the error, and either the next-attempt time or, when
     * {@code retryAt} is null, that the event is dead.
     */
    void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
              Instant now);

    /** Gives a claim back without counting the attempt (shutdown); the event is due again at once. */
    void release(StoredEvent event, String owner);

    /** Dead events, oldest first, with their last error. */
    List<StoredEvent> deadLetters(int limit);

    /** Makes a dead event pending again with a fresh attempt count; false when no such dead event exists. */
    boolean replay(String provider, String key, Instant now);

    /** Forgets done events recorded before {@code cutoff}; returns how many. Their keys no longer deduplicate. */
    int prune(Instant cutoff);

    /** True when recorded events survive a restart of this process. */
    default boolean durable() {
        return false;
    }

    /**
     * One claim as its owner holds it: which event, and which owner.
     *
     * @param provider the provider id of the claimed event
     * @param key      its deduplication key
     * @param owner    the owner id the claim was taken under
     */
    record Claim(String provider, String key, String owner) {
        public Claim {
            java.util.Objects.requireNonNull(provider, "provider");
            java.util.Objects.requireNonNull(key, "key");
            java.util.Objects.requireNonNull(owner, "owner");
        }
    }

    @Override
    default void close() {
    }
}
