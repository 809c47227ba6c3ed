package dev.ramphook.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The recent-deliveries ring as the console shows it: refusals with status and reason, bounded, storeless. */
class ConsoleRecentDeliveriesTest {

    @AutoClose
    private final ConsoleApp app = new ConsoleApp();

    private JsonNode recent() throws Exception {
        return app.api("/ops/api/recent");
    }

    @Test
    void refusedDeliveriesAreShownWithTheirStatusAndStableReason() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "ok-1");
        app.post("/webhooks/shop", "application/json", "not json");
        app.post("/webhooks/signed?token=forged-value-123", "application/json", "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"x\"}");
        app.post("/webhooks/shop", "text/plain", "{}");

        List<String> outcomes = new ArrayList<>();
        recent().forEach(e -> outcomes.add(e.path("outcome").asText() + " " + e.path("status").asInt()));

        assertThat(outcomes).containsExactly("unsupported_media_type 415", "not_authenticated 401",
                "invalid_payload 400", "accepted 200");
        JsonNode refused = recent().get(1);
        assertThat(refused.path("refused").asBoolean()).isTrue();
        assertThat(refused.path("endpoint").asText()).isEqualTo("/webhooks/signed");
        assertThat(refused.path("reason").asText()).isNotBlank().doesNotContain("forged-value-123");
        assertThat(app.page("/ops/recent").body()).contains("not_authenticated").contains("invalid_payload");
    }

    @Test
    void aFloodOfForgedRequestsStaysInTheBoundedRingAndNeverReachesTheStore() throws Exception {
        int before = app.storeCalls.get();
        int sent = 1_100; // more than the ring keeps

        for (int i = 0; i < sent; i++) {
            app.post("/webhooks/signed?token=forged-" + i, "application/json", "{\"event\":\"SHOP.V1.ORDER.PAID\"}");
        }

        assertThat(app.storeCalls.get()).isEqualTo(before);
        JsonNode recent = app.api("/ops/api/recent?limit=1000");
        assertThat(recent).hasSize(1_000);
        assertThat(recent.findValuesAsText("outcome")).containsOnly("not_authenticated");
        JsonNode overview = app.api("/ops/api/overview");
        assertThat(overview.path("deliveriesSinceStart").asLong()).isEqualTo(sent);
        int refusedPerMinute = 0;
        for (JsonNode minute : overview.path("perMinute")) {
            refusedPerMinute += minute.path("refused").asInt();
        }
        assertThat(refusedPerMinute).isEqualTo(sent);
    }

    @Test
    void consoleRequestsAreNotDeliveriesAndDoNotEnterTheRing() throws Exception {
        app.page("/ops/");
        app.get("/ops/", null);

        assertThat(recent()).isEmpty();
    }
}
