package dev.ramphook.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramphook.DeliveryListener;
import dev.ramphook.DeliveryListener.AttemptResult;
import dev.ramphook.DeliveryListener.Reason;
import dev.ramphook.DeliveryListener.RunOutcome;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.testing.StandardError;
import dev.ramphook.zbd.ZbdRamp;
import dev.ramphook.testing.RecordingListener;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners registered on the builder hear every delivery over real HTTP (the JDK server): accepted ones with their
 * handler run, attempt and store calls, refusals before the body, and never the URL token. A throwing listener is
 * logged once and changes no answer.
 */
class DeliveryListenerHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "s3cr3t-url-t0ken";
    private static final String SESSION = "{\"event\":\"RAMP_WIDGET.V1.BANK_CONNECTION.COMPLETED\","
            + "\"data\":{\"session_id\":\"ev-1\"},\"created_at\":\"2025-01-18T10:55:00Z\"}";

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private WebhookReceiver receiver;
    private HttpServer server;

    private void start(DeliveryListener... listeners) throws Exception {
        WebhookReceiver.Builder builder = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.pathSegment(TOKEN))
                .on("*", (event, context) -> { });
        for (DeliveryListener l : listeners) {
            builder.listener(l);
        }
        receiver = builder.build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", WebhookHttpHandler.of(receiver));
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (receiver != null) {
            receiver.close();
        }
        threads.shutdownNow();
    }

    private int post(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void builderListenersHearAcceptedDeliveriesAndTheirHandling() throws Exception {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        start(first, second);

        assertThat(post("/webhooks/zbd/" + TOKEN, "application/json", SESSION)).isEqualTo(200);

        for (RecordingListener seen : List.of(first, second)) { // several listeners, each hears everything
            assertThat(seen.deliveries).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(Reason.ACCEPTED);
                assertThat(d.status()).isEqualTo(200);
                assertThat(d.endpoint()).isEqualTo("/webhooks/zbd");
                assertThat(d.provider()).isEqualTo("zbd");
                assertThat(d.event()).isEqualTo("RAMP_WIDGET.V1.BANK_CONNECTION.COMPLETED");
                assertThat(d.toString()).doesNotContain(TOKEN);
            });
            assertThat(seen.runs).singleElement().extracting(DeliveryListener.HandlerRun::outcome)
                    .isEqualTo(RunOutcome.SUCCEEDED);
            assertThat(seen.attempts).singleElement().extracting(DeliveryListener.AttemptEnd::result)
                    .isEqualTo(AttemptResult.HANDLED);
            assertThat(seen.storeCalls).extracting(DeliveryListener.StoreCall::operation).contains("record");
        }
    }

    @Test
    void refusalsBeforeTheBodyAreHeardWithTheirReasonAndNoToken() throws Exception {
        RecordingListener seen = new RecordingListener();
        start(seen);

        assertThat(post("/webhooks/zbd/" + TOKEN, "text/plain", SESSION)).isEqualTo(415);
        assertThat(post("/webhooks/zbd/wrong-token", "application/json", SESSION)).isEqualTo(401);

        assertThat(seen.deliveries).extracting(DeliveryListener.Delivery::reason)
                .containsExactly(Reason.UNSUPPORTED_MEDIA_TYPE, Reason.NOT_AUTHENTICATED);
        assertThat(seen.deliveries).allSatisfy(d -> {
            assertThat(d.bodyBytes()).isEqualTo(-1); // refused before a byte of the body was read
            assertThat(d.toString()).doesNotContain(TOKEN).doesNotContain("wrong-token");
        });
        assertThat(seen.runs).isEmpty();
    }

    @Test
    void aThrowingListenerIsLoggedOnceAndChangesNoAnswer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordingListener after = new RecordingListener();
        DeliveryListener broken = new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener down");
            }
        };
        start(broken, after);

        String log = StandardError.of(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(post("/webhooks/zbd/" + TOKEN, "application/json",
                        SESSION.replace("ev-1", "ev-" + i))).isEqualTo(200);
            }
        });

        assertThat(calls).hasValue(3);
        assertThat(after.deliveries).hasSize(3); // the next listener still hears every delivery
        assertThat(StandardError.lines(log, "failed and is ignored")).as(log).isEqualTo(1);
    }
}
