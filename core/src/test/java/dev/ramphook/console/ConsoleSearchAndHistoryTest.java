package dev.ramphook.console;

import static dev.ramphook.console.ConsoleApp.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Finding an event the way an operator remembers it, and what an event shows of its earlier attempts. */
class ConsoleSearchAndHistoryTest {

    @AutoClose
    private final ConsoleApp app = new ConsoleApp();

    private void awaitDead(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> app.api("/ops/api/dead").size() == count);
    }

    private static int rows(String html, String keyPart) {
        Matcher m = Pattern.compile("key=[^\"]*" + Pattern.quote(keyPart)).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void eventsAreFoundByShortNameAndByPartOfTheirKey() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "order-1001");
        app.deliver("SHOP.V1.ORDER.FAILED", "order-1002");
        awaitDead(2);

        assertThat(app.api("/ops/api/events?name=ORDER.PAID").findValuesAsText("key"))
                .containsExactly("SHOP.V1.ORDER.PAID:order-1001");
        assertThat(app.api("/ops/api/events?q=1002").findValuesAsText("key"))
                .containsExactly("SHOP.V1.ORDER.FAILED:order-1002");
        String page = app.page("/ops/events?q=order-100&state=dead").body();
        assertThat(page).contains("<input name=\"q\" value=\"order-100\"");
        assertThat(rows(page, "order-100")).isEqualTo(2);
        assertThat(rows(app.page("/ops/dead?name=ORDER.FAILED").body(), "order-100")).isEqualTo(1);
    }

    @Test
    void recentDeliveriesFilterByOutcomeStatusAndProviderAndPage() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "r-1");
        app.post("/webhooks/signed?token=forged-1", "application/json", "{\"event\":\"SHOP.V1.ORDER.PAID\"}");
        app.post("/webhooks/shop", "application/json", "not json");

        JsonNode refused = app.api("/ops/api/recent?outcome=refused");
        JsonNode unauthorized = app.api("/ops/api/recent?status=401");
        String page = app.page("/ops/recent?outcome=refused&provider=shop").body();

        assertThat(refused.findValuesAsText("status")).containsExactlyInAnyOrder("401", "400");
        assertThat(unauthorized.findValuesAsText("outcome")).containsExactly("not_authenticated");
        assertThat(page).contains("not_authenticated").contains("invalid_payload").doesNotContain(">accepted<");
        assertThat(page).contains("<option value=\"refused\" selected>");
    }

    @Test
    void recentDeliveriesPageBeyondFiveHundredRows() throws Exception {
        for (int i = 0; i < 650; i++) {
            app.post("/webhooks/signed?token=forged-" + i, "application/json", "{}");
        }

        assertThat(app.api("/ops/api/recent?limit=1000")).hasSize(650);
        String last = app.page("/ops/recent?page=6").body();
        assertThat(last).contains("650 matching").contains("&larr; newer").doesNotContain("older &rarr;");
        assertThat(app.page("/ops/recent?page=5").body()).contains("older &rarr;");
    }

    @Test
    void aReplayedDeadLetterKeepsItsEarlierAttemptsAndWhoReplayedIt() throws Exception {
        app.failure.set("ledger unreachable: 503 from ledger.internal");
        app.deliver("SHOP.V1.ORDER.PAID", "h-1");
        awaitDead(1);
        app.failure.set("ledger timeout after 30 s");

        HttpResponse<String> replay = app.post("/ops/api/replay", "application/json", "{\"key\":\"SHOP.V1.ORDER.PAID:h-1\"}",
                "Authorization", "Bearer " + TOKEN);
        assertThat(replay.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.api("/ops/api/event?provider=shop&key=SHOP.V1.ORDER.PAID:h-1")
                .path("history").size() == 5);

        JsonNode history = app.api("/ops/api/event?provider=shop&key=SHOP.V1.ORDER.PAID:h-1").path("history");
        assertThat(history.findValuesAsText("kind")).containsExactly("retry", "dead", "replayed", "retry", "dead");
        assertThat(history.get(0).path("error").asText()).contains("503 from ledger.internal");
        assertThat(history.get(2).path("by").asText()).isNotBlank();
        assertThat(history.get(4).path("error").asText()).contains("timeout after 30 s");
        String page = app.page("/ops/event?provider=shop&key=SHOP.V1.ORDER.PAID:h-1").body();
        assertThat(page).contains("<h2>Attempt history</h2>").contains("503 from ledger.internal")
                .contains("timeout after 30 s").contains("replayed</span> by token");
    }
}
