package dev.ramphook.servlet;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The in-memory store claiming to be durable, as a JDBC store is: the receiver then defaults to queued handling. */
public class DurableMemoryStore implements EventStore {

    private final EventStore memory = EventStore.inMemory();

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public Recorded record(StoredEvent event, Instant now) {
        return memory.record(event, now);
    }

    @Override
    public Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease) {
        return memory.claim(provider, key, owner, now, lease);
    }

    @Override
    public List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        return memory.claimDue(owner, now, lease, max);
    }

    @Override
    public int renew(java.util.Collection<Claim> claims, Instant now, Duration lease) {
        return memory.renew(claims, now, lease);
    }

    @Override
    public void complete(StoredEvent event, String owner, Instant now) {
        memory.complete(event, owner, now);
    }

    @Override
    public void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
                     Instant now) {
        memory.fail(event, owner, completedHandlers, error, retryAt, now);
    }

    @Override
    public void release(StoredEvent event, String owner) {
        memory.release(event, owner);
    }

    @Override
    public List<StoredEvent> deadLetters(int limit) {
        return memory.deadLetters(limit);
    }

    @Override
    public boolean replay(String provider, String key, Instant now) {
        return memory.replay(provider, key, now);
    }

    @Override
    public int prune(Instant cutoff) {
        return memory.prune(cutoff);
    }
}
