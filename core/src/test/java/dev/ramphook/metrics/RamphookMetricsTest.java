package dev.ramphook.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.ShopProvider;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Meters read from a SimpleMeterRegistry after real deliveries over HTTP (the JDK server) to a bound receiver. */
class RamphookMetricsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "metrics-test-secret";
    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private volatile boolean failing;
    private WebhookReceiver receiver;
    private JdkHttpAdapter http;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/shop", new ShopProvider(), HmacSignature.sha256Hex("X-Signature", SECRET))
                .on("*", (event, context) -> {
                    if (failing) {
                        throw new IllegalStateException("ledger down");
                    }
                })
                .inline()
                .build();
        new RamphookMetrics(receiver).bindTo(registry);
        http = JdkHttpAdapter.serve(receiver, 0);
    }

    @AfterEach
    void stop() {
        http.close();
        receiver.close();
    }

    @Test
    void acceptedDuplicateAndRefusedDeliveriesAreCountedByOutcomeReasonAndStatus() throws Exception {
        assertThat(post(PAID, sign(PAID)).statusCode()).isEqualTo(200);
        assertThat(post(PAID, sign(PAID)).statusCode()).isEqualTo(200);
        assertThat(post(PAID, "00ff").statusCode()).isEqualTo(401);

        assertThat(deliveries("accepted", "accepted", "200")).isEqualTo(1);
        assertThat(deliveries("duplicate", "duplicate", "200")).isEqualTo(1);
        assertThat(deliveries("refused", "not_authenticated", "401")).isEqualTo(1);
        assertThat(registry.get("ramphook.deliveries").tag("reason", "accepted").timer().totalTime(TimeUnit.NANOSECONDS))
                .isPositive();
        assertThat(registry.get("ramphook.deliveries").tag("reason", "accepted").tag("event", "SHOP.V1.ORDER.PAID")
                .tag("endpoint", "/webhooks/shop").tag("provider", "shop").timer().count()).isEqualTo(1);
        assertThat(registry.get("ramphook.verification.failures").tag("reason", "not_authenticated")
                .tag("endpoint", "/webhooks/shop").counter().count()).isEqualTo(1);
        assertThat(registry.get("ramphook.delivery.body").summary().count()).isEqualTo(3);
        assertThat(registry.get("ramphook.delivery.body").summary().totalAmount())
                .isEqualTo(3.0 * PAID.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void handlerRunsAndAttemptsAreCountedByHandlerAndOutcome() throws Exception {
        failing = true;
        assertThat(post(PAID, sign(PAID)).statusCode()).isEqualTo(500);
        failing = false;
        assertThat(post(PAID, sign(PAID)).statusCode()).isEqualTo(200);

        assertThat(registry.get("ramphook.handler.runs").tag("handler", "on[0]:*").tag("outcome", "failed")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("ramphook.handler.runs").tag("handler", "on[0]:*").tag("outcome", "succeeded")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("ramphook.attempts").tag("provider", "shop").tag("result", "retry").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("ramphook.attempts").tag("provider", "shop").tag("result", "handled").counter()
                .count()).isEqualTo(1);
        assertThat(deliveries("failed", "handler_failed", "500")).isEqualTo(1);
    }

    @Test
    void storeOperationsAreTimedByOperation() throws Exception {
        post(PAID, sign(PAID));

        assertThat(registry.get("ramphook.store.operations").tag("operation", "record").tag("outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("ramphook.store.operations").tag("operation", "complete").timer().count())
                .isEqualTo(1);
    }

    @Test
    void backlogGaugesReadTheStore() throws Exception {
        failing = true;
        post(PAID, sign(PAID)); // inline: the failed event stays pending until the provider redelivers it

        await().untilAsserted(() -> assertThat(registry.get("ramphook.backlog").tag("provider", "shop").gauge()
                .value()).isEqualTo(1.0));
        assertThat(registry.get("ramphook.dead.letters").tag("provider", "shop").gauge().value()).isZero();
        assertThat(registry.get("ramphook.backlog.oldest.age").timeGauge().value(TimeUnit.SECONDS))
                .isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void noTagCarriesTheSecretTheSignatureOrAPayloadValue() throws Exception {
        String body = ShopProvider.body("SHOP.V1.ORDER.PAID", "payload-value-123");
        post(body, sign(body));
        post(body, "deadbeef-signature");

        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).doesNotContain(SECRET).doesNotContain("payload-value-123")
                        .doesNotContain("deadbeef").doesNotContain(sign(body));
            }
        }
    }

    private double deliveries(String outcome, String reason, String status) {
        return registry.get("ramphook.deliveries").tag("outcome", outcome).tag("reason", reason).tag("status", status)
                .timer().count();
    }

    private HttpResponse<String> post(String body, String signature) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + http.port() + "/webhooks/shop");
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
