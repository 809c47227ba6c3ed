package dev.ramphook.rampnetwork;

import static dev.ramphook.testing.Samples.altered;
import static dev.ramphook.testing.Samples.bytes;
import static dev.ramphook.testing.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.json.StableJson;
import java.math.BigDecimal;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ramp Network's (constructed) samples, signed with a test secp256k1 key, through receive() to typed handlers. */
class RampNetworkTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final KeyPair RAMP = secp256k1();
    private static final KeyPair STRANGER = secp256k1();

    static class Handlers {
        final List<RampNetworkData> data = new CopyOnWriteArrayList<>();
        final List<String> names = new CopyOnWriteArrayList<>();

        @OnEvent("*")
        void any(RampNetworkData d, WebhookEvent<?> event) {
            data.add(d);
            names.add(event.name() + " " + event.key());
        }
    }

    private final Handlers handlers = new Handlers();
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/webhooks/ramp", RampNetwork.provider(), RampNetworkSignature.of(pem(RAMP)))
            .handlers(handlers).build();

    @AfterEach
    void close() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"purchase-created-constructed.json", "purchase-released-constructed.json",
            "offramp-created-constructed.json"})
    void everySampleReachesTheTypedHandlerAndAForgedOneIsRefused(String file) {
        byte[] body = bytes("rampnetwork/" + file);
        String signature = sign(RAMP, StableJson.of(body));

        assertThat(receiver.receive(delivery(body, signature)).status()).isEqualTo(200);
        assertThat(receiver.receive(delivery(altered(body), signature)).status()).isEqualTo(401);
        assertThat(receiver.receive(delivery(body, sign(STRANGER, StableJson.of(body)))).status()).isEqualTo(401);
        assertThat(handlers.data).hasSize(1);
    }

    @Test
    void signedTextIsTheSortedWhitespaceFreeFormWithNumbersAsSent() {
        String stable = StableJson.of(utf8("{ \"b\": [1, 2.50, {\"z\": null, \"a\": \"x\\u0041\\n\"}],\n \"a\": 1e3,"
                + " \"A\": true }"));

        assertThat(stable).isEqualTo("{\"A\":true,\"a\":1e3,\"b\":[1,2.50,{\"a\":\"xA\\n\",\"z\":null}]}");
    }

    @Test
    void prettyPrintedBodyVerifiesAgainstASignatureOfItsStableForm() {
        byte[] body = bytes("rampnetwork/purchase-created-constructed.json");
        String stable = "{\"purchase\":{\"appliedFee\":0.1073467425742574,\"asset\":{\"address\":null,\"chain\":\"ETH\","
                + "\"decimals\":18,\"name\":\"Ether\",\"symbol\":\"ETH\",\"type\":\"NATIVE\"},"
                + "\"assetExchangeRate\":1.29518206550279,\"baseRampFee\":0.09892653257425743,"
                + "\"createdAt\":\"2024-03-01T12:00:00.000Z\",\"cryptoAmount\":\"30000000000000000\","
                + "\"endTime\":null,\"escrowAddress\":null,\"fiatCurrency\":\"GBP\",\"fiatValue\":0.05,"
                + "\"id\":\"311\",\"networkFee\":0.008420210000000001,\"paymentMethodType\":\"CARD_PAYMENT\","
                + "\"receiverAddress\":\"0x2222222222222222222222222222222222222222\",\"status\":\"INITIALIZED\","
                + "\"updatedAt\":\"2024-03-01T12:00:00.000Z\"},\"type\":\"CREATED\"}";

        assertThat(receiver.receive(delivery(body, sign(RAMP, stable))).status()).isEqualTo(200);
    }

    @Test
    void purchaseIsTypedInWholeUnits() {
        byte[] body = bytes("rampnetwork/purchase-created-constructed.json");
        receiver.receive(delivery(body, sign(RAMP, StableJson.of(body))));

        assertThat(handlers.names).containsExactly("CREATED purchase:311:CREATED");
        assertThat(handlers.data).singleElement().isInstanceOfSatisfying(RampNetworkPurchase.class, p -> {
            assertThat(p.cryptoAmount()).isEqualByComparingTo("0.03");
            assertThat(p.assetDecimals()).isEqualTo(18);
            assertThat(p.fiatValue()).isEqualTo(new BigDecimal("0.05"));
            assertThat(p.networkFee()).contains(new BigDecimal("0.008420210000000001"));
        });
    }

    @Test
    void offRampSaleIsNamedWithItsModeAndKeyedByTheEnvelopeId() {
        byte[] body = bytes("rampnetwork/offramp-created-constructed.json");
        receiver.receive(delivery(body, sign(RAMP, StableJson.of(body))));

        assertThat(handlers.names).containsExactly("OFFRAMP.CREATED 9393916e-c3c5-46c4-9132-18106a192637");
        assertThat(handlers.data).singleElement().isInstanceOfSatisfying(RampNetworkSale.class, s -> {
            assertThat(s.cryptoAmount()).isEqualByComparingTo("1.5");
            assertThat(s.fiatAmount()).isEqualTo(new BigDecimal("1.37"));
            assertThat(s.fiatCurrency()).isEqualTo("EUR");
        });
    }

    @Test
    void malformedSignaturesAre401Not500() {
        byte[] body = bytes("rampnetwork/purchase-released-constructed.json");
        for (String header : new String[] {"not base64!", "AAAA", Base64.getEncoder().encodeToString(new byte[72]),
                "A".repeat(300)}) {
            assertThat(receiver.receive(delivery(body, header)).status()).as(header).isEqualTo(401);
        }
        assertThat(receiver.receive(WebhookRequest.builder().path("/webhooks/ramp").body(body).build()).status())
                .isEqualTo(401);
    }

    @Test
    void publishedKeysLoadAndOtherCurvesAreRefused() throws Exception {
        assertThat(RampNetworkSignature.production().toString()).contains("publicKeys=1");
        assertThat(RampNetworkSignature.staging()).isNotNull();
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));

        assertThatThrownBy(() -> RampNetworkSignature.of(pem(p256.generateKeyPair())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a secp256k1");
        assertThatThrownBy(() -> RampNetworkSignature.of("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultAuthenticatorTakesKeyNamesOrKeys() {
        byte[] body = bytes("rampnetwork/purchase-released-constructed.json");
        WebhookRequest signed = delivery(body, sign(RAMP, StableJson.of(body)));

        assertThat(RampNetwork.provider().defaultAuthenticator("production", "staging").toString())
                .contains("publicKeys=2");
        assertThat(RampNetwork.provider().defaultAuthenticator(pem(RAMP)).verify(signed, body).isOk()).isTrue();
        assertThatThrownBy(() -> RampNetwork.provider().defaultAuthenticator())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureFromRampsRealKeyIsNeededByDefault() {
        byte[] body = bytes("rampnetwork/purchase-released-constructed.json");

        assertThat(RampNetwork.signature().verify(delivery(body, sign(RAMP, StableJson.of(body))), body).reason())
                .hasValue("no matching signature");
    }

    private static String sign(KeyPair pair, String stable) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA", BC);
            s.initSign(pair.getPrivate());
            s.update(utf8(stable));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair secp256k1() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256k1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static WebhookRequest delivery(byte[] body, String signature) {
        return WebhookRequest.builder().path("/webhooks/ramp").header("Content-Type", "application/json")
                .header("X-Body-Signature", signature).body(body).remoteAddress("127.0.0.1").build();
    }
}
