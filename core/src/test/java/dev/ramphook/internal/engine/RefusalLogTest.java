package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.testing.StandardError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.DeliveryListener.Delivery;
import dev.ramphook.DeliveryListener.Reason;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of forged deliveries writes a bounded number of lines: the first ten per endpoint and reason, then one
 * summary per minute with the counts; observers (and so metrics) still see every refusal.
 */
class RefusalLogTest {

    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Delivery> seen = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private WebhookReceiver receiver() {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), HmacSignature.sha256Hex("X-Signature", "s3cret"))
                .endpoint("/hooks/other", new ShopProvider(), HmacSignature.sha256Hex("X-Signature", "other"))
                .on("*", (event, ctx) -> { })
                .store(EventStore.inMemory())
                .inline()
                .clock(clock)
                .build();
        receiver.addListener(new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
                seen.add(delivery);
            }
        });
        return receiver;
    }

    private static WebhookRequest forged(String path) {
        return WebhookRequest.builder().method("POST").path(path).header("Content-Type", "application/json")
                .header("X-Signature", "00".repeat(32)).body(PAID.getBytes(StandardCharsets.UTF_8))
                .remoteAddress("127.0.0.1").build();
    }

    @Test
    void aFloodOfForgedDeliveriesLogsTenLinesThenOneSummaryPerMinute() throws Exception {
        receiver();
        String first = StandardError.of(() -> {
            for (int i = 0; i < 1000; i++) {
                assertThat(receiver.receive(forged("/hooks/shop")).status()).isEqualTo(401);
            }
        });
        assertThat(StandardError.lines(first, "rejected delivery to /hooks/shop (shop): 401 no matching signature")).isEqualTo(10);
        assertThat(StandardError.lines(first, "refused")).isZero();

        clock.advance(Duration.ofSeconds(61));
        String next = StandardError.of(() -> receiver.receive(forged("/hooks/shop")));

        assertThat(StandardError.lines(next, "refused 990 more deliveries to /hooks/shop (shop) in 61 s")).isEqualTo(1);
        assertThat(next).contains("401 no matching signature x 990");
        assertThat(StandardError.lines(next, "rejected delivery to /hooks/shop")).isEqualTo(1); // a new minute, a new allowance
        assertThat(seen).hasSize(1001).allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.NOT_AUTHENTICATED));
    }

    @Test
    void eachEndpointHasItsOwnAllowance() throws Exception {
        receiver();
        String log = StandardError.of(() -> {
            for (int i = 0; i < 100; i++) {
                receiver.receive(forged("/hooks/shop"));
            }
            receiver.receive(forged("/hooks/other"));
        });

        assertThat(StandardError.lines(log, "rejected delivery to /hooks/shop (shop)")).isEqualTo(10);
        assertThat(StandardError.lines(log, "rejected delivery to /hooks/other (shop)")).isEqualTo(1);
    }

    @Test
    void closingWritesWhatWasCountedButNotYetSummarised() throws Exception {
        receiver();
        String log = StandardError.of(() -> {
            for (int i = 0; i < 25; i++) {
                receiver.receive(forged("/hooks/shop"));
            }
            receiver.close();
        });

        assertThat(StandardError.lines(log, "refused 15 more deliveries to /hooks/shop (shop)")).isEqualTo(1);
    }
}
