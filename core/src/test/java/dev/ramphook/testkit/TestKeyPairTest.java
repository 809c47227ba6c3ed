package dev.ramphook.testkit;

import static dev.ramphook.testing.Samples.altered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.rampnetwork.RampNetwork;
import dev.ramphook.rampnetwork.RampNetworkSignature;
import dev.ramphook.rampnetwork.RampNetworkPurchase;
import dev.ramphook.rampnetwork.RampNetworkSale;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The test kit's key pairs for schemes verified with the sender's public key: Ramp Network (secp256k1) and Standard
 * Webhooks v1a (Ed25519) deliveries, signed by the kit, go through receive() to typed handlers; altered or signed
 * with another key, they get 401.
 */
class TestKeyPairTest {

    private static final String MECASH_BODY = "{\"event\":\"ramp.payout.failed\",\"data\":{\"id\":\"tx-v1a-1\","
            + "\"state\":\"FAILED\"}}";

    /** Records every event. */
    public static class Received {
        final List<WebhookEvent<?>> events = new CopyOnWriteArrayList<>();

        @OnEvent("*")
        void any(WebhookEvent<?> event) {
            events.add(event);
        }
    }

    private static WebhookRequest alteredCopy(SignedDelivery delivery) {
        return delivery.request().toBuilder().body(altered(delivery.body())).build();
    }

    @Test
    void rampNetworkSamplesSignedWithATestKeyArriveTypedAndAlteredOrForeignOnesAreRefused() {
        TestKeyPair ramp = TestKeyPair.rampNetwork();
        Received received = new Received();
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/ramp", RampNetwork.provider(), ramp.publicKey()).handlers(received).build()) {
            Sample released = Samples.find("rampnetwork", "RELEASED");
            Sample sale = Samples.find("rampnetwork", "OFFRAMP.CREATED");
            SignedDelivery delivery = released.signed("/webhooks/ramp", ramp);

            assertThat(receiver.receive(delivery.request()).bodyText()).isEqualTo("{\"status\":\"accepted\"}");
            assertThat(receiver.receive(delivery.request()).bodyText()).isEqualTo("{\"status\":\"duplicate\"}");
            assertThat(receiver.receive(sale.signed("/webhooks/ramp", ramp).request()).status()).isEqualTo(200);
            assertThat(receiver.receive(alteredCopy(delivery)).status()).isEqualTo(401);
            assertThat(receiver.receive(released.signed("/webhooks/ramp", TestKeyPair.rampNetwork()).request())
                    .status()).isEqualTo(401);
            assertThat(received.events).extracting(e -> (Object) e.data().getClass())
                    .containsExactly(RampNetworkPurchase.class, RampNetworkSale.class);
            assertThat(delivery.request().header(RampNetworkSignature.HEADER)).isPresent();
            assertThat(delivery.body()).isEqualTo(released.body());
        }
    }

    @Test
    void aRampNetworkPrivateKeyKeptWithTheTestsGivesTheSamePair() {
        TestKeyPair generated = TestKeyPair.rampNetwork();
        TestKeyPair loaded = TestKeyPair.rampNetwork(generated.privateKey());
        byte[] body = "{\"type\":\"CREATED\",\"purchase\":{\"id\":\"p-1\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(loaded.publicKey()).isEqualTo(generated.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(generated.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----");
        SignedDelivery signed = loaded.sign("/webhooks/ramp", body);
        assertThat(generated.authenticator().verify(signed.request(), body).isOk()).isTrue();
        assertThat(RampNetworkSignature.production().verify(signed.request(), body).isOk()).isFalse();
        assertThat(loaded.toString()).isEqualTo("TestKeyPair[rampnetwork secp256k1]")
                .doesNotContain(generated.privateKey());
    }

    @Test
    void rampNetworkMisuseSaysWhatToDo() {
        assertThatThrownBy(() -> Samples.find("rampnetwork", "RELEASED").signed("/webhooks/ramp", "production"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("TestKeyPair.rampNetwork()");
        assertThatThrownBy(() -> TestKeyPair.rampNetwork().sign("/webhooks/ramp",
                "not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be JSON");
        assertThatThrownBy(() -> TestKeyPair.rampNetwork("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("AAAA");
        // a P-256 key is not Ramp's curve
        assertThatThrownBy(() -> TestKeyPair.rampNetwork(p256PrivateKeyPem()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void standardWebhooksV1aSignedWithATestKeyIsAcceptedThenADuplicateAndAlteredOrForeignIsRefused() {
        TestKeyPair sender = TestKeyPair.standardWebhooks();
        Received received = new Received();
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/v1a", MeCash.provider(), StandardWebhooks.ofPublicKeys(sender.publicKey()))
                .handlers(received).build()) {
            SignedDelivery first = sender.sign("/webhooks/v1a", MECASH_BODY.getBytes(StandardCharsets.UTF_8));
            SignedDelivery resent = SignedDelivery.of("/webhooks/v1a", MECASH_BODY, sender.signer());

            assertThat(first.headers().get("webhook-signature")).singleElement().asString().startsWith("v1a,");
            assertThat(receiver.receive(first.request()).bodyText()).isEqualTo("{\"status\":\"accepted\"}");
            assertThat(receiver.receive(resent.request()).bodyText()).isEqualTo("{\"status\":\"duplicate\"}");
            assertThat(receiver.receive(alteredCopy(first)).status()).isEqualTo(401);
            assertThat(receiver.receive(TestKeyPair.standardWebhooks().sign("/webhooks/v1a",
                    MECASH_BODY.getBytes(StandardCharsets.UTF_8)).request()).status()).isEqualTo(401);
            assertThat(received.events).singleElement().satisfies(e -> assertThat(e.name())
                    .isEqualTo("ramp.payout.failed"));
        }
    }

    @Test
    void aV1aKeyKeptWithTheTestsGivesTheSamePairAndSignsAtTheGivenClock() {
        TestKeyPair generated = TestKeyPair.standardWebhooks();
        Clock past = Clock.fixed(Instant.parse("2021-06-01T12:00:00Z"), ZoneOffset.UTC);
        TestKeyPair loaded = TestKeyPair.standardWebhooks(generated.privateKey()).clock(past);
        byte[] body = MECASH_BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(generated.privateKey()).startsWith("whsk_");
        assertThat(loaded.publicKey()).isEqualTo(generated.publicKey()).startsWith("whpk_");
        SignedDelivery signed = loaded.sign("/webhooks/v1a", body);
        assertThat(signed.headers().get("webhook-timestamp")).containsExactly("1622548800");
        assertThat(StandardWebhooks.ofPublicKeys(generated.publicKey()).clock(past).verify(signed.request(), body)
                .isOk()).isTrue();
        assertThat(StandardWebhooks.ofPublicKeys(generated.publicKey()).verify(signed.request(), body).reason())
                .hasValue("timestamp outside tolerance");
        assertThat(loaded.authenticator().verify(signed.request(), body).isOk()).isTrue();
        assertThat(loaded.toString()).doesNotContain(generated.privateKey().substring(5));
    }

    @Test
    void v1aMisuseSaysWhatToDo() {
        assertThatThrownBy(() -> SignedDelivery.of("/x", MECASH_BODY,
                StandardWebhooks.ofPublicKeys(TestKeyPair.standardWebhooks().publicKey())))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("TestKeyPair.standardWebhooks()");
        assertThatThrownBy(() -> TestKeyPair.standardWebhooks("whsk_c2hvcnQ="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("c2hvcnQ");
    }

    private static String p256PrivateKeyPem() throws Exception {
        java.security.KeyPairGenerator p256 = java.security.KeyPairGenerator.getInstance("EC");
        p256.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return java.util.Base64.getEncoder().encodeToString(p256.generateKeyPair().getPrivate().getEncoded());
    }
}
