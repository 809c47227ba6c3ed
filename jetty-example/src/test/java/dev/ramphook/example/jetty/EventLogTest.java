package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /events keeps the latest invocations only, so a long-running example does not fill its heap. */
class EventLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsTheLatestInvocationsInOrderAndForgetsTheOldest() throws Exception {
        EventLog log = new EventLog(null);
        for (int i = 0; i < EventLog.KEPT + 5; i++) {
            ObjectNode json = JSON.createObjectNode().put("event", "ramp.payout.completed");
            json.putObject("data").put("id", "tx-" + i);
            log.add(new WebhookEvent<>("mecash", "ramp.payout.completed", "ramp.payout.completed",
                    "ramp.payout.completed:tx-" + i, null, json.get("data"), json));
        }

        JsonNode events = JSON.readTree(log.page(EventLog.KEPT, Long.MAX_VALUE, Integer.MAX_VALUE));

        assertThat(events.size()).isEqualTo(EventLog.KEPT);
        assertThat(events.get(0).path("key").asText()).isEqualTo("ramp.payout.completed:tx-5");
        assertThat(events.get(EventLog.KEPT - 1).path("data").path("id").asText()).isEqualTo("tx-" + (EventLog.KEPT + 4));
    }

    /**
     * A delivery only records what its entry will show; GET /events renders and masks it when read (issue 21: the
     * example's workers spent 78% of their samples rendering and masking every event for a page rarely read). Counted
     * in allocated bytes per delivery, not timed: rendering and masking a 0.3 KB event allocates kilobytes.
     */
    @Test
    void aDeliveryRecordsItsEntryWithoutRenderingIt() throws Exception {
        EventLog log = new EventLog(null);
        ObjectNode data = (ObjectNode) JSON.readTree("{\"id\":\"8b1e9d6c-4a8f-4d1e-9b1a-2f6c2f1e7a11\","
                + "\"unit\":\"msats\",\"amount\":\"156000\",\"status\":\"completed\",\"internalId\":\"11af01d0\","
                + "\"description\":\"Payment for order 4411\",\"createdAt\":\"2026-12-06T16:30:00Z\","
                + "\"callbackUrl\":\"https://example.com/webhooks/zbd?ref=4411\",\"processedAt\":null}");
        WebhookEvent<?> event = event("RAMP_WIDGET.V1.SESSION.CLOSED", data);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            log.add(event);
        }
        int adds = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < adds; i++) {
            log.add(event);
        }
        long perAdd = (threads.getCurrentThreadAllocatedBytes() - before) / adds;

        assertThat(perAdd).isLessThan(200);
        assertThat(JSON.readTree(log.page(1, Long.MAX_VALUE, Integer.MAX_VALUE)).get(0).path("data"))
                .isEqualTo(data);
    }

    private static WebhookEvent<?> event(String name, ObjectNode data) {
        ObjectNode json = JSON.createObjectNode().put("event", name);
        json.set("data", data);
        return new WebhookEvent<>("zbd", name, name, name + ":" + data.path("session_id").asText(), null, data, json);
    }

    @Test
    void pagesAreTheLatestEntriesBeforeASequenceNumberOldestFirst() throws Exception {
        EventLog log = new EventLog(null);
        for (int i = 1; i <= 5; i++) {
            log.add(event("RAMP_WIDGET.V1.SESSION.CLOSED", JSON.createObjectNode().put("session_id", "s-" + i)));
        }

        JsonNode latest = JSON.readTree(log.page(2, Long.MAX_VALUE, Integer.MAX_VALUE));
        JsonNode before = JSON.readTree(log.page(2, latest.get(0).path("seq").asLong(), Integer.MAX_VALUE));

        assertThat(latest).extracting(e -> e.path("data").path("session_id").asText()).containsExactly("s-4", "s-5");
        assertThat(before).extracting(e -> e.path("data").path("session_id").asText()).containsExactly("s-2", "s-3");
    }

    @Test
    void aPageStopsAtItsSizeBoundButAlwaysHoldsOneEntry() throws Exception {
        EventLog log = new EventLog(null);
        for (int i = 1; i <= 5; i++) {
            log.add(event("RAMP_WIDGET.V1.SESSION.CLOSED", JSON.createObjectNode().put("session_id", "s-" + i)));
        }

        assertThat(JSON.readTree(log.page(100, Long.MAX_VALUE, 1)).size()).isEqualTo(1);
        assertThat(log.page(100, Long.MAX_VALUE, 400).length()).isLessThanOrEqualTo(400);
    }

    @Test
    void largeDataIsShownAsItsSize() throws Exception {
        EventLog log = new EventLog(null);
        log.add(event("RAMP_WIDGET.V1.SESSION.CLOSED", JSON.createObjectNode().put("session_id", "s-1")
                .put("pad", "x".repeat(EventLog.MAX_DATA_CHARS))));

        JsonNode shown = JSON.readTree(log.page(1, Long.MAX_VALUE, Integer.MAX_VALUE)).get(0).path("data");

        assertThat(shown.path("omitted").asText()).startsWith("data of ");
        assertThat(shown.has("pad")).isFalse();
    }

    @Test
    void tokensSecretsAndAccountNumbersAreMaskedAtAnyDepth() throws Exception {
        ObjectNode data = JSON.createObjectNode().put("access_token", "eyJ-secret").put("access_token_id", "tok_1")
                .put("refresh_token", "eyJ-refresh");
        data.putObject("recipient").put("accountNumber", "0123456789").put("apiKey", "k");
        data.putArray("more").addObject().put("client_secret", "s");

        EventLog log = new EventLog(null);
        log.add(event("RAMP_WIDGET.V1.SESSION.CLOSED", data));
        JsonNode masked = JSON.readTree(log.page(1, Long.MAX_VALUE, Integer.MAX_VALUE)).get(0).path("data");

        assertThat(masked.path("access_token").asText()).isEqualTo("***");
        assertThat(masked.path("refresh_token").asText()).isEqualTo("***");
        assertThat(masked.path("access_token_id").asText()).isEqualTo("tok_1");
        assertThat(masked.path("recipient").path("accountNumber").asText()).isEqualTo("****6789");
        assertThat(masked.path("recipient").path("apiKey").asText()).isEqualTo("***");
        assertThat(masked.path("more").get(0).path("client_secret").asText()).isEqualTo("***");
        assertThat(data.path("access_token").asText()).isEqualTo("eyJ-secret"); // the event itself is untouched
    }

    /** The list: what the console masked and /events and EVENT_LOG kept, in the page and in the file. */
    @Test
    void eventsAndTheEventLogMaskWhatTheConsoleMasks(@TempDir Path dir) throws Exception {
        List<String> secrets = List.of("u-tok-1", "u-code-2", "u-sig-3", "u-access-4", "xak-5", "pk-6", "sk-7",
                "sec-8", "seed words nine", "mnemonic words ten", "4321", "987", "4111111111111111");
        ObjectNode data = JSON.createObjectNode().put("session_id", "s-mask")
                .put("callback", "https://shop.example/cb?token=u-tok-1&code=u-code-2&sig=u-sig-3"
                        + "#access_token=u-access-4");
        data.putObject("wallet").put("x-api-key", "xak-5").put("privateKey", "pk-6").put("signing_key", "sk-7")
                .put("secret_key", "sec-8").put("seed_phrase", "seed words nine")
                .put("mnemonic", "mnemonic words ten");
        data.putArray("cards").addObject().put("pin", "4321").put("cvv", "987").put("number", "4111111111111111");
        Path file = dir.resolve("events.jsonl");

        EventLog log = new EventLog(file);
        log.add(event("RAMP_WIDGET.V1.SESSION.CLOSED", data));

        String page = log.page(1, Long.MAX_VALUE, Integer.MAX_VALUE);
        String line = Files.readString(file);
        for (String shown : List.of(page, line)) {
            secrets.forEach(secret -> assertThat(shown).as(secret).doesNotContain(secret));
            assertThat(shown).contains("token=***").contains("\"privateKey\":\"***\"").contains("****1111")
                    .contains("s-mask");
        }
    }

    @Test
    void everyStoredTextIsBoundedNotOnlyData(@TempDir Path dir) throws Exception {
        String huge = "E".repeat(512 * 1024);
        ObjectNode data = JSON.createObjectNode().put("session_id", "s-huge");
        ObjectNode json = JSON.createObjectNode().put("event", huge);
        json.set("data", data);
        Path file = dir.resolve("events.jsonl");

        EventLog log = new EventLog(file);
        log.add(new WebhookEvent<>("zbd".repeat(1000), huge, huge, huge + ":k", null, data, json));

        String page = log.page(1, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertThat(page.length()).isLessThan(4 * EventLog.MAX_TEXT_CHARS + 500);
        assertThat(Files.size(file)).isLessThan(4 * EventLog.MAX_TEXT_CHARS + 500);
        JsonNode entry = JSON.readTree(page).get(0);
        assertThat(entry.path("event").asText()).startsWith("EEEE").endsWith("… (524288 characters)");
        assertThat(entry.path("key").asText()).endsWith("(524290 characters)");
        assertThat(entry.path("data").path("session_id").asText()).isEqualTo("s-huge");
    }

    @Test
    void providerValuesInHandlerLogLinesAreEscapedAndBounded() {
        assertThat(SampleHandlers.printable("sess_1\nINFO forged")).isEqualTo("sess_1\\u000aINFO forged");
        assertThat(SampleHandlers.printable("x".repeat(500_000))).hasSizeLessThan(260).endsWith("more chars)");
    }
}
