package dev.ramphook.zbd;

import static dev.ramphook.testing.Payloads.ZBD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two deliveries are the same ZBD event exactly when their keys are equal. */
class ZbdDedupKeyTest {

    private static final List<String> SEEDS = List.of("session-initiated.json", "session-closed.json",
            "code-verification-succeeded.json", "code-verification-failed.json", "user-access-token-created.json",
            "kyc-initiated.json", "kyc-processing.json", "kyc-completed.json", "kyc-rejected.json",
            "bank-connection-initiated.json", "bank-connection-completed.json", "bank-connection-failed.json",
            "payment-initiated.json", "payment-settled.json", "payment-failed.json", "withdrawal-succeeded.json",
            "withdrawal-failed.json");

    @Test
    void byteIdenticalRedeliveryHasTheSameKey() throws Exception {
        for (String file : SEEDS) {
            assertThat(ZBD.parse(file).key()).as(file).isEqualTo(ZBD.parse(file).key());
        }
        assertThat(ZBD.parse("missing-session-id.json").key())
                .isEqualTo(ZBD.parse("missing-session-id.json").key());
    }

    @Test
    void everyEventOfOneSessionHasItsOwnKey() throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        for (String file : SEEDS) {
            keys.add(ZBD.parse(file).key());
        }
        assertThat(keys).doesNotHaveDuplicates().hasSize(17);
    }

    @Test
    void createdAtIsKeyedAsAnInstantWhateverItsSpelling() throws Exception {
        String key = ZBD.parse("payment-settled.json").key();

        assertThat(key).isEqualTo("RAMP_WIDGET.V1.PAYMENT.SETTLED:sess_abc123xyz789:2025-01-18T11:05:00Z");
        assertThat(ZBD.parse("payment-settled-created-at-millis.json").key()).isEqualTo(key);
        assertThat(ZBD.parse("payment-settled-created-at-offset.json").key()).isEqualTo(key);
    }

    @Test
    void withoutASessionIdTheKeyIsAHashOfTheParsedDocument() throws Exception {
        WebhookEvent<?> event = ZBD.parse("missing-session-id.json");

        assertThat(event.key()).startsWith("json-sha256:").hasSize("json-sha256:".length() + 64);
    }

    @Test
    void withoutASessionIdWhitespaceKeyOrderAndEscapesDoNotMakeANewEvent() throws Exception {
        assertThat(ZBD.parse("missing-session-id-reformatted.json").key())
                .isEqualTo(ZBD.parse("missing-session-id.json").key());
    }

    @Test
    void withoutASessionIdADifferentValueIsADifferentEvent() throws Exception {
        byte[] raw = ZBD.bytes("missing-session-id.json");
        byte[] otherAmount = new String(raw, StandardCharsets.UTF_8).replace("100.00", "100.01")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ZBD.parse(otherAmount).key()).isNotEqualTo(ZBD.parse(raw).key());
    }

    @Test
    void anEnvelopeIdIsTheKey() throws Exception {
        assertThat(ZBD.parse("evt-envelope.json").key()).isEqualTo("evt_01HQ3ZB4K7Q8RAMP0001");
    }

    @Test
    void aVeryLongKeyIsHashedSoStoresCanBoundTheirKeyColumn() throws Exception {
        String longId = "evt_" + "x".repeat(500);
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("id", longId).put("type", "ramp.purchase.completed");
        byte[] raw = json.toString().getBytes(StandardCharsets.UTF_8);

        String key = ZbdRamp.provider().parse(json, raw).key();

        assertThat(key).isEqualTo("sha256:" + sha256Hex(longId.getBytes(StandardCharsets.UTF_8))).hasSize(71);
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
