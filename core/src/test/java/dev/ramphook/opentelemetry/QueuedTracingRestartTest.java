package dev.ramphook.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ramphook.DeliveryListener;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.httpserver.WebhookHttpHandler;
import dev.ramphook.store.JdbcEventStore;
import dev.ramphook.store.TestPostgres;
import dev.ramphook.zbd.ZbdRamp;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queued handling on PostgreSQL across a restart: receiver A records a delivery (over real HTTP, the JDK server) and
 * its handler fails, so the event waits for a retry an hour later; A stops, and the test makes the retry due. Receiver B, a new receiver with its own
 * OpenTelemetry on the same database, runs the retry: its {@code process} span starts a trace of its own and links
 * to A's delivery span, whose context only the database carried from A to B.
 */
class QueuedTracingRestartTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "queued-t0ken";
    private static final String BODY = "{\"event\":\"RAMP_WIDGET.V1.BANK_CONNECTION.COMPLETED\","
            + "\"data\":{\"session_id\":\"sess-q\"},\"created_at\":\"2025-01-18T10:55:00Z\"}";

    private final String prefix = TestPostgres.freshPrefix();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        threads.shutdownNow();
    }

    private static OpenTelemetrySdk sdk(InMemorySpanExporter spans) {
        return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    }

    /** A: a failed attempt is retried only after an hour (the test moves it forward); B: at once. */
    private WebhookReceiver receiver(OpenTelemetrySdk otel, boolean handlerFails, DeliveryListener heard) {
        Duration backoff = handlerFails ? Duration.ofHours(1) : Duration.ofMillis(10);
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.pathSegment(TOKEN))
                .on("*", (event, context) -> {
                    if (handlerFails) {
                        throw new IllegalStateException("down in instance A");
                    }
                })
                .store(JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build())
                .queued()
                .maxAttempts(5)
                .retryBackoff(backoff, backoff)
                .pollInterval(Duration.ofMillis(50))
                .listener(RamphookTracing.of(otel))
                .listener(heard)
                .build();
        return receiver;
    }

    @Test
    void theHandlerRunAfterARestartLinksToTheDeliveryThatRecordedTheEvent() throws Exception {
        InMemorySpanExporter spansA = InMemorySpanExporter.create();
        OpenTelemetrySdk otelA = sdk(spansA);
        List<DeliveryListener.AttemptEnd> endsA = new CopyOnWriteArrayList<>();
        WebhookReceiver a = receiver(otelA, true, new DeliveryListener() {
            @Override
            public void attemptEnded(AttemptEnd end) {
                endsA.add(end);
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", WebhookHttpHandler.of(a));
        server.setExecutor(threads);
        server.start();
        int status = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/zbd/" + TOKEN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(200);
        await().until(() -> !endsA.isEmpty()); // A's first attempt failed: the event waits for its retry
        server.stop(0);
        a.close(); // the restart: A is gone, B is a new receiver (and a new tracer) on the same database
        open.add(otelA); // closed at the end: closing its exporter would forget A's spans
        assertThat(endsA).extracting(DeliveryListener.AttemptEnd::result)
                .containsExactly(DeliveryListener.AttemptResult.RETRY);
        SpanData delivery = spansA.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("receive /webhooks/zbd")).findFirst().orElseThrow();
        assertThat(delivery.getAttributes().get(AttributeKey.stringKey(RamphookTracing.OUTCOME)))
                .isEqualTo("accepted");
        // The hour passes: the retry is due now.
        try (Connection c = TestPostgres.dataSource().getConnection();
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE " + prefix + "events SET next_attempt_at = now()")).isEqualTo(1);
        }

        InMemorySpanExporter spansB = InMemorySpanExporter.create();
        OpenTelemetrySdk otelB = sdk(spansB);
        open.add(otelB);
        WebhookReceiver b = receiver(otelB, false, new DeliveryListener() { });
        open.add(0, b);

        await().until(() -> spansB.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getName().equals("process /webhooks/zbd")));
        SpanData run = spansB.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("process /webhooks/zbd")).findFirst().orElseThrow();
        assertThat(run.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(run.getParentSpanContext().isValid()).isFalse(); // a trace of its own
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(run.getAttributes().get(AttributeKey.longKey(RamphookTracing.ATTEMPT))).isEqualTo(2L);
        assertThat(run.getLinks()).extracting(LinkData::getSpanContext).singleElement().satisfies(link -> {
            assertThat(link.getTraceId()).isEqualTo(delivery.getTraceId());
            assertThat(link.getSpanId()).isEqualTo(delivery.getSpanId());
        });
    }
}
