package dev.ramphook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
 *
 * <p>Use {@link #inMemory()} (the receiver's default) for development and single-instance receivers that may lose
 * acknowledged events on restart, {@link JdbcEventStore} for production. To write a store of your own, implement
 * every method atomically with respect to concurrent callers (the receiver calls its store from HTTP threads and
 * workers at once, and several receiver instances may share one durable store), and run the published
 * {@code EventStore} contract tests (the {@code ramphook-core} test-jar) against it.
 */
public interface EventStore extends AutoCloseable {

    /**
     * A bounded store in this JVM's memory: deduplicates and retries, but <b>loses everything on restart</b>.
     *
     * <p>Its bounds are budgets <b>per endpoint</b>: whoever can sign for one endpoint (a leaked URL token) fills
     * that endpoint's budget only, and every other endpoint keeps recording. Each endpoint keeps up to 10,000
     * unhandled events (pending, being handled, or dead) with their bodies; when that many wait, recording its
     * events fails (503) rather than dropping one. A handled event keeps only its key, as a 128-bit hash with its
     * receive time, until the receiver's retention ({@code WebhookReceiver.Builder.retention}, default 7 days) has
     * passed since it was received: within that window a redelivery is a duplicate, however many other events
     * arrived. Each endpoint keeps the keys of up to 1,000,000 events (25 bytes per table slot, at most half the
     * slots used: 52 bytes per key, 50 MiB, at the bound; about 6 MiB for 100,000 keys), so the store's keys take at
     * most 50 MiB times the number of endpoints. At an endpoint's bound, its new events are <b>refused with 503</b>
     * (logged at ERROR once a minute with a count, and the receiver's health is DEGRADED naming the endpoint), never
     * handled twice: an old key is never forgotten before its retention. For more than about 1.6 events per second
     * sustained on one endpoint over a 7-day retention, shorten the retention (keep it longer than your providers
     * retry), raise the bound, or use a durable store.
     *
     * @return a new, empty, thread-safe store; not {@linkplain #durable() durable}, so the receiver handles inline
     */
    static EventStore inMemory() {
        return new InMemoryEventStore(10_000, 1_000_000);
    }

    /**
     * {@link #inMemory()} keeping up to {@code capacity} unhandled events per endpoint (keys of handled ones:
     * 1,000,000 per endpoint, or {@code capacity} when larger).
     *
     * @param capacity how many unhandled events (pending, being handled or dead) it holds per endpoint before
     *                 recording that endpoint's events fails
     * @return a new, empty store
     * @throws IllegalArgumentException when {@code capacity} is not positive
     */
    static EventStore inMemory(int capacity) {
        return new InMemoryEventStore(capacity, Math.max(capacity, 1_000_000));
    }

    /**
     * {@link #inMemory()} keeping, per endpoint, up to {@code capacity} unhandled events and the keys of up to
     * {@code maxHandledKeys} events (unhandled ones included, so that each can still complete). The keys take about
     * 52 bytes each at the bound (between 50 and 100 bytes: a table of 25-byte slots, at most half of them used).
     *
     * @param capacity       how many unhandled events it holds per endpoint before recording that endpoint's fails
     * @param maxHandledKeys how many keys (of handled and unhandled events) it remembers per endpoint for
     *                       deduplication before it refuses that endpoint's new events
     * @return a new, empty store
     * @throws IllegalArgumentException when {@code capacity} is not positive or {@code maxHandledKeys} below it
     */
    static EventStore inMemory(int capacity, int maxHandledKeys) {
        return new InMemoryEventStore(capacity, maxHandledKeys);
    }

    /**
     * Records the event if its key is new, atomically; otherwise reports the state of the recorded copy and changes
     * nothing. When this returns {@link Recorded#NEW}, the event must survive whatever the store promises to survive
     * (a durable store: a crash of this process), because the receiver acknowledges it next.
     *
     * @param event the event as received, no attempt made yet
     * @param now   the receive time
     * @return {@link Recorded#NEW} for a first delivery, else the state of the copy recorded before
     * @throws StoreException when the event could not be recorded; the delivery is then answered 503
     */
    Recorded record(StoredEvent event, Instant now);

    /**
     * Records several events, each exactly as {@link #record} would alone, in the given order: the first copy of a
     * key new to the store is {@link Recorded#NEW}, a later copy in the same list answers as a duplicate of it
     * ({@link Recorded#PENDING}). The default calls {@code record} for each in turn; a store that can write them
     * in one transaction should override it (the JDBC store does, and also groups concurrent {@code record} calls
     * into shared transactions by itself).
     *
     * @param events the events as received, no attempt made yet
     * @param now    their receive time
     * @return what became of each, in the order of {@code events}
     * @throws StoreException when they could not be recorded; some may then have been (a repeat answers those as
     *                        duplicates), unless the store writes them in one transaction
     */
    default List<Recorded> recordAll(List<StoredEvent> events, Instant now) {
        List<Recorded> answers = new java.util.ArrayList<>(events.size());
        for (StoredEvent e : events) {
            answers.add(record(e, now));
        }
        return answers;
    }

    /**
     * An optional capability: {@link #record} as a future its caller waits on until a deadline of its own and may
     * then cancel, for a store that groups concurrent records into shared transactions (group commit). A record
     * cancelled before it was written is never written; one written anyway hands its answer to {@code late}
     * (the receiver's caller had answered 503 by then, so the provider's retry will find it). The receiver calls
     * this for every delivery and falls back to {@link #record} when it returns null, as the default does.
     *
     * @param event the event as received, no attempt made yet
     * @param now   the receive time
     * @param late  hears the answer of a record written after its caller gave up waiting
     * @return the answer to come (completed exceptionally with a {@link StoreException} when the record failed), or
     *         null when this store records only through {@link #record}
     */
    default CompletableFuture<Recorded> recordSoon(StoredEvent event, Instant now, Consumer<? super Recorded> late) {
        return null;
    }

    /**
     * An optional capability: {@link #recordSoon(StoredEvent, Instant, Consumer)}, handing the
     * event to the recording process's own workers (queued handling) without a claim query. When the event is new
     * and its subject has no other pending event, it is recorded already claimed by {@code owner} until
     * {@code leaseUntil}, as its first attempt, in the transaction that records it, and {@code handoff} gets the
     * claimed copy before the future completes. {@code handoff} hears exactly once what became of the record:
     * (claimed copy, {@link Recorded#NEW}); (null, the answer) when it was recorded unclaimed or was there already;
     * (null, null) when nothing was recorded.
     *
     * @param event      the event as received, no attempt made yet
     * @param now        the receive time
     * @param late       hears the answer of a record written after its caller gave up waiting
     * @param owner      the recording receiver's owner id, as for {@link #claim}
     * @param leaseUntil when the hand-off's claim expires unless renewed
     * @param handoff    hears what became of the record, exactly once
     * @return the answer to come, or null (the default) when this store cannot hand events off: the receiver then
     *         records through {@link #recordSoon(StoredEvent, Instant, Consumer)} or
     *         {@link #record} and its workers claim the event
     */
    default CompletableFuture<Recorded> recordSoon(StoredEvent event, Instant now, Consumer<? super Recorded> late,
                                                   String owner, Instant leaseUntil,
                                                   BiConsumer<StoredEvent, Recorded> handoff) {
        return null;
    }

    /**
     * Claims one pending event (due or not) for {@code lease}, for handling it right now. Empty when it is
     * unknown, done, dead or claimed under a live lease. The returned copy has its attempt count raised.
     *
     * @param provider the provider id of the event
     * @param key      its deduplication key
     * @param owner    who claims it (a receiver instance's id); only this owner may complete, fail or release it
     * @param now      the current time
     * @param lease    how long the claim lasts unless {@linkplain #renew renewed}
     * @return the claimed event, or empty when there is nothing to claim
     * @throws StoreException when the store cannot be reached
     */
    Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease);

    /**
     * Claims up to {@code max} pending events whose next-attempt time has come (including events whose lease
     * expired), oldest first: what the queued workers poll. Each returned copy has its attempt count raised.
     * Concurrent callers, in this process or another, never get the same event.
     *
     * @param owner who claims them
     * @param now   the current time
     * @param lease how long each claim lasts unless renewed
     * @param max   the most events to claim, positive
     * @return the claimed events, possibly none
     * @throws StoreException when the store cannot be reached
     */
    List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max);

    /**
     * Extends to {@code now + lease} the lease of every listed claim that its owner still holds (a claim taken
     * over by another owner, or ended, is left alone); returns how many were extended. Called periodically by
     * the owner of running claims, so that a slow handler never loses its claim while its process lives.
     *
     * @param claims the claims to extend
     * @param now    the current time
     * @param lease  the new lease, counted from {@code now}
     * @return how many claims were extended
     * @throws StoreException when the store cannot be reached
     */
    int renew(Collection<Claim> claims, Instant now, Duration lease);

    /**
     * Marks a claimed event done and drops its body; its key keeps deduplicating until {@linkplain #prune pruned}.
     * No effect when {@code owner} no longer holds the claim.
     *
     * @param event the claimed event
     * @param owner the owner that claimed it
     * @param now   the current time
     * @throws StoreException when the store cannot be reached
     */
    void complete(StoredEvent event, String owner, Instant now);

    /**
     * Marks several claimed events done at once: for each, exactly what {@link #complete} does for one, so an event
     * whose listed owner no longer holds its claim (taken over after its lease, say) is left alone while the others
     * are still marked done. Queued workers hand their finished events to one writer that calls this with whatever
     * finished meanwhile, so a busy receiver marks many events done per round trip. The default calls
     * {@code complete} for each in turn; a store that can do it in one statement should override it.
     *
     * @param completions the finished events with the owner each was handled under; may hold several owners
     * @param now         when they finished
     * @throws StoreException when the store could not be written; some of the events may then have been marked
     *                        done and others not (the caller may call again with all of them: a repeat is a no-op)
     */
    default void completeAll(Collection<Completion> completions, Instant now) {
        for (Completion c : completions) {
            complete(c.event(), c.owner(), now);
        }
    }

    /**
     * Records a failed attempt: the handlers that succeeded, the error, and either the next-attempt time or, when
     * {@code retryAt} is null, that the event is dead. No effect when {@code owner} no longer holds the claim.
     *
     * @param event             the claimed event
     * @param owner             the owner that claimed it
     * @param completedHandlers every handler that has succeeded for this event so far, earlier attempts included
     * @param error             what failed, kept for {@link #deadLetters} (a message, never a secret)
     * @param retryAt           when the event is due again, or {@code null} to make it a dead letter
     * @param now               the current time
     * @throws StoreException when the store cannot be reached
     */
    void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
              Instant now);

    /**
     * Gives a claim back without counting the attempt (shutdown); the event is due again at once, for any owner.
     * No effect when {@code owner} no longer holds the claim.
     *
     * @param event the claimed event
     * @param owner the owner that claimed it
     * @throws StoreException when the store cannot be reached
     */
    void release(StoredEvent event, String owner);

    /**
     * Dead events, oldest first, with their last error.
     *
     * @param limit the most events to return, positive
     * @return up to {@code limit} dead letters
     * @throws StoreException when the store cannot be reached
     */
    List<StoredEvent> deadLetters(int limit);

    /**
     * Makes a dead event pending again, due at once, with a fresh attempt count; handlers that succeeded before
     * are still skipped.
     *
     * @param provider the provider id of the dead event
     * @param key      its deduplication key
     * @param now      the current time
     * @return true when a dead event was made pending; false when no such dead event exists
     * @throws StoreException when the store cannot be reached
     */
    boolean replay(String provider, String key, Instant now);

    /**
     * {@link #replay(String, String, Instant)}, naming who replayed in the event's {@link #history}. The default
     * replays without keeping the name, as stores written before history existed do.
     *
     * @param provider the provider id
     * @param key      the deduplication key
     * @param now      the current time
     * @param by       who replays (a console user), or {@code null}
     * @return true when it was a dead letter and is pending now
     */
    default boolean replay(String provider, String key, Instant now, String by) {
        return replay(provider, key, now);
    }

    /**
     * The event's failed attempts and replays, oldest first, at most {@link HistoryEntry#KEPT} (the latest); empty
     * for an unknown event, for one that never failed, and from a store that keeps no history (the default). The
     * in-memory store forgets it with the event once its handlers succeed.
     *
     * @param provider the provider id
     * @param key      the deduplication key
     * @return its history
     */
    default List<HistoryEntry> history(String provider, String key) {
        return List.of();
    }

    /**
     * Recorded events that match {@code query}, newest first, for operators (the console). A store may leave the
     * body and headers out of the results ({@link #find} has them) and may omit done events it keeps only the key of
     * (the in-memory store does). Thread-safe, like every method here.
     *
     * @param query the criteria, offset and limit
     * @return at most {@code query.limit()} events, newest received first
     * @throws StoreException                when the store cannot be reached
     * @throws UnsupportedOperationException when the store does not implement it (stores written before it existed)
     */
    default List<FoundEvent> search(EventQuery query) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support search");
    }

    /**
     * One recorded event with its body, headers, attempts and error, in any state, for operators (the console).
     *
     * @param provider the provider id
     * @param key      the deduplication key
     * @return the event, or empty when unknown (or pruned after its retention)
     * @throws StoreException                when the store cannot be reached
     * @throws UnsupportedOperationException when the store does not implement it (stores written before it existed)
     */
    default Optional<FoundEvent> find(String provider, String key) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support find");
    }

    /**
     * Forgets done events recorded before {@code cutoff}. Their keys no longer deduplicate: a redelivery after this
     * is a new event. The receiver calls it periodically with its retention.
     *
     * @param cutoff done events recorded before this instant are forgotten
     * @return how many events were forgotten
     * @throws StoreException when the store cannot be reached
     */
    int prune(Instant cutoff);

    /**
     * What the store holds right now: unhandled events by provider and state, the number of handled keys kept, and
     * when the oldest pending event was received. Meant for health checks, metrics and an operator's console: one
     * call reads everything, cheap enough to call every few seconds (the JDBC store answers it from its indexes).
     *
     * @param now the caller's current time; events whose claim lease ends after it count as in progress
     * @return the counts and the oldest pending receipt time
     * @throws StoreException when the store cannot be reached
     * @throws UnsupportedOperationException by stores written before this method existed (the default)
     */
    default StoreStats stats(Instant now) {
        throw new UnsupportedOperationException(getClass().getName() + " does not report stats");
    }

    /**
     * Whether recorded events survive a restart of this process. A durable store makes queued handling the
     * receiver's default.
     *
     * @return false unless overridden
     */
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
        /**
         * A claim.
         *
         * @param provider the provider id of the claimed event
         * @param key      its deduplication key
         * @param owner    the owner id the claim was taken under
         * @throws NullPointerException when any part is null
         */
        public Claim {
            java.util.Objects.requireNonNull(provider, "provider");
            java.util.Objects.requireNonNull(key, "key");
            java.util.Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * A claimed event whose handlers all succeeded, with the owner that handled it, for {@link #completeAll}.
     *
     * @param event the event as it was claimed
     * @param owner the owner id the claim was taken under
     */
    record Completion(StoredEvent event, String owner) {
        /**
         * A completion.
         *
         * @param event the event as it was claimed
         * @param owner the owner id the claim was taken under
         * @throws NullPointerException when either is null
         */
        public Completion {
            java.util.Objects.requireNonNull(event, "event");
            java.util.Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * Releases what the store holds; by default nothing. The receiver never closes its store (it may be shared):
     * close it after the receiver.
     */
    @Override
    default void close() {
    }
}
