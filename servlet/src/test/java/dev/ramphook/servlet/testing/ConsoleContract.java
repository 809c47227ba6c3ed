package dev.ramphook.servlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console through a servlet container, over real HTTP: the application at {@link #consoleBase()} is the
 * contract's configuration plus {@link #consoleParameters()} and {@link FlakyHandler} as its handler (inline, in
 * memory), so a delivery fails and stays pending with its error until the handler is fixed.
 */
public abstract class ConsoleContract {

    public static final String USER = "ops";
    public static final String PASSWORD = "console-it-password";
    public static final String TOKEN = "console-it-bearer-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The base URI of the application with the console at {@code /ops}. */
    protected abstract URI consoleBase();

    /** The console at {@code /ops}, basic and bearer credentials from the variables {@link #setConsoleSecrets} sets. */
    public static Map<String, String> consoleParameters() {
        return Map.of("ramphook.console.path", "/ops",
                "ramphook.console.user", USER,
                "ramphook.console.password-env", "RAMPHOOK_IT_CONSOLE_PASSWORD",
                "ramphook.console.token-env", "RAMPHOOK_IT_CONSOLE_TOKEN",
                "ramphook.handlers", FlakyHandler.class.getName());
    }

    public static void setConsoleSecrets() {
        System.setProperty("RAMPHOOK_IT_CONSOLE_PASSWORD", PASSWORD);
        System.setProperty("RAMPHOOK_IT_CONSOLE_TOKEN", TOKEN);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(consoleBase() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(consoleBase() + path))
                .header("Authorization", basic()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsEveryConsolePathAnswers401AndAsksForBasic() throws Exception {
        for (String path : new String[] {"/ops/", "/ops/events", "/ops/api/events", "/ops/api/replay"}) {
            HttpResponse<String> refused = get(path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("authentication required");
        }
        assertThat(get("/ops/", "Bearer wrong-token-of-some-length").statusCode()).isEqualTo(401);
    }

    @Test
    void pagesKeepTheirSafetyHeadersThroughTheContainer() throws Exception {
        HttpResponse<String> page = get("/ops/", basic());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("Dead letters").doesNotContain("<script");
    }

    @Test
    void aFailingDeliveryIsFoundWithItsErrorAndItsPayloadEscaped() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> delivery = deliverZbd(id, "<script>alert('console')</script>");
        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(500);

        JsonNode pending = JSON.readTree(get("/ops/api/events?provider=zbd&state=pending&key=" + id, "Bearer " + TOKEN)
                .body());
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).path("lastError").asText()).contains("cannot append to the event log");
        HttpResponse<String> page = get("/ops/event?provider=zbd&key=" + id, basic());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("&lt;script&gt;alert(&#39;console&#39;)&lt;/script&gt;")
                .doesNotContain("<script>").doesNotContain(WebhookContainerContract.ZBD_TOKEN);
    }

    @Test
    void replayIsAPostThatNeedsACsrfToken() throws Exception {
        HttpResponse<String> forged = postForm("/ops/replay", "key=anything");
        String token = JSON.readTree(get("/ops/api/csrf", basic()).body()).path("csrf").asText();
        HttpResponse<String> confirmed = postForm("/ops/replay", "key="
                + URLEncoder.encode("no-such-dead-letter", StandardCharsets.UTF_8) + "&csrf=" + token);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith("dead?replayed=0");
    }

    @Test
    void theBareConsolePathRedirectsBelowItself() throws Exception {
        HttpResponse<String> bare = get("/ops", basic());

        assertThat(bare.statusCode()).isEqualTo(303);
        assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("ops/");
    }

    private HttpResponse<String> deliverZbd(String id, String customer) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(Seeds.read("zbd/payment-settled.json"));
        json.put("id", id);
        ((ObjectNode) json.path("data").path("metadata")).put("customer_id", customer);
        return HTTP.send(HttpRequest.newBuilder(URI.create(consoleBase() + "/webhooks/zbd?token="
                        + WebhookContainerContract.ZBD_TOKEN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
