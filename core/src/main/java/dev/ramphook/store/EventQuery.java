package dev.ramphook.store;

import java.time.Instant;

/**
 * Which recorded events {@link EventStore#search} returns: every criterion that is not {@code null} must match;
 * results are the newest first by receive time, {@code limit} of them after skipping {@code offset}.
 *
 * <p>The name matches as {@code @OnEvent} does: the full name as delivered or its short name, a tail that starts
 * after a dot ({@code PAYMENT.SETTLED} finds {@code RAMP_WIDGET.V1.PAYMENT.SETTLED}). The text finds what an
 * operator pastes from a provider's dashboard or a log line: part of a key, or part of a subject (a ZBD session id,
 * a meCash transaction id), compared as plain text, never as a pattern.
 *
 * @param provider the provider id, or {@code null} for any
 * @param name     the event name as delivered or its short name, or {@code null} for any
 * @param key      the deduplication key exactly, or {@code null} for any
 * @param text     part of the key or of the subject, or {@code null} for any
 * @param state    the state, or {@code null} for any
 * @param from     received at or after this time, or {@code null}
 * @param to       received before this time, or {@code null}
 * @param offset   how many matches to skip, 0 to 100,000
 * @param limit    how many to return, 1 to 1,000
 */
public record EventQuery(String provider, String name, String key, String text, EventState state, Instant from,
                         Instant to, int offset, int limit) {

    /** The largest {@link #limit()}. */
    public static final int MAX_LIMIT = 1_000;
    /** The largest {@link #offset()}: deeper pages are for a narrower filter, not for paging. */
    public static final int MAX_OFFSET = 100_000;

    /**
     * Checks the paging bounds.
     *
     * @param provider the provider id, or {@code null} for any
     * @param name     the event name as delivered or its short name, or {@code null} for any
     * @param key      the deduplication key exactly, or {@code null} for any
     * @param text     part of the key or of the subject, or {@code null} for any
     * @param state    the state, or {@code null} for any
     * @param from     received at or after this time, or {@code null}
     * @param to       received before this time, or {@code null}
     * @param offset   how many matches to skip, 0 to 100,000
     * @param limit    how many to return, 1 to 1,000
     * @throws IllegalArgumentException for an offset or limit out of range
     */
    public EventQuery {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be between 0 and " + MAX_OFFSET + ", got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /**
     * A query without a search text, as before the text existed.
     *
     * @param provider the provider id, or {@code null} for any
     * @param name     the event name as delivered or its short name, or {@code null} for any
     * @param key      the deduplication key exactly, or {@code null} for any
     * @param state    the state, or {@code null} for any
     * @param from     received at or after this time, or {@code null}
     * @param to       received before this time, or {@code null}
     * @param offset   how many matches to skip, 0 to 100,000
     * @param limit    how many to return, 1 to 1,000
     * @throws IllegalArgumentException for an offset or limit out of range
     */
    public EventQuery(String provider, String name, String key, EventState state, Instant from, Instant to,
                      int offset, int limit) {
        this(provider, name, key, null, state, from, to, offset, limit);
    }

    /**
     * Whether an event's name is {@code name} or ends with it after a dot.
     *
     * @param eventName the event's name as delivered
     * @param name      the full or short name searched for
     * @return true when it matches
     */
    public static boolean nameMatches(String eventName, String name) {
        return eventName.equals(name) || eventName.length() > name.length() && eventName.endsWith(name)
                && eventName.charAt(eventName.length() - name.length() - 1) == '.';
    }

    /**
     * Every event, newest first.
     *
     * @param limit how many to return, 1 to 1,000
     * @return the query
     * @throws IllegalArgumentException for a limit out of range
     */
    public static EventQuery all(int limit) {
        return new EventQuery(null, null, null, null, null, null, null, 0, limit);
    }

    /**
     * Whether an event meets every criterion; for stores that filter in memory.
     *
     * @param event      the event
     * @param eventState the state it is in
     * @return true when it matches
     */
    public boolean matches(StoredEvent event, EventState eventState) {
        return (provider == null || provider.equals(event.provider()))
                && (name == null || nameMatches(event.name(), name))
                && (key == null || key.equals(event.key()))
                && (text == null || event.key().contains(text)
                        || event.subject() != null && event.subject().contains(text))
                && (state == null || state == eventState)
                && (from == null || !event.receivedAt().isBefore(from))
                && (to == null || event.receivedAt().isBefore(to));
    }
}
