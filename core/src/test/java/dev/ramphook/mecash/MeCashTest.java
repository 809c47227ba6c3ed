package dev.ramphook.mecash;

import static dev.ramphook.testing.Payloads.MECASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How MeCash names, types and tolerates deliveries beyond the documented examples. */
class MeCashTest {

    private final MeCash meCash = MeCash.provider();

    @Test
    void isIdentifiedAsMecashAndFoundByServiceLoader() {
        assertThat(meCash.id()).isEqualTo("mecash");
        assertThat(ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::type))
                .contains(MeCash.class);
    }

    @Test
    void eventTypesMapRampPayoutsAndFiatEvents() {
        assertThat(meCash.eventTypes()).hasSize(11)
                .containsEntry("ramp.payout.completed", MeCashPayout.class)
                .containsEntry("ramp.payout.failed", MeCashPayout.class)
                .containsEntry("ramp.payout.pending", MeCashPayout.class)
                .containsEntry("ramp.payout.refund", MeCashPayout.class)
                .containsEntry("payout.completed", MeCashFiatTransaction.class)
                .containsEntry("payout.failed", MeCashFiatTransaction.class)
                .containsEntry("payout.pending", MeCashFiatTransaction.class)
                .containsEntry("collection.completed", MeCashFiatTransaction.class)
                .containsEntry("collection.failed", MeCashFiatTransaction.class)
                .containsEntry("virtualaccount.completed", MeCashFiatTransaction.class)
                .containsEntry("virtualaccount.failed", MeCashFiatTransaction.class);
    }

    @Test
    void nineDigitFractionsAndEightDecimalAmountsAreExact() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-failed-nine-digit-fraction.json");

        MeCashPayout payout = (MeCashPayout) event.data();
        assertThat(payout.created()).isEqualTo(LocalDateTime.of(2025, 3, 2, 8, 15, 0, 123_456_789));
        assertThat(payout.processed()).contains(LocalDateTime.of(2025, 3, 2, 8, 15, 42, 987_654_321));
        assertThat(event.occurredAt()).contains(Instant.parse("2025-03-02T08:15:42.987654321Z"));
        assertThat(payout.quote()).contains(new MeCashPayout.Quote("9e2d7c11-1a2b-4c3d-8e9f-000000000002",
                new MeCashPayout.Asset("CRYPTOCURRENCY", "USDT", Optional.of("USDT"), new BigDecimal("25.12345678"),
                        Optional.of("TRON"), Optional.empty(), Optional.empty()),
                new MeCashPayout.Asset("FIAT", "KES", Optional.empty(), new BigDecimal("3241.50"), Optional.empty(),
                        Optional.of("KE"), Optional.of("MOBILE_MONEY")),
                new BigDecimal("129.0312"),
                List.of(new MeCashPayout.Fee("SERVICE", new BigDecimal("0.25"), Optional.empty()),
                        new MeCashPayout.Fee("GAS", new BigDecimal("0.00000001"), Optional.of("LOW"))),
                new BigDecimal("25.37345679")));
    }

    @Test
    void mobileMoneyRecipientIsAFiatRecipient() throws Exception {
        MeCashPayout payout = (MeCashPayout) MECASH.parse("ramp-payout-failed-nine-digit-fraction.json").data();

        assertThat(payout.state()).isEqualTo("FAILED");
        Optional<String> empty = Optional.of("");
        assertThat(payout.recipient()).contains(new MeCashRecipient.Fiat("Wanjiku Kamau", "INDIVIDUAL",
                Optional.of("MOBILE_MONEY"), Optional.of("KES"), Optional.of("KE"), empty, empty, empty,
                Optional.of(new MeCashRecipient.Account(empty, empty, "254712345678", empty, Optional.of("MPESA"),
                        empty, empty, empty))));
    }

    @Test
    void feesAsAnArrayAreOneFeePerElement() throws Exception {
        MeCashPayout payout = (MeCashPayout) MECASH.parse("ramp-payout-pending-fees-array.json").data();

        MeCashPayout.Quote quote = payout.quote().orElseThrow();
        assertThat(quote.fees()).containsExactly(
                new MeCashPayout.Fee("SERVICE", new BigDecimal("0.05"), Optional.empty()),
                new MeCashPayout.Fee("GAS", new BigDecimal("0.01"), Optional.empty()));
        assertThat(quote.rate()).isEqualTo(new BigDecimal("1"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("10.56"));
        assertThat(payout.recipient()).contains(new MeCashRecipient.Wallet(
                "0x4b20993bc481177ec7e8f571cecae8a9e22c02db", Optional.of("Treasury"), "BASE", Optional.of("ETH")));
    }

    @Test
    void anAmountSentAsAStringIsStillExact() throws Exception {
        MeCashPayout payout = (MeCashPayout) MECASH.parse("ramp-payout-pending-fees-array.json").data();

        assertThat(payout.quote().orElseThrow().source().amount()).isEqualTo(new BigDecimal("10.50"));
        assertThat(payout.quote().orElseThrow().target().amount()).isEqualTo(new BigDecimal("10.50"));
    }

    @Test
    void unprocessedPayoutHasNoProcessedTimeAndOccurredWhenCreated() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-pending-fees-array.json");

        assertThat(((MeCashPayout) event.data()).processed()).isEmpty();
        assertThat(event.occurredAt()).contains(Instant.parse("2025-03-02T09:00:00Z"));
    }

    @Test
    void envelopeTimestampWithAZoneIsWhenItOccurred() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-refund-envelope.json");

        assertThat(event.occurredAt()).contains(Instant.parse("2025-03-03T10:05:01Z"));
        MeCashPayout payout = (MeCashPayout) event.data();
        assertThat(payout).isEqualTo(new MeCashPayout("3f1c9a20-6b7e-4d2a-9c41-000000000004", Optional.of("SEND"),
                Optional.of("OFF_RAMP"), "REFUNDED", Optional.of("YQXUA0RFND00004"), Optional.empty(),
                Optional.empty(), LocalDateTime.of(2025, 3, 3, 10, 0, 0, 500_000_000),
                Optional.of(LocalDateTime.of(2025, 3, 3, 10, 5, 0, 250_000_000))));
    }

    @Test
    void zoneLessEnvelopeTimestampIsTakenAsUtc() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-category-missing.json");

        assertThat(event.occurredAt()).contains(Instant.parse("2025-03-04T12:00:31.5Z"));
    }

    @Test
    void epochSecondsEnvelopeTimestampIsWhenItOccurred() throws Exception {
        WebhookEvent<?> event = MECASH.parse("virtualaccount-completed.json");

        assertThat(event.occurredAt()).contains(Instant.ofEpochSecond(1743698711));
    }

    @Test
    void withoutACategoryTheRecipientFieldsDecideItsKind() throws Exception {
        MeCashPayout payout = (MeCashPayout) MECASH.parse("ramp-payout-category-missing.json").data();

        assertThat(payout.category()).isEmpty();
        assertThat(payout.recipient()).contains(new MeCashRecipient.Fiat("Ada Obi", "INDIVIDUAL",
                Optional.of("BANK_TRANSFER"), Optional.of("NGN"), Optional.of("NG"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void fiatPayoutLiftsItsCommonFieldsAndKeepsTheDataNode() throws Exception {
        WebhookEvent<?> event = MECASH.parse("payout-completed.json");

        MeCashFiatTransaction payout = (MeCashFiatTransaction) event.data();
        assertThat(payout).isEqualTo(new MeCashFiatTransaction("a81e4c3b-2f6d-4b8e-9a10-000000000010",
                Optional.of("SEND"), "COMPLETED", Optional.of("MCPAYOUT0000010"), new BigDecimal("150000.00"),
                Optional.of(new BigDecimal("50.00")), "NGN",
                Optional.of(LocalDateTime.of(2025, 4, 1, 9, 30, 0, 120_000_000)),
                Optional.of(LocalDateTime.of(2025, 4, 1, 9, 31, 12, 450_000)), event.json().get("data")));
        assertThat(payout.data().path("recipient").path("name").asText()).isEqualTo("Chinedu Okafor");
        assertThat(event.occurredAt()).contains(Instant.parse("2025-04-01T09:31:12.000450Z"));
    }

    @Test
    void fiatTransactionToStringLeavesOutTheDataNode() throws Exception {
        MeCashFiatTransaction payout = (MeCashFiatTransaction) MECASH.parse("payout-completed.json").data();

        assertThat(payout.toString()).contains("MCPAYOUT0000010").doesNotContain("0691234567", "Chinedu");
    }

    @Test
    void failedCollectionHasNoFeeAndNoProcessedTime() throws Exception {
        WebhookEvent<?> event = MECASH.parse("collection-failed.json");

        assertThat(event.data()).isEqualTo(new MeCashFiatTransaction("c0de4c3b-2f6d-4b8e-9a10-000000000011",
                Optional.of("FUNDING"), "FAILED", Optional.of("MCCOLL00000011"), new BigDecimal("2500.5"),
                Optional.empty(), "GHS", Optional.of(LocalDateTime.of(2025, 4, 2, 14, 0, 0, 500_000_000)),
                Optional.empty(), event.json().get("data")));
        assertThat(event.occurredAt()).contains(Instant.parse("2025-04-02T14:00:00.5Z"));
    }

    @Test
    void virtualAccountFundingIsAFiatTransaction() throws Exception {
        MeCashFiatTransaction funding = (MeCashFiatTransaction) MECASH.parse("virtualaccount-completed.json").data();

        assertThat(funding.id()).isEqualTo("7a11e4c3-2f6d-4b8e-9a10-000000000012");
        assertThat(funding.state()).isEqualTo("COMPLETED");
        assertThat(funding.amount()).isEqualTo(new BigDecimal("1000000"));
        assertThat(funding.currency()).isEqualTo("NGN");
        assertThat(funding.processed()).contains(LocalDateTime.of(2025, 4, 3, 16, 45, 11, 654_321_000));
    }

    @Test
    void transactionIdStatusAndStringAmountOfTheOtherDocumentedShapeAreRead() throws Exception {
        WebhookEvent<?> event = MECASH.parse("transaction-other-page-shape.json");

        MeCashFiatTransaction payout = (MeCashFiatTransaction) event.data();
        assertThat(payout.id()).isEqualTo("txn_123456789");
        assertThat(payout.state()).isEqualTo("failed");
        assertThat(payout.amount()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(payout.currency()).isEqualTo("USD");
        assertThat(event.occurredAt()).contains(Instant.parse("2024-01-01T12:05:00Z"));
    }

    @Test
    void createdWithAZoneParsesAsOccurredAtDoes() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-created-with-zone.json");

        MeCashPayout payout = (MeCashPayout) event.data();
        assertThat(payout.created()).isEqualTo(LocalDateTime.of(2025, 1, 8, 12, 23, 51, 908_663_000));
        assertThat(event.occurredAt()).contains(Instant.parse("2025-01-08T12:23:51.908663Z"));
    }

    @Test
    void amountThatIsNoNumberLeavesThePayoutUntyped() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-amount-not-a-number.json");

        assertThat(event.data()).isInstanceOf(JsonNode.class).isSameAs(event.json().get("data"));
        assertThat(event.key()).isEqualTo("ramp.payout.completed:3f1c9a20-6b7e-4d2a-9c41-000000000007");
    }

    @Test
    void payoutWithoutItsCreatedTimeIsUntyped() throws Exception {
        assertThat(MECASH.parse("ramp-payout-missing-id.json").data()).isInstanceOf(JsonNode.class);
        byte[] noCreated = "{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"p-1\",\"state\":\"COMPLETED\"}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(MECASH.parse(noCreated).data()).isInstanceOf(JsonNode.class);
    }

    @Test
    void fiatTransactionWithAFeeThatIsNoNumberIsUntyped() throws Exception {
        byte[] body = ("{\"event\":\"payout.completed\",\"data\":{\"id\":\"t-1\",\"state\":\"COMPLETED\","
                + "\"amount\":10,\"currency\":\"NGN\",\"fee\":\"fifty\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(MECASH.parse(body).data()).isInstanceOf(JsonNode.class);
    }

    @Test
    void undocumentedEventParsesWithItsDataObjectAsData() throws Exception {
        WebhookEvent<?> event = MECASH.parse("unknown-event.json");

        assertThat(event.name()).isEqualTo("customer.created");
        assertThat(event.shortName()).isEqualTo("customer.created");
        assertThat(event.data()).isInstanceOf(JsonNode.class).isSameAs(event.json().get("data"));
        assertThat(event.occurredAt()).contains(Instant.parse("2025-04-04T08:00:00.000000001Z"));
    }

    @Test
    void documentedEventWhoseDataIsNotAnObjectIsDeliveredAsTheWholeDocument() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-data-not-object.json");

        assertThat(event.data()).isSameAs(event.json());
        assertThat(event.occurredAt()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-event-name.json", "blank-event-name.json", "object-event-name.json"})
    void documentWithoutATextEventNameIsInvalid(String file) {
        assertThatThrownBy(() -> MECASH.parse(file))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("missing event name");
    }
}
