package dev.ramphook.testing.http;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoreException;
import dev.ramphook.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A store whose database is down: every call fails, so the receiver must answer 503. */
public final class FailingStore implements EventStore {

    private static StoreException down() {
        return new StoreException("database unavailable (test)");
    }

    @Override
    public dev.ramphook.store.StoreStats stats(Instant now) {
        throw down();
    }

    @Override
    public Recorded record(StoredEvent event, Instant now) {
        throw down();
    }

    @Override
    public Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease) {
        throw down();
    }

    @Override
    public List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        throw down();
    }

    @Override
    public int renew(java.util.Collection<Claim> claims, Instant now, Duration lease) {
        throw down();
    }

    @Override
    public void complete(StoredEvent event, String owner, Instant now) {
        throw down();
    }

    @Override
    public void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
                     Instant now) {
        throw down();
    }

    @Override
    public void release(StoredEvent event, String owner) {
        throw down();
    }

    @Override
    public List<StoredEvent> deadLetters(int limit) {
        throw down();
    }

    @Override
    public boolean replay(String provider, String key, Instant now) {
        throw down();
    }

    @Override
    public int prune(Instant cutoff) {
        throw down();
    }
}
