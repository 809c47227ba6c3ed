package dev.ramphook.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventKeysTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aShortPrintableKeyIsKeptAsItIs() {
        assertThat(EventKeys.bounded("ramp.payout.completed:tx-1")).isEqualTo("ramp.payout.completed:tx-1");
    }

    @Test
    void aLongKeyOrOneWithAControlCharacterIsHashedStably() {
        String longKey = "k".repeat(EventKeys.MAX_KEY_CHARS + 1);

        assertThat(EventKeys.bounded(longKey)).startsWith("sha256:").hasSize(7 + 64)
                .isEqualTo(EventKeys.bounded(longKey));
        assertThat(EventKeys.bounded("k".repeat(EventKeys.MAX_KEY_CHARS))).hasSize(EventKeys.MAX_KEY_CHARS);
        assertThat(EventKeys.bounded("a\u0000b")).startsWith("sha256:");
    }

    @Test
    void theCanonicalHashIgnoresWhitespaceKeyOrderEscapesAndNumberSpelling() throws Exception {
        JsonNode one = MAPPER.readTree("{\"b\": 1.50, \"a\": \"A\"}");
        JsonNode same = MAPPER.readTree("{\"a\":\"\\u0041\",\"b\":15e-1}");
        JsonNode other = MAPPER.readTree("{\"a\":\"A\",\"b\":1.6}");

        assertThat(EventKeys.canonicalHash(one)).startsWith("json-sha256:").isEqualTo(EventKeys.canonicalHash(same))
                .isNotEqualTo(EventKeys.canonicalHash(other));
    }

    @Test
    void aSubjectIsAnIdStringOrIntegerAndEmptyOtherwise() throws Exception {
        JsonNode data = MAPPER.readTree("{\"s\":\"sess_1\",\"n\":42,\"blank\":\" \",\"obj\":{}}");

        assertThat(EventKeys.subject(data, "s")).hasValue("sess_1");
        assertThat(EventKeys.subject(data, "n")).hasValue("42");
        assertThat(EventKeys.subject(data, "blank")).isEmpty();
        assertThat(EventKeys.subject(data, "obj")).isEmpty();
        assertThat(EventKeys.subject(null, "s")).isEmpty();
    }
}
