package dev.ramphook.transak;

import static dev.ramphook.testing.Samples.bytes;
import static dev.ramphook.testing.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transak's (constructed) samples through receive(); the JWT algorithm is pinned to HS256. */
class TransakTest {

    private static final String TOKEN = "transak-test-access-token"; // what the stored envelopes are signed with
    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    static class Handlers {
        final List<TransakOrder> orders = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();

        @OnEvent("*")
        void order(TransakOrder order, WebhookEvent<?> event) {
            orders.add(order);
            keys.add(event.key());
        }
    }

    private final Handlers handlers = new Handlers();
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/webhooks/transak", Transak.provider(), TOKEN) // its default authentication
            .handlers(handlers).build();

    @AfterEach
    void close() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-completed", "order-created", "order-failed"})
    void everySampleReachesTheTypedHandlerAndAForgedOneIsRefused(String name) {
        byte[] stored = bytes("transak/" + name + "-constructed.json");
        byte[] claims = bytes("transak/" + name + "-claims-constructed.json");

        assertThat(receiver.receive(delivery(stored)).status()).isEqualTo(200);
        assertThat(receiver.receive(delivery(envelope(jwt(HS256, claims, "a guessed token")))).status())
                .isEqualTo(401);
        assertThat(receiver.receive(delivery(envelope(tamperedClaims(stored)))).status()).isEqualTo(401);
        assertThat(handlers.orders).hasSize(1);
    }

    @Test
    void storedEnvelopeIsTheClaimsSignedWithTheTestToken() {
        byte[] claims = bytes("transak/order-completed-claims-constructed.json");

        assertThat(new String(bytes("transak/order-completed-constructed.json"), StandardCharsets.UTF_8))
                .isEqualTo(new String(envelope(jwt(HS256, claims, TOKEN)), StandardCharsets.UTF_8));
    }

    @Test
    void completedOrderIsTypedWithExactValuesAndStatusInItsKey() {
        receiver.receive(delivery(bytes("transak/order-completed-constructed.json")));

        assertThat(handlers.orders).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("322dc79c-fad2-4df1-bf50-b292191fc953");
            assertThat(o.fiatAmount()).isEqualTo(new BigDecimal("45"));
            assertThat(o.cryptoAmount()).contains(new BigDecimal("0.01788752"));
            assertThat(o.totalFeeInFiat()).contains(new BigDecimal("1.61"));
            assertThat(o.createdAt()).isEqualTo(Instant.parse("2024-10-15T14:29:11.104Z"));
            assertThat(o.isBuy()).isTrue();
        });
        assertThat(handlers.keys).containsExactly("ORDER_COMPLETED:322dc79c-fad2-4df1-bf50-b292191fc953:COMPLETED");
    }

    @Test
    void sameEventNameWithAnotherStatusIsAnotherEvent() {
        byte[] claims = bytes("transak/order-failed-claims-constructed.json");
        String cancelled = new String(claims, StandardCharsets.UTF_8).replace("EXPIRED", "CANCELLED");

        receiver.receive(delivery(envelope(jwt(HS256, claims, TOKEN))));
        WebhookResponse second = receiver.receive(delivery(envelope(jwt(HS256, utf8(cancelled), TOKEN))));
        WebhookResponse again = receiver.receive(delivery(envelope(jwt(HS256, utf8(cancelled), TOKEN))));

        assertThat(second.bodyText()).contains("accepted");
        assertThat(again.bodyText()).contains("duplicate");
        assertThat(handlers.orders).extracting(TransakOrder::status).containsExactly("EXPIRED", "CANCELLED");
    }

    @Test
    void unsignedNoneTokenIsRefused() {
        byte[] claims = bytes("transak/order-completed-claims-constructed.json");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".";

        assertThat(check().verify(post(envelope(none)), envelope(none)).reason()).hasValue("JWT alg is not HS256");
        assertThat(receiver.receive(delivery(envelope(none))).status()).isEqualTo(401);
    }

    @Test
    void otherAlgorithmsAreRefusedEvenWhenTheMacWouldMatch() {
        byte[] claims = bytes("transak/order-completed-claims-constructed.json");
        for (String header : new String[] {"{\"alg\":\"HS512\"}", "{\"alg\":\"RS256\"}", "{\"alg\":\"hs256\"}",
                "{\"typ\":\"JWT\"}", "{\"alg\":[\"HS256\"]}"}) {
            byte[] body = envelope(jwt(header, claims, TOKEN)); // an HS256 MAC under a header naming something else

            assertThat(check().verify(post(body), body).reason()).as(header).hasValue("JWT alg is not HS256");
        }
    }

    @Test
    void critHeaderIsRefused() {
        byte[] body = envelope(jwt("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
                bytes("transak/order-created-claims-constructed.json"), TOKEN));

        assertThat(check().verify(post(body), body).reason()).hasValue("JWT header has crit parameters");
    }

    @Test
    void expiredTokenIsRefusedAndAnUnexpiredOneAccepted() {
        byte[] claims = utf8("{\"eventID\":\"ORDER_CREATED\",\"exp\":1700000000,\"webhookData\":{\"id\":\"o\"}}");
        byte[] body = envelope(jwt(HS256, claims, TOKEN));

        assertThat(check().clock(at(1_700_000_000L)).verify(post(body), body).reason()).hasValue("JWT expired");
        assertThat(check().clock(at(1_699_999_999L)).verify(post(body), body).isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"nbf\":18446744073709551616", "\"nbf\":1e19", "\"nbf\":1e999999999",
            "\"exp\":-1e999999999", "\"exp\":-18446744073709551616", "\"exp\":1699999999.5"})
    void timeClaimsBeyondALongAreComparedExactly(String claim) {
        // asLong() wrapped these: 2^64 read as 0 and 1e19 as a negative number, so "not before the far future" passed
        byte[] claims = utf8("{\"eventID\":\"ORDER_CREATED\"," + claim + ",\"webhookData\":{\"id\":\"o\"}}");
        byte[] body = envelope(jwt(HS256, claims, TOKEN));

        assertThat(check().clock(at(1_700_000_000L)).verify(post(body), body).isOk()).as(claim).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"exp\":18446744073709551616", "\"exp\":1e19", "\"exp\":1e999999999",
            "\"nbf\":-1e999999999", "\"exp\":1700000000.5"})
    void farFutureExpiryAndFarPastNotBeforeAreAccepted(String claim) {
        byte[] claims = utf8("{\"eventID\":\"ORDER_CREATED\"," + claim + ",\"webhookData\":{\"id\":\"o\"}}");
        byte[] body = envelope(jwt(HS256, claims, TOKEN));

        assertThat(check().clock(at(1_700_000_000L)).verify(post(body), body).isOk()).as(claim).isTrue();
    }

    @Test
    void theReceiversClockDecidesExpiryWhenTheCheckHasNoClockOfItsOwn() {
        byte[] claims = utf8("{\"eventID\":\"ORDER_CREATED\",\"exp\":1700000000,\"webhookData\":{\"id\":\"o\"}}");
        byte[] body = envelope(jwt(HS256, claims, TOKEN));

        for (long now : new long[] {1_700_000_000L, 1_699_999_999L}) {
            try (WebhookReceiver atNow = WebhookReceiver.builder()
                    .endpoint("/webhooks/transak", Transak.provider(), TransakJwt.of(TOKEN))
                    .clock(at(now)).build()) {
                assertThat(atNow.receive(delivery(body)).status()).as("at %d", now)
                        .isEqualTo(now == 1_700_000_000L ? 401 : 200);
            }
        }
    }

    @Test
    void malformedBodiesAndTokensAre401Not500() {
        String good = jwt(HS256, bytes("transak/order-created-claims-constructed.json"), TOKEN);
        for (String body : new String[] {"{\"data\":42}", "{\"data\":\"\"}", "{\"other\":\"x\"}", "[]", "not json",
                "{\"data\":\"a.b\"}", "{\"data\":\"" + good + ".extra\"}", "{\"data\":\"%%%.e30." + "AAAA\"}",
                "{\"data\":\"" + good.substring(0, good.lastIndexOf('.') + 1) + "not+base64url\"}"}) {
            WebhookResponse response = receiver.receive(delivery(utf8(body)));

            assertThat(response.status()).as(body).isEqualTo(401);
        }
    }

    /**
     * Cheap checks first: the token is read from the body without building its tree, and a body with more members
     * than Transak's one is refused at the bound. The proxy for "no tree built": the body's end is not JSON, so a
     * parse of the whole body would answer "body is not {"data": "<JWT>"}" instead.
     */
    @Test
    void aBodyOfManyMembersIsRefusedAtTheBoundWithoutParsingIt() {
        StringBuilder flood = new StringBuilder("{\"data\":\"a.b.c\"");
        for (int i = 0; i < 80_000; i++) {
            flood.append(",\"k").append(i).append("\":").append(i);
        }
        byte[] body = utf8(flood.append("} not json").toString());

        assertThat(check().verify(post(body), body).reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("more than " + TransakTokens.MAX_MEMBERS + " members"));
    }

    @Test
    void previousAccessTokenStillVerifiesWhileSwitching() {
        byte[] body = envelope(jwt(HS256, bytes("transak/order-created-claims-constructed.json"), "old-token"));

        assertThat(TransakJwt.of("new-token", "old-token").verify(post(body), body).isOk()).isTrue();
        assertThat(TransakJwt.of("new-token").toString()).doesNotContain("new-token");
    }

    private static TransakJwt check() {
        return TransakJwt.of(TOKEN);
    }

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** The stored envelope's token with one claim changed but the original signature kept. */
    private static String tamperedClaims(byte[] envelope) {
        String token = new String(envelope, StandardCharsets.UTF_8).replace("{\"data\":\"", "").replace("\"}", "");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return parts[0] + "." + b64(claims.replace("\"eventID\":\"", "\"eventID\":\"X")) + "." + parts[2];
    }

    private static String jwt(String header, byte[] claims, String key) {
        String input = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(utf8(key), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(utf8(input)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String b64(String text) {
        return b64(utf8(text));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] envelope(String token) {
        return utf8("{\"data\":\"" + token + "\"}");
    }

    private static WebhookRequest post(byte[] body) {
        return WebhookRequest.builder().path("/webhooks/transak").body(body).build();
    }

    private static WebhookRequest delivery(byte[] body) {
        return WebhookRequest.builder().path("/webhooks/transak").header("Content-Type", "application/json")
                .body(body).remoteAddress("127.0.0.1").build();
    }
}
