package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.metrics.RamphookMetrics;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.zbd.ZbdRamp;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meters after real deliveries through the filter on Jetty 12: accepted and duplicate ones read by the async body
 * read, and refusals the filter answers before reading a byte (which never reach {@code receive}).
 */
class JettyMetricsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "jetty-metrics-url-token";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private WebhookReceiver receiver;
    private JettyApp app;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(TOKEN))
                .on("*", (event, context) -> { })
                .inline()
                .build();
        new RamphookMetrics(receiver).bindTo(registry);
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
    }

    @Test
    void deliveriesAndRefusalsBeforeTheBodyAreCounted() throws Exception {
        byte[] settled = Seeds.read("zbd/payment-settled.json");
        assertThat(post("/webhooks/zbd?token=" + TOKEN, "application/json", settled)).isEqualTo(200);
        assertThat(post("/webhooks/zbd?token=" + TOKEN, "application/json", settled)).isEqualTo(200);
        assertThat(post("/webhooks/zbd?token=wrong", "application/json", settled)).isEqualTo(401);
        assertThat(post("/webhooks/zbd?token=" + TOKEN, "text/plain", settled)).isEqualTo(415);

        assertThat(count("accepted", "200")).isEqualTo(1);
        assertThat(count("duplicate", "200")).isEqualTo(1);
        assertThat(count("not_authenticated", "401")).isEqualTo(1);
        assertThat(count("unsupported_media_type", "415")).isEqualTo(1);
        assertThat(registry.get("ramphook.deliveries").tag("reason", "accepted")
                .tag("event", "RAMP_WIDGET.V1.PAYMENT.SETTLED").tag("endpoint", "/webhooks/zbd").tag("provider", "zbd")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("ramphook.verification.failures").counter().count()).isEqualTo(1);
        assertThat(registry.get("ramphook.delivery.body").summary().count()).isEqualTo(2); // refusals read none
        assertThat(registry.get("ramphook.handler.runs").tag("outcome", "succeeded").timer().count()).isEqualTo(1);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).extracting(Tag::getValue).noneMatch(v -> v.contains(TOKEN));
        }
    }

    private double count(String reason, String status) {
        return registry.get("ramphook.deliveries").tag("reason", reason).tag("status", status).timer().count();
    }

    private int post(String pathAndQuery, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri(pathAndQuery)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
