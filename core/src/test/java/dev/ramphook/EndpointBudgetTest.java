package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.ReceiverHealth.Status;
import dev.ramphook.auth.Authenticator;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
    void aFloodOnOneEndpointFillsOnlyItsBudget() {
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

        String log = standardErrorOf(() -> {
            for (int i = 50; i < 550; i++) {
                assertThat(receiver.receive(post("/hooks/leaked", paid("flood-" + i))).status()).isEqualTo(503);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(receiver.receive(post("/hooks/genuine", paid("genuine-" + i))).status()).isEqualTo(200);
            }
        });

        assertThat(lines(log, "could not record")).isEqualTo(1);
        assertThat(log).contains("/hooks/leaked").doesNotContain("/hooks/genuine");
        ReceiverHealth health = receiver.health();
        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.problems()).singleElement().asString().contains("endpoint /hooks/leaked")
                .contains("50 handled keys").doesNotContain("/hooks/genuine");

        clock.advance(Duration.ofSeconds(60));
        String next = standardErrorOf(() -> receiver.receive(post("/hooks/leaked", paid("flood-550"))));
        assertThat(lines(next, "could not record (answered 503) 499 more deliveries to /hooks/leaked (shop) in 60 s"))
                .isEqualTo(1);
        assertThat(lines(next, "could not record")).isEqualTo(2); // the summary, and this minute's first line
    }

    private static long lines(String log, String text) {
        return Arrays.stream(log.split("\n")).filter(line -> line.contains(text)).count();
    }

    // slf4j-simple (the test logging backend) writes to whatever System.err is at the time of the call
    private static String standardErrorOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
