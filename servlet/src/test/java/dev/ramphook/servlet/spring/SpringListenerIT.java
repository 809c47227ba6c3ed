package dev.ramphook.servlet.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.DeliveryListener.Reason;
import dev.ramphook.servlet.spring.app.listening.ListenerBeans;
import dev.ramphook.servlet.spring.app.listening.TracingBeans;
import dev.ramphook.servlet.spring.app.shop.ShopApplication;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every DeliveryListener bean of a Spring Boot application hears the auto-configured receiver, over real HTTP, and an
 * OpenTelemetry bean makes it trace.
 */
class SpringListenerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ConfigurableApplicationContext app;

    @BeforeAll
    static void secrets() {
        WebhookContainerContract.setSecrets();
    }

    @AfterEach
    void stop() {
        SpringApps.close(app);
    }

    @Test
    void everyListenerBeanHearsDeliveriesAndRefusals() throws Exception {
        app = SpringApps.run(new Class<?>[] {ShopApplication.class, ListenerBeans.class});

        assertThat(post("/webhooks/zbd?token=" + WebhookContainerContract.ZBD_TOKEN)).isEqualTo(200);
        assertThat(post("/webhooks/zbd?token=wrong")).isEqualTo(401);

        for (ListenerBeans.Heard heard : app.getBeansOfType(ListenerBeans.Heard.class).values()) {
            assertThat(heard.deliveries).extracting(d -> d.reason())
                    .containsExactly(Reason.ACCEPTED, Reason.NOT_AUTHENTICATED);
        }
        assertThat(app.getBeansOfType(ListenerBeans.Heard.class)).hasSize(2);
    }

    @Test
    void anOpenTelemetryBeanMakesTheReceiverTraceItsDeliveries() throws Exception {
        app = SpringApps.run(new Class<?>[] {ShopApplication.class, TracingBeans.class});

        assertThat(post("/webhooks/zbd?token=" + WebhookContainerContract.ZBD_TOKEN)).isEqualTo(200);

        assertThat(app.containsBean("ramphookTracing")).isTrue();
        InMemorySpanExporter spans = app.getBean(InMemorySpanExporter.class);
        await().untilAsserted(() -> assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                .contains("receive /webhooks/zbd"));
    }

    /**
     * The tracing listener follows the OpenTelemetry bean: none without one, and one with Spring Boot's own (with
     * Actuator on Spring Boot 3.5, Spring Boot defines an OpenTelemetry bean when the SDK is on the class path).
     */
    @Test
    void theTracingListenerExistsExactlyWhenAnOpenTelemetryBeanDoes() throws Exception {
        app = SpringApps.run(ShopApplication.class);

        assertThat(app.containsBean("ramphookTracing"))
                .isEqualTo(!app.getBeansOfType(OpenTelemetry.class).isEmpty());
    }

    private int post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(SpringApps.base(app).resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Seeds.read("zbd/payment-settled.json")))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
