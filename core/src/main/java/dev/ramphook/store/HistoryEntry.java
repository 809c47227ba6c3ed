package dev.ramphook.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an event's history, as {@link EventStore#history} keeps it: an attempt whose handlers failed, or an
 * operator's replay. Sidekiq and Hookdeck show the same: after a replay, what failed before stays visible. A store
 * keeps the last {@link #KEPT} lines of an event, while it keeps the event.
 *
 * @param at      when the attempt failed or the replay was made
 * @param kind    what happened
 * @param attempt the attempt number that failed; for a replay, the attempts made before it
 * @param error   the failure as the store keeps it ({@link StoredEvent#lastError()}); {@code null} for a replay
 * @param by      who replayed (a console user or token name); {@code null} for a failure or an unnamed replay
 */
public record HistoryEntry(Instant at, Kind kind, int attempt, String error, String by) {

    /** How many lines a store keeps per event: the latest ones. */
    public static final int KEPT = 20;

    /** What happened. */
    public enum Kind {
        /** The attempt's handlers failed and it is due again later. */
        RETRY,
        /** The attempt's handlers failed and it was the last: the event is a dead letter. */
        DEAD,
        /** An operator made the dead letter pending again. */
        REPLAYED
    }

    /**
     * Checks that the time and kind are present.
     *
     * @param at      when it happened
     * @param kind    what happened
     * @param attempt the attempt number
     * @param error   the failure, or {@code null}
     * @param by      who replayed, or {@code null}
     * @throws NullPointerException when at or kind is null
     */
    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }
}
