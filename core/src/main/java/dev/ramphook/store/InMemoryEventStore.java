package dev.ramphook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Skeleton; the real store lands with the engine. */
final class InMemoryEventStore implements EventStore {

    InMemoryEventStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
    }

    @Override
    public Recorded record(StoredEvent event, Instant now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void complete(StoredEvent event, String owner, Instant now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
                     Instant now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void release(StoredEvent event, String owner) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredEvent> deadLetters(int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean replay(String provider, String key, Instant now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int prune(Instant cutoff) {
        throw new UnsupportedOperationException();
    }
}
