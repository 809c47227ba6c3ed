package dev.ramphook.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ramphook.WebhookEvent;
import dev.ramphook.store.StoredEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Provider values in log lines: escaped, so a newline cannot forge a line, and bounded in length. */
class PrintableTest {

    @Test
    void newlinesAndOtherControlCharactersAreEscaped() {
        assertThat(Printable.of("sess_1\n2025-01-01 INFO forged line\r\t\u001b[31m"))
                .isEqualTo("sess_1\\n2025-01-01 INFO forged line\\r\\t\\u001b[31m");
    }

    @Test
    void longTextIsCutSayingHowMuchWasLeftOut() {
        String printable = Printable.of("E".repeat(500_000));

        assertThat(printable).startsWith("E".repeat(Printable.MAX_CHARS)).endsWith("…(499800 more chars)");
        assertThat(printable.length()).isLessThan(Printable.MAX_CHARS + 30);
    }

    @Test
    void ordinaryTextIsUnchanged() {
        assertThat(Printable.of("RAMP_WIDGET.V1.PAYMENT.SETTLED")).isEqualTo("RAMP_WIDGET.V1.PAYMENT.SETTLED");
        assertThat(Printable.of(null)).isEqualTo("null");
    }

    @Test
    void anEventWithANewlineInItsKeyPrintsAsOneLine() {
        WebhookEvent<?> event = new WebhookEvent<>("zbd", "X".repeat(10_000), "X", "key\nforged", null,
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode());

        assertThat(event.toString()).doesNotContain("\n").contains("key\\nforged").hasSizeLessThan(600);
    }

    @Test
    void aStoredEventPrintsItsKeyAndLastErrorAsOneLine() {
        StoredEvent stored = new StoredEvent("zbd", "k\nforged", "N", "/w", new byte[0], Map.of(), Instant.EPOCH,
                1, Set.of(), "handler said\nERROR forged");

        assertThat(stored.toString()).doesNotContain("\n").contains("k\\nforged").contains("said\\nERROR");
    }
}
