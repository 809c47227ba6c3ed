package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.servlet.testing.FailingStore;
import dev.ramphook.servlet.testing.Seeds;
import dev.ramphook.servlet.testing.WebhookContainerContract;
import dev.ramphook.store.EventStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example app itself under the container contract, plus its own contract: EVENT_LOG lines and options. */
class JettyExampleTest extends WebhookContainerContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static JettyExample app;
    private static JettyExample down;

    @BeforeAll
    static void start() throws Exception {
        app = JettyExample.start(options(EventStore.inMemory(), dir.resolve("events.jsonl")), ZBD_TOKEN, MECASH_SECRET);
        down = JettyExample.start(options(new FailingStore(), null), ZBD_TOKEN, MECASH_SECRET);
    }

    private static JettyExample.Options options(EventStore store, Path eventLog) {
        return new JettyExample.Options(0, null, null, eventLog, store, MAX_BODY_BYTES);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        down.close();
    }

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    protected URI downBase() {
        return URI.create("http://127.0.0.1:" + down.port());
    }

    @Test
    void eventLogGetsOneJsonLinePerHandledEventWithProviderNameKeyAndData() throws Exception {
        ObjectNode settled = (ObjectNode) json(Seeds.read("zbd/payment-settled.json"));
        ((ObjectNode) settled.get("data")).put("session_id", "sess_" + UUID.randomUUID()); // not delivered before
        byte[] body = JSON.writeValueAsBytes(settled);
        assertThat(deliver("zbd", body).statusCode()).isEqualTo(200);

        List<JsonNode> lines = Files.readAllLines(dir.resolve("events.jsonl")).stream().map(JettyExampleTest::json)
                .filter(line -> line.get("data").equals(dataOf(json(body))))
                .toList();

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("provider").asText()).isEqualTo("zbd");
        assertThat(lines.get(0).path("event").asText()).isEqualTo(json(body).path("event").asText());
        assertThat(lines.get(0).path("key").asText()).isNotBlank();
    }

    @Test
    void optionsComeFromTheEnvironmentWithPort8080ByDefault() {
        JettyExample.Options defaults = JettyExample.Options.fromEnvironment(Map.of());
        JettyExample.Options set = JettyExample.Options.fromEnvironment(Map.of("PORT", "9090",
                "ZBD_WEBHOOK_TOKEN", "t", "MECASH_WEBHOOK_SECRET", "s", "EVENT_LOG", "/tmp/events.jsonl"));

        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.zbdToken()).isNull();
        assertThat(defaults.eventLog()).isNull();
        assertThat(set.port()).isEqualTo(9090);
        assertThat(set.zbdToken()).isEqualTo("t");
        assertThat(set.meCashSecret()).isEqualTo("s");
        assertThat(set.eventLog()).isEqualTo(Path.of("/tmp/events.jsonl"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
