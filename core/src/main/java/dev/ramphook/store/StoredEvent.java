package dev.ramphook.store;

import dev.ramphook.internal.text.ImmutableView;
import dev.ramphook.internal.text.Printable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event as an {@link EventStore} keeps it: enough to rebuild the {@code WebhookEvent} and run its handlers
 * again after a restart. Unique by {@code (provider, key)}.
 *
 * <p>Immutable and thread-safe: the constructors copy the body, headers and completed handlers they are given, and
 * {@link #body()} hands out a copy, so no caller can change an event a store or the receiver holds. Two events are
 * equal when all their values are, the body compared byte by byte.
 */
// Not a record: a record's canonical constructor is public and every construction runs it, so it could not copy
// a caller's body while the receiver and the stores build events from arrays they own without a copy per delivery.
public final class StoredEvent {

    private final String provider;
    private final String key;
    private final String name;
    private final String endpoint;
    private final byte[] body;
    private final Map<String, List<String>> headers;
    private final Instant receivedAt;
    private final int attempts;
    private final Set<String> completedHandlers;
    private final String lastError;
    private final String subject;
    private final Instant occurredAt;
    private final String traceParent;
    /**
     * The in-memory store's own entry this copy was claimed from, so that completing (or failing, or releasing) it
     * finds that entry without a look-up; null for any other copy. Not a value of the event: never compared, hashed,
     * printed or handed out, and only this package can read it.
     */
    final Object claimedFrom;

    /**
     * An event without a subject or occurrence time: handled in parallel with any other.
     *
     * @param provider          the provider id
     * @param key               the deduplication key
     * @param name              the event name as delivered
     * @param endpoint          the configured endpoint path that received it
     * @param body              the raw body bytes exactly as received; copied
     * @param headers           request headers, without credentials
     * @param receivedAt        when it was first recorded
     * @param attempts          how many times its handlers have been started
     * @param completedHandlers ids of handlers that already succeeded for it
     * @param lastError         the last handler failure, or {@code null}
     * @throws NullPointerException when provider, key, name, endpoint, body, headers, receivedAt or
     *                              completedHandlers is null
     */
    public StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                       Map<String, List<String>> headers, Instant receivedAt, int attempts,
                       Set<String> completedHandlers, String lastError) {
        this(provider, key, name, endpoint, body, headers, receivedAt, attempts, completedHandlers, lastError, null,
                null);
    }

    /**
     * An event; {@code body}, {@code headers} and {@code completedHandlers} are copied, so changing them afterwards
     * does not change the event.
     *
     * @param provider          the provider id
     * @param key               the deduplication key
     * @param name              the event name as delivered
     * @param endpoint          the configured endpoint path that received it (never the request path, which may
     *                          hold a URL token)
     * @param body              the raw body bytes exactly as received; copied
     * @param headers           request headers, without credentials (see {@code DeliveryContext#header})
     * @param receivedAt        when it was first recorded
     * @param attempts          how many times its handlers have been started, this claim included
     * @param completedHandlers ids of handlers that already succeeded for it; a retry skips them
     * @param lastError         the last handler failure, or {@code null}
     * @param subject           what the event is about ({@code Provider#subject}); events of one subject are
     *                          handled one at a time, in {@link #sequencedAt()} order; {@code null} for none
     * @param occurredAt        when the provider says it happened, or {@code null}
     * @throws NullPointerException when provider, key, name, endpoint, body, headers, receivedAt or
     *                              completedHandlers is null
     */
    public StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                       Map<String, List<String>> headers, Instant receivedAt, int attempts,
                       Set<String> completedHandlers, String lastError, String subject, Instant occurredAt) {
        this(provider, key, name, endpoint, Objects.requireNonNull(body, "body").clone(), headers, receivedAt,
                attempts, completedHandlers, lastError, subject, occurredAt, Owned.BODY);
    }

    /**
     * A new event as a receiver records a delivery: no attempt yet, no completed handler, no error. Unlike the
     * constructors, it <b>keeps {@code body}, not a copy</b>: the caller hands the array over and must not modify it
     * afterwards (the receiver passes the request's own bytes, read once, so that a delivery is not copied on its
     * way to the store).
     *
     * @param provider   the provider id
     * @param key        the deduplication key
     * @param name       the event name as delivered
     * @param endpoint   the configured endpoint path that received it
     * @param body       the raw body bytes exactly as received; kept, not copied
     * @param headers    request headers, without credentials; copied
     * @param receivedAt when it was received
     * @param subject    what the event is about, or {@code null} for none
     * @param occurredAt when the provider says it happened, or {@code null}
     * @return the event
     * @throws NullPointerException when provider, key, name, endpoint, body, headers or receivedAt is null
     */
    public static StoredEvent received(String provider, String key, String name, String endpoint, byte[] body,
                                       Map<String, List<String>> headers, Instant receivedAt, String subject,
                                       Instant occurredAt) {
        return new StoredEvent(provider, key, name, endpoint, body, headers, receivedAt, 0, Set.of(), null, subject,
                occurredAt, Owned.BODY);
    }

    /** Marks the constructor that keeps {@code body} as given: for arrays nobody else holds. */
    enum Owned { BODY }

    /** Keeps {@code body}, not copied: the receiver's and the stores' own arrays, which nobody changes. */
    StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                Map<String, List<String>> headers, Instant receivedAt, int attempts, Set<String> completedHandlers,
                String lastError, String subject, Instant occurredAt, Owned owned) {
        this(provider, key, name, endpoint, body, headers, receivedAt, attempts, completedHandlers, lastError, subject,
                occurredAt, null, owned);
    }

    /** Keeps {@code body}, not copied, with the trace context of the delivery that recorded it. */
    StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                Map<String, List<String>> headers, Instant receivedAt, int attempts, Set<String> completedHandlers,
                String lastError, String subject, Instant occurredAt, String traceParent, Owned owned) {
        this(provider, key, name, endpoint, body, headers, receivedAt, attempts, completedHandlers, lastError, subject,
                occurredAt, traceParent, owned, null);
    }

    /** Keeps {@code body}, not copied; {@code claimedFrom}: see {@link #claimedFrom}. */
    private StoredEvent(String provider, String key, String name, String endpoint, byte[] body,
                        Map<String, List<String>> headers, Instant receivedAt, int attempts,
                        Set<String> completedHandlers, String lastError, String subject, Instant occurredAt,
                        String traceParent, Owned owned, Object claimedFrom) {
        this.claimedFrom = claimedFrom;
        this.provider = Objects.requireNonNull(provider, "provider");
        this.key = Objects.requireNonNull(key, "key");
        this.name = Objects.requireNonNull(name, "name");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.body = Objects.requireNonNull(body, "body");
        // The engine's kept headers are immutable and built when first read: copying them would build them for
        // every delivery, read or not.
        this.headers = headers instanceof ImmutableView ? headers : Map.copyOf(headers);
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.attempts = attempts;
        this.completedHandlers = Set.copyOf(completedHandlers);
        this.lastError = lastError;
        this.subject = subject;
        this.occurredAt = occurredAt;
        this.traceParent = traceParent;
    }

    /** {@return the provider id} */
    public String provider() {
        return provider;
    }

    /** {@return the deduplication key} */
    public String key() {
        return key;
    }

    /** {@return the event name as delivered} */
    public String name() {
        return name;
    }

    /** {@return the configured endpoint path that received it (never the request path)} */
    public String endpoint() {
        return endpoint;
    }

    /**
     * The raw body bytes exactly as received. A store that writes them elsewhere calls this once per event.
     *
     * @return a fresh copy each call: changing it does not change this event
     */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the length of the raw body in bytes, without copying it; 0 once a handled event's body is dropped} */
    public int bodyLength() {
        return body.length;
    }

    /** The body itself, not copied, for this package: never modified. */
    byte[] sharedBody() {
        return body;
    }

    /** {@return the request headers, without credentials, unmodifiable} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** {@return when it was first recorded} */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** {@return how many times its handlers have been started, this claim included} */
    public int attempts() {
        return attempts;
    }

    /** {@return the ids of handlers that already succeeded for it, unmodifiable; a retry skips them} */
    public Set<String> completedHandlers() {
        return completedHandlers;
    }

    /** {@return the last handler failure, or {@code null}} */
    public String lastError() {
        return lastError;
    }

    /** {@return what the event is about (events of one subject are handled in order), or {@code null}} */
    public String subject() {
        return subject;
    }

    /** {@return when the provider says it happened, or {@code null}} */
    public Instant occurredAt() {
        return occurredAt;
    }

    /**
     * The W3C {@code traceparent} of the delivery that recorded this event, when the receiver traces
     * ({@code dev.ramphook.opentelemetry.RamphookTracing}): the handler runs of a queued event link to it, in
     * whatever process runs them. A store that persists it keeps it as it keeps the other values; one that does not
     * loses only that link.
     *
     * @return a {@code 00-<trace id>-<span id>-<flags>} text, or {@code null}
     */
    public String traceParent() {
        return traceParent;
    }

    /**
     * This event with the trace context of the delivery that recorded it; every other value is kept.
     *
     * @param traceParent a W3C {@code traceparent} text ({@link #traceParent()}), or {@code null} for none
     * @return a new event, or this one when it already carries that trace context
     */
    public StoredEvent withTraceParent(String traceParent) {
        if (Objects.equals(traceParent, this.traceParent)) {
            return this;
        }
        return new StoredEvent(provider, key, name, endpoint, body, headers, receivedAt, attempts, completedHandlers,
                lastError, subject, occurredAt, traceParent, Owned.BODY);
    }

    /** This event as claimed for one more attempt: the same event with {@code attempts + 1}. */
    StoredEvent nextAttempt() {
        return with(attempts + 1, completedHandlers, lastError);
    }

    /** {@link #nextAttempt()}, remembering the in-memory store's entry it is claimed from ({@link #claimedFrom}). */
    StoredEvent nextAttempt(Object entry) {
        return new StoredEvent(provider, key, name, endpoint, body, headers, receivedAt, attempts + 1,
                completedHandlers, lastError, subject, occurredAt, traceParent, Owned.BODY, entry);
    }

    /** This event with another attempt count, completed handlers and error; the rest (the body too) is kept. */
    StoredEvent with(int newAttempts, Set<String> completed, String error) {
        return new StoredEvent(provider, key, name, endpoint, body, headers, receivedAt, newAttempts, completed,
                error, subject, occurredAt, traceParent, Owned.BODY);
    }

    /**
     * Where the event stands in its subject's order.
     *
     * @return {@link #occurredAt()}, or {@link #receivedAt()} when the provider gave no time
     */
    public Instant sequencedAt() {
        return occurredAt != null ? occurredAt : receivedAt;
    }

    /**
     * Equal when every value is: provider, key, name, endpoint, body (byte by byte), headers, times, attempts,
     * completed handlers, error, subject and trace context.
     *
     * @param o any object
     * @return whether {@code o} is an equal event
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof StoredEvent e && attempts == e.attempts && provider.equals(e.provider)
                && key.equals(e.key) && name.equals(e.name) && endpoint.equals(e.endpoint)
                && Arrays.equals(body, e.body) && headers.equals(e.headers) && receivedAt.equals(e.receivedAt)
                && completedHandlers.equals(e.completedHandlers) && Objects.equals(lastError, e.lastError)
                && Objects.equals(subject, e.subject) && Objects.equals(occurredAt, e.occurredAt)
                && Objects.equals(traceParent, e.traceParent);
    }

    /** {@return a hash of every value, the body's bytes included, consistent with {@link #equals}} */
    @Override
    public int hashCode() {
        return 31 * Objects.hash(provider, key, name, endpoint, headers, receivedAt, attempts, completedHandlers,
                lastError, subject, occurredAt, traceParent) + Arrays.hashCode(body);
    }

    /** Names the event; never prints the body or headers. */
    @Override
    public String toString() {
        return "StoredEvent[provider=" + provider + ", key=" + Printable.of(key) + ", name=" + Printable.of(name)
                + ", attempts=" + attempts + (subject == null ? "" : ", subject=" + Printable.of(subject))
                + (lastError == null ? "" : ", lastError=" + Printable.of(lastError)) + "]";
    }
}
