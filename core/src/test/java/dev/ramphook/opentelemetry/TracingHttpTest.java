package dev.ramphook.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.httpserver.WebhookHttpHandler;
import dev.ramphook.zbd.ZbdRamp;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing over real HTTP (the JDK server), inline handling. A wrapper stands in for the container's instrumentation:
 * it makes an HTTP server span current around the receiver, as the Java agent does, so the delivery span must be its
 * child, while the sender's {@code traceparent} is only a link.
 */
class TracingHttpTest {

    static final String SENDER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String SENDER_SPAN = "b7ad6b7169203331";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "s3cr3t-url-t0ken";
    private static final String BODY = "{\"event\":\"RAMP_WIDGET.V1.BANK_CONNECTION.COMPLETED\","
            + "\"data\":{\"session_id\":\"sess-1\"},\"created_at\":\"2025-01-18T10:55:00Z\"}";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private WebhookReceiver receiver;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.pathSegment(TOKEN))
                .on("*", (event, context) -> otel.getTracer("app").spanBuilder("handler's own").startSpan().end())
                .listener(RamphookTracing.of(otel))
                .inline()
                .build();
        HttpHandler ramphook = WebhookHttpHandler.of(receiver);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", exchange -> { // the container's HTTP server span, as an agent makes it
            Span http = otel.getTracer("container").spanBuilder("POST").setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope ignored = http.makeCurrent()) {
                ramphook.handle(exchange);
            } finally {
                http.end();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        receiver.close();
        threads.shutdownNow();
        otel.close();
    }

    private int post(String path, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private SpanData span(String name) {
        await().until(() -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getName().equals(name)));
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    @Test
    void aDeliveryIsAChildOfTheServerSpanWithTheSendersContextAsALinkAndItsHandlerRunsUnderIt() throws Exception {
        assertThat(post("/webhooks/zbd/" + TOKEN, "00-" + SENDER_TRACE + "-" + SENDER_SPAN + "-01")).isEqualTo(200);

        SpanData http = span("POST");
        SpanData delivery = span("receive /webhooks/zbd");
        assertThat(delivery.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(delivery.getParentSpanContext()).isEqualTo(http.getSpanContext()); // the container's span
        assertThat(delivery.getTraceId()).isNotEqualTo(SENDER_TRACE); // never the sender's trace
        assertThat(delivery.getLinks()).extracting(LinkData::getSpanContext).singleElement().satisfies(link -> {
            assertThat(link.getTraceId()).isEqualTo(SENDER_TRACE);
            assertThat(link.getSpanId()).isEqualTo(SENDER_SPAN);
        });
        assertThat(attribute(delivery, RamphookTracing.PROVIDER)).isEqualTo("zbd");
        assertThat(attribute(delivery, RamphookTracing.EVENT_NAME)).isEqualTo("RAMP_WIDGET.V1.BANK_CONNECTION.COMPLETED");
        assertThat(attribute(delivery, RamphookTracing.DEDUP_KEY)).isNotBlank()
                .isEqualTo(attribute(delivery, "messaging.message.id"));
        assertThat(attribute(delivery, RamphookTracing.OUTCOME)).isEqualTo("accepted");
        assertThat(attribute(delivery, RamphookTracing.REASON)).isEqualTo("accepted");
        assertThat(attribute(delivery, "messaging.destination.name")).isEqualTo("/webhooks/zbd");
        assertThat(delivery.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        SpanData run = span("process /webhooks/zbd");
        assertThat(run.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(run.getParentSpanContext()).isEqualTo(delivery.getSpanContext()); // inline: within the delivery
        assertThat(attribute(run, "messaging.operation.type")).isEqualTo("process");
        assertThat(attribute(run, RamphookTracing.DEDUP_KEY)).isEqualTo(attribute(delivery, RamphookTracing.DEDUP_KEY));
        assertThat(span("handler's own").getParentSpanContext()).isEqualTo(run.getSpanContext());

        assertThat(spans.getFinishedSpanItems()).allSatisfy(s -> assertThat(s.toString()).doesNotContain(TOKEN));
    }

    @Test
    void aRefusalIsASpanWithItsReasonAndNoErrorStatus() throws Exception {
        assertThat(post("/webhooks/zbd/wrong-token", null)).isEqualTo(401);

        SpanData delivery = span("receive /webhooks/zbd");
        assertThat(attribute(delivery, RamphookTracing.OUTCOME)).isEqualTo("refused");
        assertThat(attribute(delivery, RamphookTracing.REASON)).isEqualTo("not_authenticated");
        assertThat(delivery.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET); // the sender's error, not ours
        assertThat(delivery.getLinks()).isEmpty();
        assertThat(delivery.toString()).doesNotContain("wrong-token");
        await().until(() -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getName().equals("POST")));
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                .containsExactlyInAnyOrderElementsOf(List.of("receive /webhooks/zbd", "POST")); // no handler ran
    }
}
