package dev.ramphook.onramper;

import static dev.ramphook.testing.Samples.altered;
import static dev.ramphook.testing.Samples.bytes;
import static dev.ramphook.testing.Samples.hmacHex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Onramper's documented payloads (and one constructed sell) through receive() to a typed handler. */
class OnramperTest {

    private static final String SECRET = "onramper-webhook-secret";

    static class Handlers {
        final List<OnramperTransaction> typed = new CopyOnWriteArrayList<>();
        final List<String> names = new CopyOnWriteArrayList<>();

        @OnEvent("*.*")
        void any(OnramperTransaction transaction, WebhookEvent<?> event) {
            typed.add(transaction);
            names.add(event.name() + " " + event.key());
        }
    }

    private final Handlers handlers = new Handlers();
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/webhooks/onramper", Onramper.provider(), SECRET) // its default authentication
            .handlers(handlers).build();

    @AfterEach
    void close() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"buy-pending-webhook-setup.json", "buy-pending-webhook-implementation.json",
            "sell-completed-constructed.json"})
    void everySampleReachesTheTypedHandlerAndAForgedOneIsRefused(String file) {
        byte[] body = bytes("onramper/" + file);

        assertThat(receiver.receive(signed(body, hmacHex("HmacSHA256", SECRET, body))).status()).isEqualTo(200);
        assertThat(receiver.receive(signed(altered(body), hmacHex("HmacSHA256", SECRET, body))).status())
                .isEqualTo(401);
        assertThat(receiver.receive(signed(body, hmacHex("HmacSHA256", "guessed", body))).status()).isEqualTo(401);
        assertThat(handlers.typed).hasSize(1);
    }

    @Test
    void documentedPayloadParsesToExactValuesUnderADerivedName() {
        byte[] body = bytes("onramper/buy-pending-webhook-setup.json");
        receiver.receive(signed(body, hmacHex("HmacSHA256", SECRET, body)));

        assertThat(handlers.names).containsExactly("buy.pending 01H7D547TESTV2RQJ52ZAB7WF7:pending");
        assertThat(handlers.typed).containsExactly(new OnramperTransaction("01H7D547TESTV2RQJ52ZAB7WF7", "buy",
                "pending", Instant.parse("2023-08-09T13:15:18.725Z"), new BigDecimal("100"), "usd",
                new BigDecimal("3.83527521"), "sol", Optional.of("gatefi"),
                Optional.of("8bf94c80-test-aabb-851-143835984d1d"), Optional.of("us"), Optional.of("creditcard"),
                Optional.of("testG15oy66q7cU6aNige54PxLLEfGZvRsAADjbF7D4"), Optional.empty(), Optional.empty()));
    }

    @Test
    void bothDocumentedPagesShowOneEventSoTheSecondIsADuplicate() {
        byte[] first = bytes("onramper/buy-pending-webhook-setup.json");
        byte[] second = bytes("onramper/buy-pending-webhook-implementation.json");

        receiver.receive(signed(first, hmacHex("HmacSHA256", SECRET, first)));
        WebhookResponse again = receiver.receive(signed(second, hmacHex("HmacSHA256", SECRET, second)));

        assertThat(again.bodyText()).contains("duplicate");
        assertThat(handlers.typed).hasSize(1);
    }

    @Test
    void subjectIsTheTransaction() throws Exception {
        byte[] body = bytes("onramper/sell-completed-constructed.json");
        WebhookEvent<?> event = Onramper.provider().parse(
                dev.ramphook.internal.json.Json.parseObject(body), body);

        assertThat(event.name()).isEqualTo("sell.completed");
        assertThat(Onramper.provider().subject(event)).contains("01CONSTRUCTEDSELL000000001");
        assertThat(event.occurredAt()).contains(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void sha512VariantAcceptsA128DigitSignatureAndTheDefaultDoesNot() {
        byte[] body = bytes("onramper/buy-pending-webhook-setup.json");
        WebhookRequest request = signed(body, hmacHex("HmacSHA512", SECRET, body));

        assertThat(Onramper.signatureSha512(SECRET).verify(request, body).isOk()).isTrue();
        assertThat(Onramper.signature(SECRET).verify(request, body).status()).isEqualTo(401);
    }

    @Test
    void missingOrMalformedSignatureHeaderIs401() {
        byte[] body = bytes("onramper/buy-pending-webhook-setup.json");

        assertThat(receiver.receive(WebhookRequest.builder().path("/webhooks/onramper").body(body).build())
                .status()).isEqualTo(401);
        assertThat(receiver.receive(signed(body, "not hex at all")).status()).isEqualTo(401);
    }

    private static WebhookRequest signed(byte[] body, String signature) {
        return WebhookRequest.builder().path("/webhooks/onramper").header("Content-Type", "application/json")
                .header("X-Onramper-Webhook-Signature", signature).body(body).remoteAddress("127.0.0.1").build();
    }
}
