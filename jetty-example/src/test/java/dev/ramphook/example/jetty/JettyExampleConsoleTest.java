package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.servlet.testing.Seeds;
import dev.ramphook.store.EventStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's console at {@code /ramphook/}, as its README tells an operator to use it: behind the password, it
 * shows the delivery whose handler failed (the event log's directory is missing) with its error, and after the fix
 * the provider's redelivery is handled.
 */
class JettyExampleConsoleTest {

    private static final String PASSWORD = "example-console-password";
    private static final String ZBD_TOKEN = "example-zbd-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private JettyExample app;

    @BeforeEach
    void start() throws Exception {
        JettyExample.Options options = new JettyExample.Options(0, null, null,
                dir.resolve("missing").resolve("events.jsonl"), EventStore.inMemory(), 1 << 20, null,
                Duration.ofSeconds(10), PASSWORD);
        app = JettyExample.start(options, ZBD_TOKEN, "example-mecash-secret");
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private HttpResponse<String> console(String path, String password) throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(app.uri() + path));
        if (password != null) {
            get.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ops:" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(get.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int deliver(String id) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Seeds.read("zbd/payment-settled.json"));
        body.put("id", id);
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.uri() + "/webhooks/zbd?token=" + ZBD_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theConsoleIsServedOnlyWithThePassword() throws Exception {
        assertThat(console("/ramphook/", null).statusCode()).isEqualTo(401);
        assertThat(console("/ramphook/", "not-the-password").statusCode()).isEqualTo(401);
        HttpResponse<String> page = console("/ramphook/", PASSWORD);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Overview").contains("Dead letters");
        assertThat(console("/events", null).statusCode()).isEqualTo(200); // the example's own page is unchanged
    }

    @Test
    void aFailedDeliveryIsFoundWithItsErrorAndItsRedeliveryAfterTheFixIsHandled() throws Exception {
        String id = "evt-" + UUID.randomUUID();
        assertThat(deliver(id)).isEqualTo(500);

        JsonNode event = JSON.readTree(console("/ramphook/api/event?provider=zbd&key=" + id, PASSWORD).body());
        assertThat(event.path("state").asText()).isEqualTo("pending");
        assertThat(event.path("lastError").asText()).contains("events.jsonl");
        assertThat(console("/ramphook/recent", PASSWORD).body()).contains(id).contains("handler_failed");

        Files.createDirectories(dir.resolve("missing"));
        assertThat(deliver(id)).isEqualTo(200);

        assertThat(JSON.readTree(console("/ramphook/api/event?provider=zbd&key=" + id, PASSWORD).body())
                .path("state").asText()).isEqualTo("done");
    }

    @Test
    void withTheDemoRetrySettingsAFailureIsADeadLetterInSecondsAndItsReplayAfterTheFixIsHandled() throws Exception {
        app.close();
        JettyExample.Options options = new JettyExample.Options(0, null, null,
                dir.resolve("missing").resolve("events.jsonl"), EventStore.inMemory(), 1 << 20, null,
                Duration.ofSeconds(10), PASSWORD);
        Retries retries = Retries.fromEnvironment(java.util.Map.of(Retries.MAX_ATTEMPTS, "2",
                Retries.BACKOFF, "1"));
        app = JettyExample.start(options, new java.util.LinkedHashMap<>(java.util.Map.of("zbd", ZBD_TOKEN, "mecash", "example-mecash-secret")), retries);
        String id = "evt-" + UUID.randomUUID();

        assertThat(deliver(id)).isEqualTo(200); // queued: recorded and answered, handled after
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(
                console("/ramphook/api/event?provider=zbd&key=" + id, PASSWORD).body()).path("state").asText()
                .equals("dead"));
        Files.createDirectories(dir.resolve("missing"));
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String csrf = JSON.readTree(console("/ramphook/api/csrf", PASSWORD).body()).path("csrf").asText();
        HttpResponse<String> replay = HTTP.send(HttpRequest.newBuilder(URI.create(app.uri() + "/ramphook/api/replay"))
                .header("Authorization", basic).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + id + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(replay.body()).path("replayed").asInt()).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(
                console("/ramphook/api/event?provider=zbd&key=" + id, PASSWORD).body()).path("state").asText()
                .equals("done"));
        assertThat(Retries.describe(retries)).contains("dead letters after 2 attempt(s)");
    }
}
