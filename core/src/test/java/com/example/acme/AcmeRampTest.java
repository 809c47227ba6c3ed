package com.example.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.OnEvent;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.provider.Providers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example provider of docs/write-a-provider.md, written outside dev.ramphook with the public kit only: found by
 * name through ServiceLoader, authenticated by its default scheme, typed, deduplicated, and quoted by that guide word
 * for word.
 */
class AcmeRampTest {

    private static final String SECRET = "acme-secret";
    private static final String COMPLETED = "{\"id\":\"evt_1\",\"type\":\"order.completed\","
            + "\"created_at\":\"2025-05-01T10:00:00Z\",\"data\":{\"order_id\":\"ord_1\",\"amount\":\"25.00\","
            + "\"currency\":\"EUR\"}}";

    /** Handlers of the tests: what each received. */
    public static class Orders {
        final List<AcmeRamp.Order> typed = new ArrayList<>();
        final List<WebhookEvent<?>> all = new ArrayList<>();

        @OnEvent("order.*")
        void order(AcmeRamp.Order order) {
            typed.add(order);
        }

        @OnEvent("*")
        void any(WebhookEvent<?> event) {
            all.add(event);
        }
    }

    private final Orders orders = new Orders();
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/webhooks/acme", Providers.find("acme").orElseThrow(), SECRET)
            .handlers(orders)
            .build();

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void serviceLoaderFindsTheOutsideProviderByItsId() {
        Provider found = Providers.find("acme").orElseThrow();

        assertThat(found).isInstanceOf(AcmeRamp.class);
        assertThat(Providers.all()).containsKeys("acme", "zbd", "mecash");
    }

    @Test
    void aSignedDeliveryArrivesTypedOnceThenAsADuplicate() {
        WebhookResponse first = receiver.receive(signed(COMPLETED, SECRET));
        WebhookResponse again = receiver.receive(signed(COMPLETED, SECRET));

        assertThat(first.bodyText()).contains("accepted");
        assertThat(again.bodyText()).contains("duplicate");
        assertThat(orders.typed).containsExactly(
                new AcmeRamp.Order("ord_1", new BigDecimal("25.00"), "EUR", java.util.Optional.empty()));
        assertThat(orders.all).singleElement().satisfies(event -> {
            assertThat(event.key()).isEqualTo("evt_1");
            assertThat(event.occurredAt()).hasValue(java.time.Instant.parse("2025-05-01T10:00:00Z"));
        });
    }

    @Test
    void aDeliverySignedWithAnotherSecretIsRefused() {
        WebhookResponse answer = receiver.receive(signed(COMPLETED, "not-the-secret"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(orders.all).isEmpty();
    }

    @Test
    void anAmountThatIsNoNumberArrivesUntyped() {
        WebhookResponse answer = receiver.receive(signed(COMPLETED.replace("\"25.00\"", "\"ten\""), SECRET));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(orders.typed).isEmpty();
        assertThat(orders.all).singleElement().satisfies(event ->
                assertThat(event.data()).isInstanceOf(com.fasterxml.jackson.databind.JsonNode.class));
    }

    @Test
    void theGuideQuotesThisProviderWordForWord() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "write-a-provider.md"), StandardCharsets.UTF_8);
        String source = Files.readString(Path.of("src/test/java/com/example/acme/AcmeRamp.java"),
                StandardCharsets.UTF_8);

        assertThat(readme).contains("```java\n" + source + "```\n");
    }

    private static WebhookRequest signed(String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return WebhookRequest.builder().path("/webhooks/acme").header("Content-Type", "application/json")
                .header("X-Acme-Signature", hmacSha256Hex(secret, bytes)).body(bytes).build();
    }

    private static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
