package dev.ramphook.console;

import static dev.ramphook.console.ConsoleApp.JSON;
import static dev.ramphook.console.ConsoleApp.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Never a secret on a page: the credentials inside stored bodies (ZBD's access and refresh tokens, a webhook URL's
 * {@code ?token=} echoed in the body) show as {@code ***} on the event page, in the JSON API, in the curl command and
 * on the dead-letter pages, while a replay still hands the handler the body as received.
 */
class ConsoleMaskingTest {

    private static final String ACCESS = "zbd-access-token-A1b2C3";
    private static final String REFRESH = "zbd-refresh-token-D4e5F6";
    private static final String URL_TOKEN = "url-token-G7h8I9";
    private static final String API_KEY = "shop-api-key-J1k2L3";
    private static final String FRAGMENT = "fragment-token-M4n5O6";
    private static final List<String> SECRETS = List.of(ACCESS, REFRESH, URL_TOKEN, API_KEY, FRAGMENT);

    private static final String ZBD = """
            {
              "event": "RAMP_WIDGET.V1.USER_ACCESS_TOKEN.CREATED",
              "data": {
                "email": "user@example.com",
                "session_id": "sess_mask_1",
                "access_token_id": "tok_abc123",
                "access_token": "%s",
                "access_token_expires_at": "2025-01-18T11:45:00Z",
                "refresh_token": "%s",
                "refresh_token_expires_at": "2025-02-18T10:45:00Z",
                "metadata": {"customer_id": "cust_123", "source": "widget"}
              },
              "url": "https://partner.example/webhooks/zbd?token=%s",
              "created_at": "2025-01-18T10:45:00Z"
            }
            """.formatted(ACCESS, REFRESH, URL_TOKEN);

    private static final String SHOP = ("{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-url\",\"amount\":\"1.00\","
            + "\"links\":[{\"callback\":\"https://shop.example/cb?session=s-42&api_key=%s&lang=en#access_token=%s\"}]}")
            .formatted(API_KEY, FRAGMENT);

    @AutoClose
    private final ConsoleApp app = new ConsoleApp();

    @Test
    void credentialsInStoredBodiesShowMaskedEverywhereTheConsoleShowsABody() throws Exception {
        deliverBothAndWaitTillDead();
        String zbdKey = app.api("/ops/api/events?provider=zbd").get(0).path("key").asText();
        String zbd = "provider=zbd&key=" + URLEncoder.encode(zbdKey, StandardCharsets.UTF_8);
        String shop = "provider=shop&key=" + URLEncoder.encode("SHOP.V1.ORDER.PAID:o-url", StandardCharsets.UTF_8);

        for (String event : List.of(zbd, shop)) {
            HttpResponse<String> page = app.page("/ops/event?" + event);
            String api = app.get("/ops/api/event?" + event, "Bearer " + TOKEN).body();
            JsonNode detail = JSON.readTree(api);
            assertThat(page.statusCode()).isEqualTo(200);
            for (String shown : List.of(page.body(), api, detail.path("body").asText(), detail.path("curl").asText(),
                    detail.path("json").toString())) {
                assertThat(shown).contains("***");
                SECRETS.forEach(secret -> assertThat(shown).doesNotContain(secret));
            }
            assertThat(detail.path("curl").asText()).contains("--data-binary '{");
        }
        for (String pages : List.of(app.page("/ops/dead").body(), app.page("/ops/replay?provider=zbd").body(),
                app.page("/ops/events").body(), app.get("/ops/api/dead", "Bearer " + TOKEN).body(),
                app.get("/ops/api/events", "Bearer " + TOKEN).body())) {
            SECRETS.forEach(secret -> assertThat(pages).doesNotContain(secret));
        }

        JsonNode zbdJson = app.api("/ops/api/event?" + zbd).path("json");
        assertThat(zbdJson.path("data").path("access_token").asText()).isEqualTo("***");
        assertThat(zbdJson.path("data").path("refresh_token").asText()).isEqualTo("***");
        assertThat(zbdJson.path("data").path("access_token_id").asText()).isEqualTo("tok_abc123");
        assertThat(zbdJson.path("data").path("access_token_expires_at").asText()).isEqualTo("2025-01-18T11:45:00Z");
        assertThat(zbdJson.path("url").asText()).isEqualTo("https://partner.example/webhooks/zbd?token=***");
        assertThat(app.api("/ops/api/event?" + shop).path("json").path("links").get(0).path("callback").asText())
                .isEqualTo("https://shop.example/cb?session=s-42&api_key=***&lang=en#access_token=***");
    }

    @Test
    void aReplayHandsTheHandlerTheBodyAsReceivedNotTheMaskedOne() throws Exception {
        deliverBothAndWaitTillDead();
        app.broken.set(false);

        HttpResponse<String> replay = app.post("/ops/api/replay", "application/json", "{}", "Authorization",
                "Bearer " + TOKEN);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).path("replayed").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.handled.get() == 2);
        String handled = String.join("\n", app.handledDocuments);
        SECRETS.forEach(secret -> assertThat(handled).contains(secret));
        assertThat(handled).doesNotContain("***");
    }

    /**
     * A delivery whose forwarding headers repeat the webhook URL with its token, with headers named like a
     * credential, failing with a message that quotes a credential: none of them on the event page, in the API
     * (detail and list), in the curl command or on the events page.
     */
    @Test
    void credentialsInStoredHeadersAndInTheHandlersErrorNeverShow() throws Exception {
        String urlToken = "hdr-url-token-P1q2";
        List<String> secrets = List.of(urlToken, "hdr-key-R3s4", "hdr-auth-T5u6", "hdr-api-key-V7w8",
                "hdr-auth-code-X9y0", "err-access-token-Z1a2", "err-bearer-B3c4d5e6");
        app.failure.set("POST https://ledger.example/tx?access_token=err-access-token-Z1a2 answered 401"
                + " (Authorization: Bearer err-bearer-B3c4d5e6)");
        HttpResponse<String> delivered = app.post("/webhooks/shop", "application/json",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-hdr\",\"amount\":\"1.00\"}",
                "Referer", "https://shop.example/webhooks/zbd?token=" + urlToken,
                "X-Original-URL", "/webhooks/zbd?token=" + urlToken,
                "X-Forwarded-Uri", "/webhooks/zbd?lang=en&token=" + urlToken,
                "X-Webhook-Key", "hdr-key-R3s4", "X-Auth", "hdr-auth-T5u6", "Api_Key", "hdr-api-key-V7w8",
                "X-Zbd-Auth-Code", "hdr-auth-code-X9y0", "X-Request-Id", "req-kept-1");
        assertThat(delivered.statusCode()).isLessThan(300);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.api("/ops/api/dead").size() == 1);
        String event = "provider=shop&key=" + URLEncoder.encode("SHOP.V1.ORDER.PAID:o-hdr", StandardCharsets.UTF_8);

        JsonNode detail = app.api("/ops/api/event?" + event);
        for (String shown : List.of(app.page("/ops/event?" + event).body(), detail.toString(),
                detail.path("curl").asText(), app.page("/ops/events").body(), app.page("/ops/dead").body(),
                app.get("/ops/api/events", "Bearer " + TOKEN).body(), app.get("/ops/api/dead", "Bearer " + TOKEN)
                        .body())) {
            secrets.forEach(secret -> assertThat(shown).doesNotContain(secret));
        }
        assertThat(detail.path("headers").path("Referer").get(0).asText())
                .isEqualTo("https://shop.example/webhooks/zbd?token=***");
        assertThat(detail.path("headers").path("X-request-id").get(0).asText()).isEqualTo("req-kept-1");
        assertThat(detail.path("lastError").asText()).contains("access_token=***").contains("Bearer ***")
                .contains("answered 401");
    }

    private void deliverBothAndWaitTillDead() throws Exception {
        assertThat(app.post("/webhooks/zbd", "application/json", ZBD).statusCode()).isLessThan(300);
        assertThat(app.post("/webhooks/shop", "application/json", SHOP).statusCode()).isLessThan(300);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.api("/ops/api/dead").size() == 2);
    }
}
