package dev.ramphook.console;

import static dev.ramphook.console.ConsoleApp.JSON;
import static dev.ramphook.console.ConsoleApp.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The console's JSON API, as a script uses it with the bearer token: find what failed, fix it, replay it. */
class ConsoleApiTest {

    @AutoClose
    private final ConsoleApp app = new ConsoleApp();

    @Test
    void aDeadLetterIsFoundWithItsErrorAndBodyThenReplayedBySelection() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "o-1");
        app.deliver("SHOP.V1.ORDER.FAILED", "o-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.api("/ops/api/dead").size() == 2);

        JsonNode overview = app.api("/ops/api/overview");
        assertThat(overview.path("byState").path("DEAD").asLong()).isEqualTo(2);
        assertThat(overview.path("byProvider").path("shop").path("DEAD").asLong()).isEqualTo(2);
        JsonNode events = app.api("/ops/api/events?state=dead&name=SHOP.V1.ORDER.PAID");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("key").asText()).isEqualTo("SHOP.V1.ORDER.PAID:o-1");
        JsonNode detail = app.api("/ops/api/event?provider=shop&key=SHOP.V1.ORDER.PAID:o-1");
        assertThat(detail.path("state").asText()).isEqualTo("dead");
        assertThat(detail.path("attempts").asInt()).isEqualTo(2);
        assertThat(detail.path("lastError").asText()).contains("ledger unreachable");
        assertThat(detail.path("json").path("id").asText()).isEqualTo("o-1");
        assertThat(detail.path("curl").asText()).contains("$RAMPHOOK_URL").contains("/webhooks/shop")
                .contains("--data-binary '{\"event\":\"SHOP.V1.ORDER.PAID\"");

        app.broken.set(false);
        HttpResponse<String> replay = app.post("/ops/api/replay", "application/json",
                "{\"provider\":\"shop\",\"name\":\"SHOP.V1.ORDER.PAID\"}", "Authorization", "Bearer " + TOKEN);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).path("replayed").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.handled.get() == 1);
        assertThat(app.api("/ops/api/event?provider=shop&key=SHOP.V1.ORDER.PAID:o-1").path("state").asText())
                .isEqualTo("done");
        assertThat(app.api("/ops/api/dead")).extracting(n -> n.path("key").asText())
                .containsExactly("SHOP.V1.ORDER.FAILED:o-2");
    }

    @Test
    void aBasicAuthenticatedScriptReplaysWithTheCsrfTokenItFetched() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "o-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.api("/ops/api/dead").size() == 1);
        String basic = ConsoleApp.basic(ConsoleApp.USER, ConsoleApp.PASSWORD);
        String csrf = JSON.readTree(app.get("/ops/api/csrf", basic).body()).path("csrf").asText();

        HttpResponse<String> replay = app.post("/ops/api/replay", "application/json", "{\"key\":\"SHOP.V1.ORDER.PAID:o-3\"}",
                "Authorization", basic, "X-CSRF-Token", csrf);
        HttpResponse<String> formEncoded = app.post("/ops/api/replay", "application/x-www-form-urlencoded", "key=x",
                "Authorization", basic, "X-CSRF-Token", csrf);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).path("replayed").asInt()).isEqualTo(1);
        assertThat(formEncoded.statusCode()).isEqualTo(415);
    }

    @Test
    void eventsArePagedNewestFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            app.deliver("SHOP.V1.NOTE.CREATED", "n-" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> app.api("/ops/api/events?state=dead").size() == 5);

        JsonNode first = app.api("/ops/api/events?limit=2");
        JsonNode second = app.api("/ops/api/events?limit=2&offset=2");

        assertThat(first).hasSize(2);
        assertThat(second).hasSize(2);
        assertThat(first.get(0).path("receivedAt").asText()).isGreaterThanOrEqualTo(second.get(0).path("receivedAt")
                .asText());
        assertThat(first.findValuesAsText("key")).doesNotContainAnyElementsOf(second.findValuesAsText("key"));
    }

    @Test
    void theBearerTokenIsNeverEchoedAndTheBodyOfAnEventKeepsNoCredentialHeader() throws Exception {
        app.post("/webhooks/shop", "application/json", "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-9\"}",
                "X-Signature", "sig-that-must-not-show", "Authorization", "Bearer provider-secret-xyz");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.api("/ops/api/dead").size() == 1);

        String detail = app.get("/ops/api/event?provider=shop&key=SHOP.V1.ORDER.PAID:o-9", "Bearer " + TOKEN).body();
        String page = app.page("/ops/event?provider=shop&key=SHOP.V1.ORDER.PAID:o-9").body();

        for (String text : new String[] {detail, page}) {
            assertThat(text).doesNotContain("sig-that-must-not-show").doesNotContain("provider-secret-xyz")
                    .doesNotContain(TOKEN).doesNotContain(ConsoleApp.PASSWORD);
        }
        assertThat(JSON.readTree(detail).path("headers").fieldNames()).toIterable()
                .anyMatch(name -> name.equalsIgnoreCase("Content-Type"))
                .noneMatch(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("X-Signature"));
    }
}
