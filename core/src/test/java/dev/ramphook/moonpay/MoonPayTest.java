package dev.ramphook.moonpay;

import static dev.ramphook.testing.Samples.altered;
import static dev.ramphook.testing.Samples.bytes;
import static dev.ramphook.testing.Samples.hmacHex;
import static dev.ramphook.testing.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.json.Json;
import java.math.BigDecimal;
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

/** MoonPay's (constructed) samples through receive() to typed handlers; Moonpay-Signature-V2's edges. */
class MoonPayTest {

    private static final String KEY = "wk_test_moonpay_webhook_key";
    private static final long T = 1_700_000_000L;
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(T + 30), ZoneOffset.UTC);

    static class Handlers {
        final List<MoonPayTransaction> any = new CopyOnWriteArrayList<>();
        final List<MoonPaySell> sells = new CopyOnWriteArrayList<>();

        @OnEvent("*")
        void transaction(MoonPayTransaction transaction) {
            any.add(transaction);
        }

        @OnEvent("sell_transaction_created")
        void sell(MoonPaySell sell) {
            sells.add(sell);
        }
    }

    private final Handlers handlers = new Handlers();
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/webhooks/moonpay", MoonPay.provider(), MoonPay.signature(KEY).clock(NOW))
            .handlers(handlers).build();

    @AfterEach
    void close() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"buy-transaction-updated-constructed.json", "sell-transaction-created-constructed.json",
            "buy-transaction-failed-constructed.json"})
    void everySampleReachesTheTypedHandlerAndAnAlteredOneIsRefused(String file) {
        byte[] body = bytes("moonpay/" + file);

        assertThat(receiver.receive(delivery(body, header(T, KEY, body))).status()).isEqualTo(200);
        assertThat(receiver.receive(delivery(altered(body), header(T, KEY, body))).status()).isEqualTo(401);
        assertThat(receiver.receive(delivery(body, header(T, "another key", body))).status()).isEqualTo(401);
        assertThat(handlers.any).hasSize(1);
    }

    @Test
    void buyIsTypedWithExactAmountsAndTimes() {
        byte[] body = bytes("moonpay/buy-transaction-updated-constructed.json");
        receiver.receive(delivery(body, header(T, KEY, body)));

        assertThat(handlers.any).singleElement().isInstanceOfSatisfying(MoonPayBuy.class, buy -> {
            assertThat(buy.id()).isEqualTo("bda09e91-559f-4e7a-807a-cdec1a903d9d");
            assertThat(buy.baseCurrencyAmount()).isEqualTo(new BigDecimal("295.45"));
            assertThat(buy.baseCurrencyCode()).isEqualTo("eur");
            assertThat(buy.quoteCurrencyAmount()).contains(new BigDecimal("0.1819"));
            assertThat(buy.networkFeeAmount()).contains(new BigDecimal("0.56"));
            assertThat(buy.updatedAt()).isEqualTo(Instant.parse("2022-08-31T10:00:31.251Z"));
            assertThat(buy.externalTransactionId()).isEmpty();
            assertThat(buy.status()).isEqualTo("completed");
        });
    }

    @Test
    void sellIsTypedAndReachesItsOwnHandler() {
        byte[] body = bytes("moonpay/sell-transaction-created-constructed.json");
        receiver.receive(delivery(body, header(T, KEY, body)));

        assertThat(handlers.sells).singleElement().satisfies(sell -> {
            assertThat(sell.baseCurrencyAmount()).isEqualTo(new BigDecimal("500"));
            assertThat(sell.quoteCurrencyCode()).contains("usd");
            assertThat(sell.payoutMethod()).contains("ach_bank_transfer");
        });
    }

    @Test
    void keyAndSubjectFollowTheTransactionAndItsUpdate() throws Exception {
        WebhookEvent<?> event = parse(bytes("moonpay/buy-transaction-updated-constructed.json"));

        assertThat(event.key())
                .isEqualTo("transaction_updated:bda09e91-559f-4e7a-807a-cdec1a903d9d:2022-08-31T10:00:31.251Z");
        assertThat(MoonPay.provider().subject(event)).contains("bda09e91-559f-4e7a-807a-cdec1a903d9d");
        assertThat(event.occurredAt()).contains(Instant.parse("2022-08-31T10:00:31.251Z"));
    }

    @Test
    void platformEnvelopeIdIsTheKeyAndItsDataStaysJson() throws Exception {
        WebhookEvent<?> event = parse(utf8("{\"id\":\"evt_1\",\"type\":\"customer.identity_status_updated\","
                + "\"timestamp\":\"2025-01-01T00:00:00Z\",\"data\":{\"id\":\"cus_1\"}}"));

        assertThat(event.key()).isEqualTo("evt_1");
        assertThat(event.data()).isInstanceOf(com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(event.occurredAt()).contains(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void amountOfAnotherShapeDeliversTheBuyUntyped() throws Exception {
        String body = new String(bytes("moonpay/buy-transaction-failed-constructed.json"))
                .replace("\"baseCurrencyAmount\":50", "\"baseCurrencyAmount\":\"fifty\"");

        assertThat(parse(utf8(body)).data()).isNotInstanceOf(MoonPayTransaction.class);
    }

    @Test
    void expiredOrMalformedSignatureHeaderIs401() {
        byte[] body = bytes("moonpay/buy-transaction-failed-constructed.json");

        assertThat(receiver.receive(delivery(body, header(T - 400, KEY, body))).status()).isEqualTo(401);
        assertThat(receiver.receive(delivery(body, "s=" + hmacHex("HmacSHA256", KEY, body))).status())
                .isEqualTo(401);
        assertThat(receiver.receive(delivery(body, "t=abc,s=00")).status()).isEqualTo(401);
        assertThat(receiver.receive(delivery(body, header(T, KEY, body).replace(",s=", ",v1="))).status())
                .isEqualTo(401);
    }

    @Test
    void defaultAuthenticatorIsMoonpaySignatureV2() {
        byte[] body = bytes("moonpay/buy-transaction-failed-constructed.json");
        long now = Instant.now().getEpochSecond();

        assertThat(MoonPay.provider().defaultAuthenticator(KEY).verify(delivery(body, header(now, KEY, body)), body)
                .isOk()).isTrue();
    }

    private static WebhookEvent<?> parse(byte[] body) throws Exception {
        return MoonPay.provider().parse(Json.parseObject(body), body);
    }

    private static String header(long t, String key, byte[] body) {
        return "t=" + t + ",s=" + hmacHex("HmacSHA256", key, utf8(t + "."), body);
    }

    private static WebhookRequest delivery(byte[] body, String signature) {
        return WebhookRequest.builder().path("/webhooks/moonpay").header("Content-Type", "application/json")
                .header("Moonpay-Signature-V2", signature).body(body).remoteAddress("127.0.0.1").build();
    }
}
