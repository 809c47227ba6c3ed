package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.DeliveryListener;
import dev.ramphook.DeliveryListener.Reason;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.opentelemetry.RamphookTracing;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.zbd.ZbdRamp;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener SPI and tracing through the filter on Jetty 12, over real HTTP: a delivery read by the async body read
 * is a span linked (never parented) to the sender's traceparent, with its handler run inside it; refusals the filter
 * answers before reading a byte are heard and traced too.
 */
class JettyTracingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "jetty-tracing-url-token";
    private static final String SENDER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private final List<DeliveryListener.Delivery> heard = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;
    private JettyApp app;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(TOKEN))
                .on("*", (event, context) -> { })
                .inline()
                .listener(RamphookTracing.of(otel))
                .listener(new DeliveryListener() {
                    @Override
                    public void delivered(Delivery delivery) {
                        heard.add(delivery);
                    }
                })
                .build();
        app = new JettyApp("/", context -> {
            FilterHolder filter = new FilterHolder(new WebhookFilter(receiver));
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        }).start();
    }

    @AfterEach
    void stop() {
        app.close();
        receiver.close();
        otel.close();
    }

    @Test
    void aDeliveryAndARefusalBeforeTheBodyAreHeardAndTraced() throws Exception {
        byte[] settled = Seeds.read("zbd/payment-settled.json");
        assertThat(post("/webhooks/zbd?token=" + TOKEN, "application/json", settled,
                "00-" + SENDER_TRACE + "-00f067aa0ba902b7-01")).isEqualTo(200);
        assertThat(post("/webhooks/zbd?token=" + TOKEN, "text/plain", settled, null)).isEqualTo(415);

        assertThat(heard).extracting(DeliveryListener.Delivery::reason)
                .containsExactly(Reason.ACCEPTED, Reason.UNSUPPORTED_MEDIA_TYPE);
        await().until(() -> spans.getFinishedSpanItems().size() == 3);
        List<SpanData> deliveries = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("receive /webhooks/zbd")).toList();
        assertThat(deliveries).extracting(s -> s.getAttributes().get(AttributeKey.stringKey(RamphookTracing.REASON)))
                .containsExactly("accepted", "unsupported_media_type");
        SpanData accepted = deliveries.get(0);
        assertThat(accepted.getTraceId()).isNotEqualTo(SENDER_TRACE);
        assertThat(accepted.getLinks()).extracting(LinkData::getSpanContext)
                .extracting(c -> c.getTraceId()).containsExactly(SENDER_TRACE);
        assertThat(accepted.getAttributes().get(AttributeKey.stringKey(RamphookTracing.EVENT_NAME)))
                .isEqualTo("RAMP_WIDGET.V1.PAYMENT.SETTLED");
        SpanData run = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("process /webhooks/zbd")).findFirst().orElseThrow();
        assertThat(run.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(run.getParentSpanContext()).isEqualTo(accepted.getSpanContext());
        assertThat(spans.getFinishedSpanItems()).allSatisfy(s -> assertThat(s.toString()).doesNotContain(TOKEN));
    }

    private int post(String pathAndQuery, String contentType, byte[] body, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(pathAndQuery)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
