package dev.ramphook.internal.engine;

import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoredEvent;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * An inline delivery's claim, made before its record: the request's own owner id, and the lease under which a store
 * that hands events off (the in-memory store) records a new event already claimed for it, handing the claimed copy
 * back here. Then no claim call follows the record. Null {@link #claimed()}: not handed over (a duplicate, an event
 * waiting behind another of its subject, a store without the capability), and the delivery claims it as before.
 */
final class InlineClaim implements BiConsumer<StoredEvent, Recorded> {

    private final String owner;
    private final Instant leaseUntil;
    private StoredEvent claimed;

    InlineClaim(String owner, Instant leaseUntil) {
        this.owner = owner;
        this.leaseUntil = leaseUntil;
    }

    String owner() {
        return owner;
    }

    Instant leaseUntil() {
        return leaseUntil;
    }

    /** The event as recorded claimed by {@link #owner()}, its first attempt; null when it was not. */
    StoredEvent claimed() {
        return claimed;
    }

    /** The store's hand-off, on the recording thread before the record returns. */
    @Override
    public void accept(StoredEvent claimed, Recorded answer) {
        this.claimed = claimed;
    }
}
