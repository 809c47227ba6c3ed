package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.testing.http.FailingStore;
import dev.ramphook.testing.http.HostileSenderContract;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import dev.ramphook.store.EventStore;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example app itself under the container contract, plus its own contract: EVENT_LOG lines and options. */
class JettyExampleTest extends WebhookContainerContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static JettyExample app;
    private static JettyExample down;
    private static JettyExample fenced;
    private static JettyExample flaky;

    @BeforeAll
    static void start() throws Exception {
        app = JettyExample.start(options(EventStore.inMemory(), dir.resolve("events.jsonl"), null), ZBD_TOKEN,
                MECASH_SECRET);
        down = JettyExample.start(options(new FailingStore(), null, null, Duration.ofSeconds(HostileSenderContract.DOWN_BODY_READ_TIMEOUT)),
                ZBD_TOKEN, MECASH_SECRET);
        // The contract's fenced application, configured the way an operator would: through the environment.
        Map<String, String> allowlist = JettyExample.Options.fromEnvironment(Map.of(
                "RAMPHOOK_ALLOWED_IPS", FENCED_ALLOWED_IPS, "RAMPHOOK_TRUSTED_PROXIES", FENCED_TRUSTED_PROXIES))
                .keys();
        fenced = JettyExample.start(options(EventStore.inMemory(), null, allowlist), ZBD_TOKEN, MECASH_SECRET);
        // EVENT_LOG in a directory that does not exist yet: the catch-all handler cannot append, as when the log
        // file is briefly unwritable; creating the directory fixes it.
        flaky = JettyExample.start(options(EventStore.inMemory(), dir.resolve("flaky").resolve("events.jsonl"), null),
                ZBD_TOKEN, MECASH_SECRET);
    }

    private static JettyExample.Options options(EventStore store, Path eventLog, Map<String, String> allowlist) {
        return options(store, eventLog, allowlist, Duration.ofSeconds(10));
    }

    private static JettyExample.Options options(EventStore store, Path eventLog, Map<String, String> allowlist,
                                                Duration bodyReadTimeout) {
        return new JettyExample.Options(0, null, null, eventLog, store, MAX_BODY_BYTES, allowlist, bodyReadTimeout,
                null);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        down.close();
        fenced.close();
        flaky.close();
    }

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    protected URI downBase() {
        return URI.create("http://127.0.0.1:" + down.port());
    }

    @Override
    protected URI fencedBase() {
        return URI.create("http://127.0.0.1:" + fenced.port());
    }

    @Override
    protected URI flakyBase() {
        return URI.create("http://127.0.0.1:" + flaky.port());
    }

    @Override
    protected void fixFlakyHandlers() throws Exception {
        Files.createDirectories(dir.resolve("flaky"));
    }

    @Override
    protected JsonNode shown(JsonNode data) {
        return EventLog.shown(data);
    }

    @Override
    protected JsonNode shownDataOf(JsonNode document) {
        return EventLog.shown(EventLog.dataOf(document));
    }

    @Test
    void eventsAndEventLogMaskTheTokensTheTypedRecordMasks() throws Exception {
        ObjectNode created = (ObjectNode) json(Seeds.read("zbd/user-access-token-created.json"));
        ((ObjectNode) created.get("data")).put("session_id", "sess_" + Seeds.unmaskedUuid())
                .put("access_token", "eyJ-access-" + UUID.randomUUID()).put("refresh_token", "eyJ-refresh-x");
        byte[] body = JSON.writeValueAsBytes(created);
        assertThat(deliver("zbd", body).statusCode()).isEqualTo(200);
        String sessionId = created.path("data").path("session_id").asText();

        String page = send(HttpRequest.newBuilder(URI.create(base() + "/events?limit=1000")).GET().build()).body();
        JsonNode shownData = StreamSupport.stream(json(page.getBytes(StandardCharsets.UTF_8)).spliterator(), false)
                .map(e -> e.path("data")).filter(d -> d.path("session_id").asText().equals(sessionId))
                .findFirst().orElseThrow();
        String eventLog = Files.readString(dir.resolve("events.jsonl"));

        assertThat(shownData.path("access_token").asText()).isEqualTo("***");
        assertThat(shownData.path("refresh_token").asText()).isEqualTo("***");
        assertThat(page).doesNotContain("eyJ-access-").doesNotContain("eyJ-refresh-x");
        assertThat(eventLog).contains(sessionId).doesNotContain("eyJ-access-").doesNotContain("eyJ-refresh-x");
    }

    @Test
    void eventsArePagedWithLimitAndBefore() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(deliver("mecash", uniquePayout()).statusCode()).isEqualTo(200);
        }

        JsonNode two = json(send(HttpRequest.newBuilder(URI.create(base() + "/events?limit=2")).GET().build())
                .body().getBytes(StandardCharsets.UTF_8));
        long oldest = two.get(0).path("seq").asLong();
        JsonNode earlier = json(send(HttpRequest.newBuilder(URI.create(base() + "/events?limit=1&before=" + oldest))
                .GET().build()).body().getBytes(StandardCharsets.UTF_8));

        assertThat(two.size()).isEqualTo(2);
        assertThat(two.get(1).path("seq").asLong()).isGreaterThan(oldest);
        assertThat(earlier.size()).isEqualTo(1);
        assertThat(earlier.get(0).path("seq").asLong()).isLessThan(oldest);
    }

    @Test
    void eventsAreRefusedThroughAProxyAndOutOfRangeLimitsAre400() throws Exception {
        HttpResponse<String> proxied = send(HttpRequest.newBuilder(URI.create(base() + "/events"))
                .header("X-Forwarded-For", "203.0.113.7").GET().build());
        HttpResponse<String> tooMany = send(HttpRequest.newBuilder(URI.create(base() + "/events?limit=100000"))
                .GET().build());

        assertThat(proxied.statusCode()).isEqualTo(403);
        assertThat(proxied.body()).contains("this machine only");
        assertThat(tooMany.statusCode()).isEqualTo(400);
    }

    @Test
    void answersCarryNoServerVersion() throws Exception {
        HttpResponse<String> events = send(HttpRequest.newBuilder(URI.create(base() + "/events")).GET().build());
        HttpResponse<String> webhook = deliver("mecash", uniquePayout());

        assertThat(events.headers().firstValue("Server")).isEmpty();
        assertThat(webhook.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void protocolErrorsAreSmallJsonWithoutJettysPage() throws Exception {
        for (String request : List.of("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /events HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            try (Socket socket = new Socket("127.0.0.1", app.port())) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.ISO_8859_1);

                assertThat(answer).as(answer).matches("(?s)HTTP/1.1 4\\d\\d .*")
                        .containsIgnoringCase("content-type: application/json")
                        .doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("<html")
                        .doesNotContainIgnoringCase("\r\nServer:");
            }
        }
    }

    private static byte[] uniquePayout() throws Exception {
        ObjectNode payout = (ObjectNode) json(Seeds.read("mecash/ramp-payout-completed-off-ramp.json"));
        ((ObjectNode) payout.get("data")).put("id", Seeds.unmaskedUuid())
                .put("referenceNumber", Seeds.unmaskedUuid());
        return JSON.writeValueAsBytes(payout);
    }

    @Test
    void eventLogGetsOneJsonLinePerHandledEventWithProviderNameKeyAndData() throws Exception {
        ObjectNode settled = (ObjectNode) json(Seeds.read("zbd/payment-settled.json"));
        ((ObjectNode) settled.get("data")).put("session_id", "sess_" + Seeds.unmaskedUuid()); // not delivered before
        byte[] body = JSON.writeValueAsBytes(settled);
        assertThat(deliver("zbd", body).statusCode()).isEqualTo(200);

        List<JsonNode> lines = Files.readAllLines(dir.resolve("events.jsonl")).stream().map(JettyExampleTest::json)
                .filter(line -> line.get("data").equals(shown(dataOf(json(body)))))
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

    @Test
    void withoutAllowedIpsThereIsNoAllowlistAndTheStartUpLineSaysHowToSetOne() {
        JettyExample.Options defaults = JettyExample.Options.fromEnvironment(Map.of());

        assertThat(defaults.allowlist()).isNull();
        assertThat(Allowlist.describe(defaults.allowlist())).contains("RAMPHOOK_ALLOWED_IPS");
    }

    @Test
    void allowedIpsTakeCommaSeparatedIpv4AndIpv6Ranges() {
        IpAllowlist allowlist = JettyExample.Options.fromEnvironment(
                Map.of("RAMPHOOK_ALLOWED_IPS", " 203.0.113.0/24 , 2001:db8::/32")).allowlist();

        assertThat(allowlist.toString()).contains("203.0.113.0/24").contains("2001:db8:");
        assertThat(Allowlist.describe(allowlist)).startsWith("deliveries accepted only from IpAllowlist[");
    }

    @Test
    void startUpLineWarnsWhenLocalCurlWouldBeRefused() {
        IpAllowlist remoteOnly = JettyExample.Options.fromEnvironment(
                Map.of("RAMPHOOK_ALLOWED_IPS", "203.0.113.0/24")).allowlist();
        IpAllowlist withLoopback = JettyExample.Options.fromEnvironment(
                Map.of("RAMPHOOK_ALLOWED_IPS", "203.0.113.0/24, 127.0.0.1")).allowlist();

        assertThat(Allowlist.describe(remoteOnly)).contains("get 403 unless 127.0.0.1 is listed");
        assertThat(Allowlist.describe(withLoopback)).doesNotContain("403");
    }

    @Test
    void malformedAllowedIpsNameTheVariable() {
        assertThatThrownBy(() -> JettyExample.Options.fromEnvironment(Map.of("RAMPHOOK_ALLOWED_IPS", "10.0.0.0/8,"
                + " partner.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("RAMPHOOK_ALLOWED_IPS: ").hasMessageContaining("partner.example.com");
    }

    @Test
    void allowedIpsThatListNothingAreAnErrorNotAnOpenDoor() {
        assertThatThrownBy(() -> JettyExample.Options.fromEnvironment(Map.of("RAMPHOOK_ALLOWED_IPS", " , ")))
                .hasMessage("RAMPHOOK_ALLOWED_IPS lists no address or CIDR range");
    }

    @Test
    void malformedTrustedProxiesNameTheVariable() {
        assertThatThrownBy(() -> JettyExample.Options.fromEnvironment(Map.of("RAMPHOOK_ALLOWED_IPS", "10.0.0.0/8",
                "RAMPHOOK_TRUSTED_PROXIES", "10.0.0.0/99")))
                .hasMessageStartingWith("RAMPHOOK_TRUSTED_PROXIES: ");
    }

    @Test
    void everyRamphookVariableIsAReceiverKeySoAMisspeltOneStopsStartUp() {
        // Before, the example read its five RAMPHOOK_* variables and ignored every other one.
        assertThatThrownBy(() -> JettyExample.Options.fromEnvironment(Map.of("RAMPHOOK_MAX_BODY_BYTE", "64")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RAMPHOOK_MAX_BODY_BYTE is not a known ramphook key; did you mean RAMPHOOK_MAX_BODY_BYTES?");
    }

    @Test
    void aRamphookVariableTheExampleDoesNotNameReachesItsReceiver() throws Exception {
        JettyExample.Options options = JettyExample.Options.fromEnvironment(Map.of("PORT", "0",
                "RAMPHOOK_MAX_BODY_BYTES", "64"));
        try (JettyExample small = JettyExample.start(options, ZBD_TOKEN, MECASH_SECRET)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(small.uri() + "/webhooks/zbd?token=" + ZBD_TOKEN))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"" + "x".repeat(100) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void theRetentionVariableShortensTheDedupWindowAsTheBenchmarkSetsIt() {
        // load.sh starts the example with RAMPHOOK_RETENTION=10, so that its distinct events never fill the in-memory
        // budget of handled keys (issue 21: 503 after about a million); before ramphook.retention it stopped start-up.
        JettyExample.Options options = JettyExample.Options.fromEnvironment(Map.of("RAMPHOOK_RETENTION", "10"));

        assertThat(options.keys()).containsEntry("ramphook.retention", "10");
    }

    @Test
    void trustedProxiesWithoutAllowedIpsAreAnError() {
        assertThatThrownBy(() -> JettyExample.Options.fromEnvironment(Map.of("RAMPHOOK_TRUSTED_PROXIES", "10.0.0.1")))
                .hasMessage("RAMPHOOK_TRUSTED_PROXIES applies only together with RAMPHOOK_ALLOWED_IPS");
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

    /** The hostile-sender suite against the same applications. */
    @Nested
    class HostileSenders extends HostileSenderContract {
        @Override
        protected URI base() {
            return JettyExampleTest.this.base();
        }

        @Override
        protected URI downBase() {
            return JettyExampleTest.this.downBase();
        }
    }
}
