package dev.ramphook.servlet;

import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoredEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store, not durable, named by class in {@code ramphook.store}: counts what it records (static). */
public final class RecordCountingStore extends DurableMemoryStore {

    static final AtomicInteger RECORDS = new AtomicInteger();

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public Recorded record(StoredEvent event, Instant now) {
        RECORDS.incrementAndGet();
        return super.record(event, now);
    }
}
