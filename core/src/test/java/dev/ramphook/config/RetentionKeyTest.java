package dev.ramphook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code ramphook.retention}: how long a handled event's key is kept for deduplication, in seconds, as
 * {@code WebhookReceiver.Builder.retention}. Without a key for it, a receiver configured by keys alone (Spring
 * Boot, a WAR, the Jetty example) could not shorten the 7 days, and an in-memory store taking more than about 1.6
 * new events per second sustained fills its budget of handled keys and answers 503 (issue 21: the benchmark's
 * example server, after a million distinct events).
 */
class RetentionKeyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BODY = "{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\",\"data\":{\"session_id\":"
            + "\"sess_retention\",\"base_amount\":\"1.00\",\"base_currency\":\"USD\"},"
            + "\"created_at\":\"2025-01-18T11:05:00Z\"}";

    private final Map<String, String> keys = new HashMap<>(Map.of(
            "ramphook.endpoint.zbd.path", "/webhooks/zbd",
            "ramphook.endpoint.zbd.token-env", "ZBD_TOKEN"));

    private ReceiverSettings parse() {
        return ReceiverSettings.from(keys, name -> Optional.ofNullable(Map.of("ZBD_TOKEN", "t0k3n").get(name)),
                getClass().getClassLoader());
    }

    /** {@code receiver}: the receiver's {@code receive}, so that this test does not name the receiver's package. */
    private static String deliver(Function<WebhookRequest, WebhookResponse> receiver) {
        return receiver.apply(WebhookRequest.builder().method("POST").path("/webhooks/zbd").query("token=t0k3n")
                .header("Content-Type", "application/json").body(BODY.getBytes(StandardCharsets.UTF_8)).build())
                .bodyText();
    }

    @Test
    void aHandledKeyIsForgottenAfterTheRetentionTheKeySets() {
        keys.put("ramphook.retention", "5");
        MutableClock clock = new MutableClock(T0);
        try (var receiver = parse().builder().on("*", (event, context) -> { }).clock(clock)
                .build()) {
            assertThat(deliver(receiver::receive)).contains("accepted");
            assertThat(deliver(receiver::receive)).contains("duplicate");

            clock.advance(Duration.ofSeconds(6)); // past 5 s: the next prune (every second) forgets the key

            await().atMost(Duration.ofSeconds(10)).until(() -> deliver(receiver::receive).contains("accepted"));
        }
    }

    @Test
    void aRetentionThatIsNotAPositiveNumberOfSecondsStopsStartUp() {
        keys.put("ramphook.retention", "0");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessage("ramphook.retention must be a positive whole number, got '0'");
    }
}
