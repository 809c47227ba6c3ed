package dev.ramphook.httpserver;

import dev.ramphook.testing.StandardError;
import static dev.ramphook.testing.Samples.hmacHex;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramphook.ReceiverHealth;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.store.EventStore;
import dev.ramphook.zbd.ZbdRamp;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's attack over real HTTP: whoever holds a leaked ZBD URL token floods that endpoint with validly
 * authenticated new events past its in-memory budget, and sprays forged deliveries besides, while meCash keeps
 * delivering. meCash's genuine deliveries all get 200; the log holds a bounded number of lines, not one per request;
 * health names the flooded endpoint.
 */
class LeakedTokenFloodTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "mecash-flood-secret";
    private static final int BUDGET = 20;

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private WebhookReceiver receiver;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of("leaked-t0k3n"))
                .endpoint("/webhooks/mecash", MeCash.provider(), MeCash.signature(SECRET))
                .on("*", (event, context) -> { })
                .store(EventStore.inMemory(BUDGET, BUDGET))
                .build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", WebhookHttpHandler.of(receiver));
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
        receiver.close();
    }

    private int post(String pathAndQuery, byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] zbd(int i) {
        return ("{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\",\"data\":{\"email\":\"user@example.com\","
                + "\"session_id\":\"sess_flood_" + i + "\",\"base_amount\":\"100.00\",\"base_currency\":\"USD\","
                + "\"quote_amount\":\"0.0025\",\"quote_currency\":\"BTC\"},"
                + "\"url\":\"https://partner.com/webhooks\",\"created_at\":\"2025-01-18T11:05:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mecash(int i) {
        return ("{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"genuine-" + i + "\",\"type\":\"SEND\","
                + "\"category\":\"OFF_RAMP\",\"state\":\"COMPLETED\",\"created\":\"2025-01-18T11:05:00Z\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFloodOnALeakedEndpointNeverSilencesAnotherProvider() throws Exception {
        Map<Integer, Integer> flood = new HashMap<>();
        Map<Integer, Integer> genuine = new HashMap<>();
        String log = StandardError.of(() -> {
            for (int i = 0; i < 3 * BUDGET; i++) {
                flood.merge(post("/webhooks/zbd?token=leaked-t0k3n", zbd(i), null), 1, Integer::sum);
                flood.merge(post("/webhooks/zbd?token=guess-" + i, zbd(i), null), 1, Integer::sum);
                if (i % 5 == 0) {
                    byte[] body = mecash(i);
                    genuine.merge(post("/webhooks/mecash", body, hmacHex("HmacSHA512", SECRET, body)), 1,
                            Integer::sum);
                }
            }
        });

        assertThat(flood).containsEntry(200, BUDGET).containsEntry(503, 2 * BUDGET).containsEntry(401, 3 * BUDGET);
        assertThat(genuine).containsOnlyKeys(200).containsEntry(200, 3 * BUDGET / 5);
        // 60 forged deliveries and 40 refused records: 10 refusals in full and one record failure, then only counts
        assertThat(StandardError.lines(log, "rejected delivery to /webhooks/zbd (zbd): 401 wrong URL token")).as(log).isEqualTo(10);
        assertThat(StandardError.lines(log, "could not record")).as(log).isEqualTo(1);
        ReceiverHealth health = receiver.health();
        assertThat(health.status()).isEqualTo(ReceiverHealth.Status.DEGRADED);
        assertThat(health.problems()).singleElement().asString().contains("endpoint /webhooks/zbd ")
                .doesNotContain("mecash").doesNotContain("leaked-t0k3n");
    }
}
