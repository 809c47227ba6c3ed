package dev.ramphook.store;

import dev.ramphook.internal.engine.ApiAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The engine's way to {@link StoredEvent}'s uncopied body; granted by {@code StoredEvent}'s static initialiser. */
final class StoreAccess implements ApiAccess.StoreGrant {

    @Override
    public StoredEvent storedEvent(String provider, String key, String name, String endpoint, byte[] body,
                                   Map<String, List<String>> headers, Instant receivedAt, String subject,
                                   Instant occurredAt) {
        return new StoredEvent(provider, key, name, endpoint, body, headers, receivedAt, 0, Set.of(), null, subject,
                occurredAt, StoredEvent.Owned.BODY);
    }

    @Override
    public byte[] body(StoredEvent event) {
        return event.sharedBody();
    }

    @Override
    public CompletableFuture<Recorded> recordSoon(EventStore store, StoredEvent event, Instant now,
                                                  Consumer<? super Recorded> late) {
        return store instanceof JdbcEventStore jdbc ? jdbc.recordSoon(event, now, late) : null;
    }
}
