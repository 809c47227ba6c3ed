package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import org.junit.jupiter.api.Test;

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

        JsonNode events = JSON.readTree(log.toJson());

        assertThat(events.size()).isEqualTo(EventLog.KEPT);
        assertThat(events.get(0).path("key").asText()).isEqualTo("ramp.payout.completed:tx-5");
        assertThat(events.get(EventLog.KEPT - 1).path("data").path("id").asText()).isEqualTo("tx-" + (EventLog.KEPT + 4));
    }
}
