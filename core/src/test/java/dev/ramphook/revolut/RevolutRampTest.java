package dev.ramphook.revolut;

import static dev.ramphook.testing.Samples.altered;
import static dev.ramphook.testing.Samples.bytes;
import static dev.ramphook.testing.Samples.hmacHex;
import static dev.ramphook.testing.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Verification;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Revolut Ramp's documented payloads through receive() to a typed handler; its signature's edges. */
class RevolutRampTest {

    private static final String SECRET = "wsk_r59a4HfWVAKycbCaNO1RvgCJec02gRd8"; // the secret of Revolut's own example
    private static final String TIMESTAMP = "1715269527223";                    // Revolut's example timestamp
    private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(1715269527223L + 60_000), ZoneOffset.UTC);

    static class Handlers {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @OnEvent("*")
        void order(RevolutOrderEvent order, WebhookEvent<?> event) {
            seen.add(event.name() + " " + order.orderId() + " " + order.wallet().orElse("-") + " " + event.key());
        }
    }

    private final Handlers handlers = new Handlers();
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/webhooks/revolut", RevolutRamp.provider(), RevolutRamp.signature(SECRET).clock(NOW))
            .handlers(handlers).build();

    @AfterEach
    void close() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-created.json", "order-completed.json", "order-failed-constructed.json"})
    void everySampleReachesTheTypedHandlerAndAnAlteredOneIsRefused(String file) {
        byte[] body = bytes("revolut/" + file);
        String signature = "v1=" + sign(SECRET, TIMESTAMP, body);

        assertThat(receiver.receive(delivery(body, TIMESTAMP, signature)).status()).isEqualTo(200);
        assertThat(receiver.receive(delivery(altered(body), TIMESTAMP, signature)).status()).isEqualTo(401);
        assertThat(handlers.seen).hasSize(1);
    }

    @Test
    void theReceiversClockReachesTheSignatureCheckWithoutAClockOfItsOwn() {
        byte[] body = bytes("revolut/order-created.json");
        String signature = "v1=" + sign(SECRET, TIMESTAMP, body);

        try (WebhookReceiver atNow = WebhookReceiver.builder()
                .endpoint("/webhooks/revolut", RevolutRamp.provider(), RevolutRamp.signature(SECRET))
                .clock(NOW).build()) {
            assertThat(atNow.receive(delivery(body, TIMESTAMP, signature)).status()).isEqualTo(200);
        }
        try (WebhookReceiver later = WebhookReceiver.builder()
                .endpoint("/webhooks/revolut", RevolutRamp.provider(), RevolutRamp.signature(SECRET))
                .clock(Clock.offset(NOW, java.time.Duration.ofMinutes(5))).build()) {
            assertThat(later.receive(delivery(body, TIMESTAMP, signature)).bodyText())
                    .contains("timestamp outside tolerance");
        }
    }

    @Test
    void documentedPayloadIsTypedWithTheOrderAsKeyAndSubject() {
        byte[] body = bytes("revolut/order-created.json");
        receiver.receive(delivery(body, TIMESTAMP, "v1=" + sign(SECRET, TIMESTAMP, body)));

        assertThat(handlers.seen).containsExactly("ORDER_CREATED 19218d6e-5f55-4a0d-b7c5-6e333881c1c9 "
                + "0x96e2B7Bf479f84e7A0a94f0620290B7D3E08f5EF ORDER_CREATED:19218d6e-5f55-4a0d-b7c5-6e333881c1c9");
    }

    @Test
    void anyOfSeveralCommaSeparatedSignaturesMayMatch() {
        byte[] body = bytes("revolut/order-created.json");
        String header = "v1=" + sign("wsk_old", TIMESTAMP, body) + ",v1=" + sign(SECRET, TIMESTAMP, body);

        assertThat(check().verify(delivery(body, TIMESTAMP, header), body).isOk()).isTrue();
    }

    @Test
    void signedTextIsVersionTimestampAndBodyWithFullStops() {
        byte[] body = bytes("revolut/order-created.json");
        String bodyOnly = "v1=" + hmacHex("HmacSHA256", SECRET, body);

        assertThat(check().verify(delivery(body, TIMESTAMP, bodyOnly), body).reason())
                .hasValue("no matching signature");
    }

    @Test
    void timestampOlderThanFiveMinutesIsRefusedEvenWhenSigned() {
        byte[] body = bytes("revolut/order-created.json");
        String old = Long.toString(1715269527223L + 60_000 - 300_001);

        Verification v = check().verify(delivery(body, old, "v1=" + sign(SECRET, old, body)), body);

        assertThat(v.reason()).hasValue("timestamp outside tolerance");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void aToleranceOfZeroOrLessIsRefusedNotTakenAsOff(long seconds) {
        assertThatThrownBy(() -> check().tolerance(java.time.Duration.ofSeconds(seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("RevolutSignature tolerance must be positive, got PT");
    }

    @Test
    void timestampInSecondsIsOutsideTheWindowNotAnError() {
        byte[] body = bytes("revolut/order-created.json");

        Verification v = check().verify(delivery(body, "1715269527", "v1=" + sign(SECRET, "1715269527", body)), body);

        assertThat(v.status()).isEqualTo(401);
    }

    @Test
    void malformedHeadersAre401() {
        byte[] body = bytes("revolut/order-created.json");
        String good = "v1=" + sign(SECRET, TIMESTAMP, body);

        assertThat(check().verify(delivery(body, "-1", good), body).reason()).hasValue("malformed "
                + "Revolut-Request-Timestamp");
        assertThat(check().verify(delivery(body, "12e5", good), body).status()).isEqualTo(401);
        assertThat(check().verify(delivery(body, TIMESTAMP, good.replace("v1=", "v2=")), body).reason())
                .hasValue("no v1= signature in Revolut-Signature");
        assertThat(check().verify(delivery(body, TIMESTAMP, "v1=zz"), body).status()).isEqualTo(401);
        assertThat(receiver.receive(WebhookRequest.builder().path("/webhooks/revolut").body(body).build()).status())
                .isEqualTo(401);
    }

    @Test
    void signProducesADeliveryTheCheckAccepts() {
        byte[] body = bytes("revolut/order-created.json");
        WebhookRequest signed = check().sign(WebhookRequest.builder().path("/webhooks/revolut").build(), body);

        assertThat(signed.header("Revolut-Request-Timestamp")).hasValue(Long.toString(NOW.millis()));
        assertThat(check().verify(signed, body).isOk()).isTrue();
        assertThat(check().verify(signed, altered(body)).isOk()).isFalse();
    }

    @Test
    void defaultAuthenticatorIsRevolutSignature() {
        assertThat(RevolutRamp.provider().defaultAuthenticator(SECRET)).isInstanceOf(RevolutSignature.class);
    }

    @Test
    void secretsAreCheckedAndNeverPrinted() {
        assertThatThrownBy(RevolutSignature::of).isInstanceOf(IllegalArgumentException.class);
        assertThat(check().toString()).doesNotContain(SECRET);
    }

    @Test
    void unknownEventStillArrivesUntyped() throws Exception {
        byte[] body = utf8("{\"order_id\":\"o-1\",\"event\":\"ORDER_SOMETHING_NEW\"}");
        WebhookEvent<?> event = RevolutRamp.provider().parse(
                dev.ramphook.internal.json.Json.parseObject(body), body);

        assertThat(event.data()).isInstanceOf(com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(RevolutRamp.provider().subject(event)).isEqualTo(Optional.of("o-1"));
    }

    private static RevolutSignature check() {
        return RevolutSignature.of(SECRET).clock(NOW);
    }

    private static String sign(String secret, String timestamp, byte[] body) {
        return hmacHex("HmacSHA256", secret, utf8("v1." + timestamp + "."), body);
    }

    private static WebhookRequest delivery(byte[] body, String timestamp, String signature) {
        return WebhookRequest.builder().path("/webhooks/revolut").header("Content-Type", "application/json")
                .header("Revolut-Request-Timestamp", timestamp).header("Revolut-Signature", signature)
                .body(body).remoteAddress("127.0.0.1").build();
    }
}
