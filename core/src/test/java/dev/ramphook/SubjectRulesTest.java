package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.testing.Payloads;
import dev.ramphook.testing.ShopProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which subject each provider names, so that one payment's events run one at a time and in order. */
class SubjectRulesTest {

    @Test
    void zbdNamesTheRampSessionSoASessionsPaymentEventsAreOrdered() throws Exception {
        WebhookEvent<?> initiated = Payloads.ZBD.parse("payment-initiated.json");
        WebhookEvent<?> settled = Payloads.ZBD.parse("payment-settled.json");

        assertThat(ZbdRampSubject.of(initiated)).contains("sess_abc123xyz789");
        assertThat(ZbdRampSubject.of(settled)).contains("sess_abc123xyz789");
        assertThat(ZbdRampSubject.of(Payloads.ZBD.parse("missing-session-id.json"))).isEmpty();
    }

    @Test
    void meCashNamesTheTransactionUnderEitherOfItsFieldNames() throws Exception {
        assertThat(MeCashSubject.of(Payloads.MECASH.parse("payout-completed.json")))
                .contains("a81e4c3b-2f6d-4b8e-9a10-000000000010");
        assertThat(MeCashSubject.of(Payloads.MECASH.parse("transaction-other-page-shape.json")))
                .contains("txn_123456789");
        assertThat(MeCashSubject.of(Payloads.MECASH.parse("ramp-payout-missing-id.json"))).isEmpty();
    }

    @Test
    void aCustomProviderOrdersNothingUnlessItSaysWhatItsSubjectIs() throws Exception {
        Provider shop = new ShopProvider();
        WebhookEvent<?> event = shop.parse(json(ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")), new byte[0]);

        assertThat(shop.subject(event)).isEmpty();
        assertThat(shop.withSubject(e -> "order-" + e.json().path("id").asText()).subject(event)).contains("order-o-1");
    }

    @Test
    void theRulesComposeAndABuiltInsOrderingCanBeTurnedOff() throws Exception {
        Provider zbd = dev.ramphook.zbd.ZbdRamp.provider();
        WebhookEvent<?> settled = Payloads.ZBD.parse("payment-settled.json");

        assertThat(zbd.withDedupKey(e -> "k").subject(settled)).contains("sess_abc123xyz789");
        assertThat(zbd.withSubject(e -> null).subject(settled)).isEmpty();
        Provider both = zbd.withSubject(e -> "s").withDedupKey(e -> "k");
        assertThat(both.subject(settled)).contains("s");
    }

    @Test
    void aDedupKeyRuleReplacesTheKeyOnlyAndASubjectRuleTheSubjectOnly() throws Exception {
        Provider zbd = dev.ramphook.zbd.ZbdRamp.provider();
        String body = "{\"event\":\"RAMP_WIDGET.V1.SESSION.CLOSED\",\"data\":{\"session_id\":\"sess_1\"},"
                + "\"created_at\":\"2025-01-18T11:05:00Z\"}";

        WebhookEvent<?> plain = zbd.parse(json(body), new byte[0]);
        WebhookEvent<?> rekeyed = zbd.withDedupKey(e -> "custom-" + e.name()).parse(json(body), new byte[0]);
        WebhookEvent<?> resubjected = zbd.withSubject(e -> "s").parse(json(body), new byte[0]);

        assertThat(rekeyed.key()).isEqualTo("custom-RAMP_WIDGET.V1.SESSION.CLOSED");
        assertThat(resubjected.key()).isEqualTo(plain.key());
        assertThat(zbd.withDedupKey(e -> "k").id()).isEqualTo("zbd");
        assertThat(zbd.withSubject(e -> "s").shortName("RAMP_WIDGET.V1.SESSION.CLOSED")).isEqualTo("SESSION.CLOSED");
        assertThatThrownBy(() -> zbd.withDedupKey(e -> null).parse(json(body), new byte[0]))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dedup key rule returned null");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String body) throws Exception {
        return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body);
    }

    private static final class ZbdRampSubject {
        static Optional<String> of(WebhookEvent<?> event) {
            return dev.ramphook.zbd.ZbdRamp.provider().subject(event);
        }
    }

    private static final class MeCashSubject {
        static Optional<String> of(WebhookEvent<?> event) {
            return dev.ramphook.mecash.MeCash.provider().subject(event);
        }
    }
}
