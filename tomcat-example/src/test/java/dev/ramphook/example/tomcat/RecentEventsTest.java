package dev.ramphook.example.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import org.junit.jupiter.api.Test;

/** The WAR's {@code /events}: masked by the library's rule, every text bounded. */
class RecentEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dataIsMaskedAndNamesAndKeysAreBounded() throws Exception {
        String huge = "E".repeat(512 * 1024);
        ObjectNode data = JSON.createObjectNode().put("session_id", "s-war").put("access_token", "war-secret-1")
                .put("callback", "https://shop.example/cb?token=war-secret-2").put("card", "4111111111111111");
        data.putObject("wallet").put("seed_phrase", "war secret three").put("privateKey", "war-secret-4");
        ObjectNode json = JSON.createObjectNode().put("event", huge);
        json.set("data", data);

        RecentEvents.add(new WebhookEvent<>("zbd", huge, huge, huge + ":k", null, data, json));
        String shown = RecentEvents.toJson();

        assertThat(shown).doesNotContain("war-secret-1").doesNotContain("war-secret-2")
                .doesNotContain("war secret three").doesNotContain("war-secret-4").doesNotContain("4111111111111111")
                .contains("s-war");
        assertThat(shown.length()).isLessThan(RecentEvents.MAX_DATA_CHARS);
        JsonNode all = JSON.readTree(shown);
        assertThat(all.get(all.size() - 1).path("event").asText()).endsWith("… (524288 characters)");
    }
}
