package dev.ramphook.store;

/** Where a recorded event stands, as {@link EventStore#search} and {@link EventStore#find} report it. */
public enum EventState {
    /** Recorded and waiting for its handlers, or being handled right now. */
    PENDING,
    /** Every handler succeeded. */
    DONE,
    /** Given up on after the last attempt; runs again once replayed. */
    DEAD
}
