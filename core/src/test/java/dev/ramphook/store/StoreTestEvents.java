package dev.ramphook.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Events and times for store tests. Times are whole seconds, which every store keeps exactly. */
final class StoreTestEvents {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);

    private StoreTestEvents() {
    }

    static StoredEvent event(String key) {
        return event("zbd", key, T0);
    }

    static StoredEvent event(String provider, String key) {
        return event(provider, key, T0);
    }

    /** An event about {@code subject} that occurred at {@code occurredAt} (null: unknown). */
    static StoredEvent about(String subject, String key, Instant occurredAt) {
        StoredEvent e = event("zbd", key, T0);
        return new StoredEvent(e.provider(), e.key(), e.name(), e.endpoint(), e.body(), e.headers(), e.receivedAt(),
                0, Set.of(), null, subject, occurredAt);
    }

    static StoredEvent event(String provider, String key, Instant receivedAt) {
        byte[] body = ("{\"type\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\",\"id\":\"" + key + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return new StoredEvent(provider, key, "RAMP_WIDGET.V1.PAYMENT.SETTLED", "/webhooks/" + provider, body,
                Map.of("Content-Type", List.of("application/json"), "X-Trace", List.of("a", "b")), receivedAt, 0,
                Set.of(), null);
    }
}
