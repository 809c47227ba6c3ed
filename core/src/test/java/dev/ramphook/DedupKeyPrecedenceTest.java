package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who decides the deduplication key, through {@code receive()}: an explicit {@code withDedupKey} rule, else the
 * authenticator's event id (a Standard Webhooks {@code webhook-id}), else the provider's own key; then bounded.
 */
class DedupKeyPrecedenceTest {

    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final StandardWebhooks SIGNER = StandardWebhooks.of(WHSEC);
    private static final String BODY = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final List<String> keys = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        receiver.close();
    }

    private void receiver(Provider provider, Authenticator authenticator) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", provider, authenticator)
                .on("*", (event, context) -> keys.add(event.key()))
                .build();
    }

    /** The same body, sent with the Standard Webhooks message id {@code webhookId}. */
    private WebhookResponse deliverWithWebhookId(String webhookId) {
        WebhookRequest unsigned = post("/hooks/shop", BODY).toBuilder().header("webhook-id", webhookId).build();
        return receiver.receive(SIGNER.sign(unsigned, BODY.getBytes(StandardCharsets.UTF_8)));
    }

    private static Provider orderIdRule(Provider provider) {
        return provider.withDedupKey(e -> "order:" + ((ShopProvider.Order) e.data()).id());
    }

    @Test
    void withoutARuleTheWebhookIdIsTheKey() {
        receiver(new ShopProvider(), StandardWebhooks.of(WHSEC));

        deliverWithWebhookId("msg_1");
        deliverWithWebhookId("msg_2"); // the same body under another message id is another event

        assertThat(keys).containsExactly("msg_1", "msg_2");
    }

    @Test
    void anExplicitRuleWinsOverTheWebhookId() {
        receiver(orderIdRule(new ShopProvider()), StandardWebhooks.of(WHSEC));

        WebhookResponse first = deliverWithWebhookId("msg_1");
        WebhookResponse second = deliverWithWebhookId("msg_2");

        assertThat(keys).containsExactly("order:o-1");
        assertThat(first.bodyText()).contains("\"accepted\"");
        assertThat(second.bodyText()).contains("\"duplicate\"");
    }

    @Test
    void theRuleStillWinsUnderALaterSubjectRule() {
        receiver(orderIdRule(new ShopProvider()).withSubject(e -> "s"), StandardWebhooks.of(WHSEC));

        deliverWithWebhookId("msg_1");

        assertThat(keys).containsExactly("order:o-1");
    }

    @Test
    void aSubjectRuleAloneLeavesTheWebhookIdAsTheKey() {
        receiver(new ShopProvider().withSubject(e -> "s"), StandardWebhooks.of(WHSEC));

        deliverWithWebhookId("msg_1");

        assertThat(keys).containsExactly("msg_1");
    }

    @Test
    void withNeitherTheProvidersOwnKeyIsUsed() {
        HmacSignature hmac = HmacSignature.sha256Hex("X-Signature", "s3cret");
        receiver(new ShopProvider(), hmac);

        receiver.receive(hmac.sign(post("/hooks/shop", BODY), BODY.getBytes(StandardCharsets.UTF_8)));

        assertThat(keys).containsExactly("SHOP.V1.ORDER.PAID:o-1");
    }

    @Test
    void theWinningKeyIsBounded() throws Exception {
        receiver(new ShopProvider().withDedupKey(e -> "k".repeat(300)), StandardWebhooks.of(WHSEC));
        String longId = "msg_" + "x".repeat(240);

        deliverWithWebhookId(longId);

        assertThat(keys).containsExactly("sha256:" + sha256Hex("k".repeat(300))); // the rule's key, hashed
    }

    private static String sha256Hex(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLongWebhookIdIsBoundedToo() {
        receiver(new ShopProvider(), StandardWebhooks.of(WHSEC));

        deliverWithWebhookId("msg_" + "x".repeat(240));

        assertThat(keys).singleElement().asString().startsWith("sha256:");
    }

    /** A built-in provider's own key is not scanned again ({@code BoundedKeys}); a key from anyone else still is. */
    @Test
    void aBuiltInProvidersEndpointStillBoundsALongWebhookIdAndARulesKey() {
        String zbdBody = "{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\",\"data\":{\"session_id\":\"s1\"},"
                + "\"created_at\":\"2025-01-18T11:05:00Z\"}";
        receiver(dev.ramphook.zbd.ZbdRamp.provider(), StandardWebhooks.of(WHSEC));
        WebhookRequest unsigned = post("/hooks/shop", zbdBody).toBuilder()
                .header("webhook-id", "msg_\u0000" + "x".repeat(20)).build();
        receiver.receive(SIGNER.sign(unsigned, zbdBody.getBytes(StandardCharsets.UTF_8)));
        receiver.close();
        receiver(dev.ramphook.zbd.ZbdRamp.provider().withDedupKey(e -> "k\u0001"), StandardWebhooks.of(WHSEC));
        receiver.receive(SIGNER.sign(unsigned, zbdBody.getBytes(StandardCharsets.UTF_8)));
        receiver.close();
        HmacSignature hmac = HmacSignature.sha256Hex("X-Signature", "s3cret");
        receiver(dev.ramphook.zbd.ZbdRamp.provider(), hmac);
        receiver.receive(hmac.sign(post("/hooks/shop", zbdBody), zbdBody.getBytes(StandardCharsets.UTF_8)));

        assertThat(keys).hasSize(3);
        assertThat(keys.get(0)).startsWith("sha256:"); // the control character
        assertThat(keys.get(1)).startsWith("sha256:");
        assertThat(keys.get(2)).isEqualTo("RAMP_WIDGET.V1.PAYMENT.SETTLED:s1:2025-01-18T11:05:00Z");
    }
}
