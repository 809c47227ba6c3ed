package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.auth.UrlToken;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.zbd.ZbdRamp;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Clock readings of one new delivery handled inline with the in-memory store, counted: a reading is an
 * {@code Instant} and a call into the JVM's clock on every delivery. The receive time is read, once (the record's
 * and the claim's lease); marking the handled event done reads none, as the in-memory store keeps no time of
 * completion (2 readings before 2026-12-07). An upper bound: a change that reads fewer passes, one that reads more
 * for nothing fails.
 */
class ClockReadsPerDeliveryTest {

    private static final String TOKEN = "zbd-clock-token-6f1c2a9e4b7d";
    private static final int MOST_READS = 1;

    @Test
    void anInlineDeliveryToTheInMemoryStoreReadsTheClockOnlyForItsReceiveTime() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-18T11:06:00Z"));
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/ramphook/samples/zbd/payment-settled.json")) {
            body = in.readAllBytes();
        }
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(TOKEN))
                .store(EventStore.inMemory())
                .inline()
                .clock(clock)
                .on("*", (event, context) -> { })
                .build()) {
            int before = clock.reads();
            WebhookResponse response = receiver.receive(WebhookRequest.builder().path("/webhooks/zbd")
                    .query("token=" + TOKEN).header("Content-Type", "application/json").body(body).build());
            int reads = clock.reads() - before;

            assertThat(response.status()).isEqualTo(200);
            assertThat(reads).as("clock readings of one delivery").isLessThanOrEqualTo(MOST_READS);
        }
    }
}
