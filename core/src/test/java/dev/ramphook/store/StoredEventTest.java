package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stored event is immutable: no array a caller gives or gets is the event's own. */
class StoredEventTest {

    private static final String BODY = "{\"id\":\"e1\"}";

    private static StoredEvent event(byte[] body) {
        return new StoredEvent("zbd", "e1", "PAID", "/webhooks/zbd", body, Map.of("X-Trace", List.of("a")), T0, 0,
                Set.of(), null, "order-1", null);
    }

    private static byte[] body() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void changingTheArrayGivenToTheConstructorDoesNotChangeTheEvent() {
        byte[] given = body();
        StoredEvent event = event(given);

        Arrays.fill(given, (byte) 'X');

        assertThat(new String(event.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    }

    @Test
    void changingTheArrayBodyReturnedDoesNotChangeTheEvent() {
        StoredEvent event = event(body());

        Arrays.fill(event.body(), (byte) 'X');

        assertThat(new String(event.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    }

    @Test
    void eventsWithEqualBodiesInDifferentArraysAreEqual() {
        StoredEvent one = event(body());
        StoredEvent other = event(body());

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one).isNotEqualTo(event("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(one).isNotEqualTo(one.nextAttempt());
    }

    @Test
    void theTenValueConstructorHasNoSubjectOrOccurrenceTime() {
        StoredEvent event = new StoredEvent("zbd", "e1", "PAID", "/webhooks/zbd", body(), Map.of(), T0, 2,
                Set.of("h"), "boom");

        assertThat(event).extracting(StoredEvent::subject, StoredEvent::occurredAt, StoredEvent::sequencedAt,
                StoredEvent::attempts, StoredEvent::completedHandlers, StoredEvent::lastError)
                .containsExactly(null, null, T0, 2, Set.of("h"), "boom");
    }

    @Test
    void toStringNamesTheEventWithoutItsBodyOrHeaders() {
        assertThat(event(body()).toString()).contains("e1", "PAID", "order-1").doesNotContain("\"id\"", "X-Trace");
    }

    @Test
    void aReceivedEventKeepsTheArrayItWasHandedWhileUsersGetCopies() {
        byte[] handed = body();
        StoredEvent event = StoredEvent.received("zbd", "e1", "PAID", "/webhooks/zbd", handed,
                Map.of("A", List.of("b")), T0, "order-1", null);

        assertThat(event.sharedBody()).isSameAs(handed);
        assertThat(event.body()).isEqualTo(handed).isNotSameAs(handed);
        assertThat(event.bodyLength()).isEqualTo(handed.length);
        assertThat(event).extracting(StoredEvent::attempts, StoredEvent::completedHandlers, StoredEvent::lastError,
                StoredEvent::subject).containsExactly(0, Set.of(), null, "order-1");
    }
}
