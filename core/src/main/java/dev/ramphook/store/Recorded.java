package dev.ramphook.store;

/** What {@link EventStore#record} found: a new event, or the state of the copy already recorded. */
public enum Recorded {
    /** First time this key was seen; the event is now pending. */
    NEW,
    /** Recorded before and waiting for (another) attempt. */
    PENDING,
    /** Recorded before and claimed right now by a live worker or request. */
    IN_PROGRESS,
    /** Recorded before and every handler succeeded. */
    DONE,
    /** Recorded before and given up on after the last attempt; can be replayed. */
    DEAD
}
