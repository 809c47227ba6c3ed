package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.mecash.MeCashPayout;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.zbd.ZbdPayment;
import dev.ramphook.zbd.ZbdRamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every documented payload, authenticated as the examples do, through the whole receiver to typed handlers. */
class SeedDeliveryTest {

    /** Documented samples live in the main jar's sample catalog, edge cases with the tests. */
    private static final List<Path> PAYLOADS = List.of(Path.of("src/main/resources/META-INF/ramphook/samples"),
            Path.of("src/test/resources/payloads"));
    private static final String TOKEN = "zbd-url-token";
    private static final String SECRET = "mecash-endpoint-secret";

    /** Handlers written the way the README shows them. */
    static class Payments {
        final List<ZbdPayment> settled = new CopyOnWriteArrayList<>();
        final List<String> money = new CopyOnWriteArrayList<>();
        final List<String> audit = new CopyOnWriteArrayList<>();
        final List<MeCashPayout> payouts = new CopyOnWriteArrayList<>();

        @OnEvent("PAYMENT.SETTLED")
        void settled(ZbdPayment payment) {
            settled.add(payment);
        }

        @OnEvent({"WITHDRAWAL.*", "ramp.payout.*"})
        void money(WebhookEvent<?> event) {
            money.add(event.shortName());
        }

        @OnEvent("ramp.payout.completed")
        void payout(MeCashPayout payout) {
            payouts.add(payout);
        }

        @OnEvent("*")
        void audit(WebhookEvent<?> event, DeliveryContext context) {
            audit.add(event.provider() + " " + event.name() + " via " + context.endpoint());
        }
    }

    private final Payments payments = new Payments();
    private WebhookReceiver receiver;

    @BeforeEach
    void build() {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(TOKEN))
                .endpoint("/webhooks/mecash", MeCash.provider(), HmacSignature.sha512Hex("X-Signature", SECRET))
                .handlers(payments)
                .build();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    static Stream<Arguments> zbdSeeds() {
        return Stream.of("SESSION.INITIATED", "SESSION.CLOSED", "CODE_VERIFICATION.SUCCEEDED",
                        "CODE_VERIFICATION.FAILED", "USER_ACCESS_TOKEN.CREATED", "KYC.INITIATED", "KYC.PROCESSING",
                        "KYC.COMPLETED", "KYC.REJECTED", "BANK_CONNECTION.INITIATED", "BANK_CONNECTION.COMPLETED",
                        "BANK_CONNECTION.FAILED", "PAYMENT.INITIATED", "PAYMENT.SETTLED", "PAYMENT.FAILED",
                        "WITHDRAWAL.SUCCEEDED", "WITHDRAWAL.FAILED")
                .map(name -> Arguments.of(name.toLowerCase().replace('_', '-').replace('.', '-') + ".json", name));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("zbdSeeds")
    void everyZbdSeedPayloadIsAcceptedAndAudited(String file, String shortName) {
        WebhookResponse response = receiver.receive(zbd(read("zbd/" + file), "token=" + TOKEN));

        assertThat(response.status()).isEqualTo(200);
        assertThat(payments.audit).containsExactly("zbd RAMP_WIDGET.V1." + shortName + " via /webhooks/zbd");
    }

    @Test
    void settledPaymentReachesItsTypedHandlerWithExactAmounts() {
        receiver.receive(zbd(read("zbd/payment-settled.json"), "token=" + TOKEN));

        assertThat(payments.settled).singleElement().satisfies(p -> {
            assertThat(p.baseAmount()).isEqualTo(new BigDecimal("100.00"));
            assertThat(p.quoteAmount()).isEqualTo(new BigDecimal("0.0025"));
            assertThat(p.sessionId()).isEqualTo("sess_abc123xyz789");
        });
        assertThat(payments.money).isEmpty();
    }

    @Test
    void withdrawalAndPayoutReachTheWildcardHandler() {
        receiver.receive(zbd(read("zbd/withdrawal-succeeded.json"), "token=" + TOKEN));
        receiver.receive(meCash(read("mecash/ramp-payout-completed-off-ramp.json"), SECRET));

        assertThat(payments.money).containsExactly("WITHDRAWAL.SUCCEEDED", "ramp.payout.completed");
        assertThat(payments.payouts).singleElement()
                .satisfies(p -> assertThat(p.quote().orElseThrow().target().amount()).isEqualTo(new BigDecimal("201.68")));
    }

    @Test
    void bothMeCashSeedsShareOneEventIdSoTheSecondIsADuplicate() {
        // The provider's two examples carry the same data.id: to ramphook they are one event.
        WebhookResponse first = receiver.receive(meCash(read("mecash/ramp-payout-completed-off-ramp.json"), SECRET));
        WebhookResponse second = receiver.receive(meCash(read("mecash/ramp-payout-completed-crypto.json"), SECRET));

        assertThat(first.bodyText()).contains("accepted");
        assertThat(second.bodyText()).contains("duplicate");
        assertThat(payments.payouts).hasSize(1);
    }

    @Test
    void wrongTokenAndWrongSignatureAreRejectedBeforeAnyHandler() {
        assertThat(receiver.receive(zbd(read("zbd/payment-settled.json"), "token=guess")).status()).isEqualTo(401);
        assertThat(receiver.receive(zbd(read("zbd/payment-settled.json"), null)).status()).isEqualTo(401);
        assertThat(receiver.receive(meCash(read("mecash/ramp-payout-completed-crypto.json"), "other")).status())
                .isEqualTo(401);
        assertThat(payments.audit).isEmpty();
    }

    @Test
    void unknownEventsFromBothProvidersAreAcceptedAndAudited() {
        assertThat(receiver.receive(zbd(read("zbd/unknown-event.json"), "token=" + TOKEN)).status()).isEqualTo(200);
        assertThat(receiver.receive(meCash(read("mecash/unknown-event.json"), SECRET)).status()).isEqualTo(200);

        assertThat(payments.audit).hasSize(2);
    }

    private static WebhookRequest zbd(byte[] body, String query) {
        return WebhookRequest.builder().path("/webhooks/zbd").query(query)
                .header("Content-Type", "application/json").body(body).build();
    }

    private static WebhookRequest meCash(byte[] body, String secret) {
        return WebhookRequest.builder().path("/webhooks/mecash").header("Content-Type", "application/json")
                .header("X-Signature", hmacSha512Hex(secret, body)).body(body).build();
    }

    static String hmacSha512Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String name) {
        try {
            Path file = PAYLOADS.get(0).resolve(name);
            return Files.readAllBytes(Files.exists(file) ? file : PAYLOADS.get(1).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
