package dev.ramphook.zbd;

import static dev.ramphook.testing.Payloads.ZBD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How ZbdRamp names, types and tolerates deliveries beyond the documented examples. */
class ZbdRampTest {

    private final ZbdRamp zbd = ZbdRamp.provider();

    @Test
    void isIdentifiedAsZbd() {
        assertThat(zbd.id()).isEqualTo("zbd");
        assertThat(ZbdRamp.provider()).isSameAs(zbd);
    }

    @Test
    void serviceLoaderFindsIt() {
        assertThat(ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::type))
                .contains(ZbdRamp.class);
    }

    @Test
    void eventTypesMapsTheSeventeenDocumentedEventsToTheirData() {
        Map<String, Class<?>> types = zbd.eventTypes();

        assertThat(types).hasSize(17);
        assertThat(types.keySet()).allMatch(name -> name.startsWith("RAMP_WIDGET.V1."));
        assertThat(types.values().stream().filter(ZbdSession.class::equals)).hasSize(11);
        assertThat(types).containsEntry("RAMP_WIDGET.V1.USER_ACCESS_TOKEN.CREATED", ZbdAccessToken.class)
                .containsEntry("RAMP_WIDGET.V1.PAYMENT.INITIATED", ZbdPayment.class)
                .containsEntry("RAMP_WIDGET.V1.PAYMENT.SETTLED", ZbdPayment.class)
                .containsEntry("RAMP_WIDGET.V1.PAYMENT.FAILED", ZbdPayment.class)
                .containsEntry("RAMP_WIDGET.V1.WITHDRAWAL.SUCCEEDED", ZbdWithdrawal.class)
                .containsEntry("RAMP_WIDGET.V1.WITHDRAWAL.FAILED", ZbdWithdrawal.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "RAMP_WIDGET.V1.PAYMENT.SETTLED, PAYMENT.SETTLED",
        "RAMP_WIDGET.V1.X,               X",
        "RAMP_WIDGET.V2.PAYMENT.SETTLED, RAMP_WIDGET.V2.PAYMENT.SETTLED",
        "ramp_widget.v1.payment.settled, ramp_widget.v1.payment.settled",
        "ramp.purchase.completed,        ramp.purchase.completed",
        "RAMP_WIDGET.V1.,                RAMP_WIDGET.V1.",
    })
    void shortNameStripsOnlyTheExactNamespace(String name, String shortName) {
        assertThat(zbd.shortName(name)).isEqualTo(shortName);
    }

    @Test
    void undocumentedEventParsesWithItsDataObjectAsData() throws Exception {
        WebhookEvent<?> event = ZBD.parse("unknown-event.json");

        assertThat(event.name()).isEqualTo("RAMP_WIDGET.V1.PAYMENT.REFUNDED");
        assertThat(event.shortName()).isEqualTo("PAYMENT.REFUNDED");
        assertThat(event.key()).isEqualTo("RAMP_WIDGET.V1.PAYMENT.REFUNDED:sess_abc123xyz789:2025-01-19T09:00:00Z");
        assertThat(event.occurredAt()).contains(Instant.parse("2025-01-19T09:00:00Z"));
        assertThat(event.data()).isInstanceOf(JsonNode.class).isSameAs(event.json().get("data"));
    }

    @Test
    void evtEnvelopeTakesItsNameFromTypeAndItsKeyFromId() throws Exception {
        WebhookEvent<?> event = ZBD.parse("evt-envelope.json");

        assertThat(event.name()).isEqualTo("ramp.purchase.completed");
        assertThat(event.shortName()).isEqualTo("ramp.purchase.completed");
        assertThat(event.key()).isEqualTo("evt_01HQ3ZB4K7Q8RAMP0001");
        assertThat(event.occurredAt()).contains(Instant.parse("2025-02-03T14:22:05Z"));
        assertThat(((JsonNode) event.data()).path("amount").asText()).isEqualTo("50.00");
    }

    @Test
    void extraFieldsAreIgnoredAndMetadataKeepsItsJsonTypes() throws Exception {
        WebhookEvent<?> event = ZBD.parse("extra-fields.json");

        ZbdPayment payment = (ZbdPayment) event.data();
        assertThat(payment).isEqualTo(new ZbdPayment("user@example.com", "sess_extra001", new BigDecimal("250.50"),
                "EUR", new BigDecimal("0.00412345"), "BTC", payment.metadata()));
        assertThat(payment.metadata()).containsExactly(
                Map.entry("customer_id", "cust_123"),
                Map.entry("tier", 3L),
                Map.entry("ratio", new BigDecimal("0.125")),
                Map.entry("vip", true),
                new java.util.AbstractMap.SimpleEntry<>("note", null),
                Map.entry("tags", List.of("a", "b")),
                Map.entry("nested", Map.of("k", "v")));
    }

    @Test
    void createdAtWithAnOffsetAndNineFractionDigitsIsExact() throws Exception {
        WebhookEvent<?> event = ZBD.parse("extra-fields.json");

        assertThat(event.occurredAt()).contains(Instant.parse("2025-01-18T11:05:00.123456789Z"));
        assertThat(event.key()).endsWith(":2025-01-18T11:05:00.123456789Z"); // the instant, not its spelling
    }

    @Test
    void amountsSentAsJsonNumbersStayExact() throws Exception {
        ZbdPayment payment = (ZbdPayment) ZBD.parse("amounts-as-numbers.json").data();

        assertThat(payment.baseAmount()).isEqualTo(new BigDecimal("100.10"));
        assertThat(payment.quoteAmount()).isEqualTo(new BigDecimal("0.00250001"));
    }

    @Test
    void fieldsOfAnotherShapeLeaveTheEventUntypedNeverATypedRecordWithNulls() throws Exception {
        WebhookEvent<?> event = ZBD.parse("odd-shapes.json");

        assertThat(event.data()).isInstanceOf(JsonNode.class).isSameAs(event.json().get("data"));
        assertThat(event.occurredAt()).isEmpty();
        assertThat(event.key()).startsWith("json-sha256:"); // created_at is no instant: the canonical body hash
    }

    @Test
    void amountThatIsNoNumberLeavesThePaymentUntyped() throws Exception {
        WebhookEvent<?> event = ZBD.parse("payment-settled-amount-not-a-number.json");

        assertThat(event.data()).isInstanceOf(JsonNode.class).isSameAs(event.json().get("data"));
        assertThat(event.name()).isEqualTo("RAMP_WIDGET.V1.PAYMENT.SETTLED");
    }

    @Test
    void paymentWithoutASessionIdIsUntyped() throws Exception {
        assertThat(ZBD.parse("missing-session-id.json").data()).isInstanceOf(JsonNode.class);
    }

    @Test
    void withdrawalWithoutAPaymentHashIsTypedWithAnEmptyOne() throws Exception {
        ZbdWithdrawal failed = (ZbdWithdrawal) ZBD.parse("withdrawal-failed.json").data();

        assertThat(failed.paymentHash()).isEmpty();
        assertThat(failed.baseAmount()).isNotNull();
    }

    @Test
    void documentedEventWithoutADataObjectIsDeliveredAsTheWholeDocument() throws Exception {
        WebhookEvent<?> event = ZBD.parse("no-data.json");

        assertThat(event.name()).isEqualTo("RAMP_WIDGET.V1.KYC.COMPLETED");
        assertThat(event.data()).isSameAs(event.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-event-name.json", "blank-event-name.json", "numeric-event-name.json"})
    void documentWithoutATextEventNameIsInvalid(String file) {
        assertThatThrownBy(() -> ZBD.parse(file))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("missing event name");
    }

    @Test
    void metadataIsUnmodifiable() throws Exception {
        ZbdPayment payment = (ZbdPayment) ZBD.parse("payment-settled.json").data();

        assertThatThrownBy(() -> payment.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadataGivenToARecordIsCopiedAndStaysEqualToTheOriginal() throws Exception {
        ZbdPayment parsed = (ZbdPayment) ZBD.parse("payment-settled.json").data();
        java.util.Map<String, Object> mine = new java.util.LinkedHashMap<>(parsed.metadata());
        ZbdPayment made = new ZbdPayment(parsed.email(), parsed.sessionId(), parsed.baseAmount(),
                parsed.baseCurrency(), parsed.quoteAmount(), parsed.quoteCurrency(), mine);
        mine.put("later", "change");

        assertThat(made.metadata()).isEqualTo(parsed.metadata()).doesNotContainKey("later");
        assertThat(made).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThatThrownBy(() -> made.metadata().remove("source")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> parsed.metadata().entrySet().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"metadata\":\"cust_123\"|false", "\"metadata\":[1]|false", "\"metadata\":7|false",
            "\"metadata\":{}|true", "\"metadata\":null|true", "\"no_metadata\":1|true"})
    void metadataOfAnotherShapeLeavesThePaymentUntypedAndAnEmptyOrAbsentOneTypesIt(String member, boolean typed)
            throws Exception {
        String body = new String(ZBD.bytes("payment-settled.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"metadata\": \\{[^}]*\\}", java.util.regex.Matcher.quoteReplacement(member));

        WebhookEvent<?> event = ZBD.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(body).contains(member);
        if (typed) {
            assertThat(event.data()).isInstanceOfSatisfying(ZbdPayment.class,
                    payment -> assertThat(payment.metadata()).isEmpty());
        } else {
            assertThat(event.data()).isInstanceOf(JsonNode.class).isSameAs(event.json().get("data"));
        }
    }
}
