package dev.ramphook;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.StandardError;
import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.ReceiverHealth.Status;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One leaked credential cannot silence the other providers: a flood of validly signed deliveries on one endpoint
 * fills that endpoint's in-memory budget only; the other endpoint keeps answering 200, the full budget is logged
 * once a minute with a count (not once per delivery), and health is DEGRADED naming the flooded endpoint.
 */
class EndpointBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static String paid(String id) {
        return ShopProvider.body("SHOP.V1.ORDER.PAID", id);
    }

    @Test
    void aFloodOnOneEndpointFillsOnlyItsBudget() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/leaked", new ShopProvider(), Authenticator.none())
                .endpoint("/hooks/genuine", new ShopProvider(), Authenticator.none())
                .on("*", (event, ctx) -> { })
                .store(EventStore.inMemory(10, 50))
                .inline()
                .clock(clock)
                .build();
        for (int i = 0; i < 50; i++) {
            assertThat(receiver.receive(post("/hooks/leaked", paid("flood-" + i))).status()).isEqualTo(200);
        }

        String log = StandardError.of(() -> {
            for (int i = 50; i < 550; i++) {
                assertThat(receiver.receive(post("/hooks/leaked", paid("flood-" + i))).status()).isEqualTo(503);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(receiver.receive(post("/hooks/genuine", paid("genuine-" + i))).status()).isEqualTo(200);
            }
        });

        assertThat(StandardError.lines(log, "could not record")).isEqualTo(1);
        assertThat(log).contains("/hooks/leaked").doesNotContain("/hooks/genuine");
        ReceiverHealth health = receiver.health();
        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.problems()).singleElement().asString().contains("endpoint /hooks/leaked")
                .contains("50 handled keys").doesNotContain("/hooks/genuine");

        clock.advance(Duration.ofSeconds(60));
        String next = StandardError.of(() -> receiver.receive(post("/hooks/leaked", paid("flood-550"))));
        assertThat(StandardError.lines(next, "could not record (answered 503) 499 more deliveries to /hooks/leaked (shop) in 60 s"))
                .isEqualTo(1);
        assertThat(StandardError.lines(next, "could not record")).isEqualTo(2); // the summary, and this minute's first line
    }
}
