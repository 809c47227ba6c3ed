package dev.ramphook.mecash;

import static dev.ramphook.testing.Payloads.MECASH;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two deliveries are the same meCash event exactly when their keys are equal. */
class MeCashDedupKeyTest {

    @Test
    void byteIdenticalRedeliveryHasTheSameKey() throws Exception {
        for (String file : List.of("ramp-payout-completed-off-ramp.json", "ramp-payout-refund-envelope.json",
                "payout-completed.json", "ramp-payout-missing-id.json")) {
            assertThat(MECASH.parse(file).key()).as(file).isEqualTo(MECASH.parse(file).key());
        }
    }

    @Test
    void keyIsTheEventNameAndTransactionId() throws Exception {
        assertThat(MECASH.parse("payout-completed.json").key())
                .isEqualTo("payout.completed:a81e4c3b-2f6d-4b8e-9a10-000000000010");
    }

    @Test
    void aWebhookIdIsAppendedWhenTheEnvelopeHasOne() throws Exception {
        assertThat(MECASH.parse("ramp-payout-refund-envelope.json").key())
                .isEqualTo("ramp.payout.refund:3f1c9a20-6b7e-4d2a-9c41-000000000004:wh_7d0c2b1e9f");
        assertThat(MECASH.parse("transaction-other-page-shape.json").key())
                .isEqualTo("payout.failed:txn_123456789:webhook_123456789");
    }

    @Test
    void eventsOfOneTransactionHaveDifferentKeys() throws Exception {
        List<String> keys = List.of(
                MECASH.parse("ramp-payout-completed-off-ramp.json").key(),
                MECASH.parse("ramp-payout-failed-nine-digit-fraction.json").key(),
                MECASH.parse("ramp-payout-pending-fees-array.json").key(),
                MECASH.parse("ramp-payout-refund-envelope.json").key(),
                MECASH.parse("payout-completed.json").key(),
                MECASH.parse("collection-failed.json").key(),
                MECASH.parse("virtualaccount-completed.json").key());

        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void withoutATransactionIdTheKeyIsAHashOfTheParsedDocument() throws Exception {
        assertThat(MECASH.parse("ramp-payout-missing-id.json").key())
                .startsWith("json-sha256:").hasSize("json-sha256:".length() + 64);
    }

    @Test
    void withoutATransactionIdKeyOrderWhitespaceAndNumberSpellingDoNotMakeANewEvent() throws Exception {
        assertThat(MECASH.parse("ramp-payout-missing-id-with-amounts-reformatted.json").key())
                .isEqualTo(MECASH.parse("ramp-payout-missing-id-with-amounts.json").key())
                .isNotEqualTo(MECASH.parse("ramp-payout-missing-id.json").key());
    }

    @Test
    void aNumericTransactionIdIsTheSameIdAsItsText() throws Exception {
        byte[] text = "{\"event\":\"payout.completed\",\"data\":{\"id\":\"123456\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] number = "{\"event\":\"payout.completed\",\"data\":{\"id\":123456}}".getBytes(StandardCharsets.UTF_8);

        assertThat(MECASH.parse(number).key()).isEqualTo(MECASH.parse(text).key())
                .isEqualTo("payout.completed:123456");
    }
}
