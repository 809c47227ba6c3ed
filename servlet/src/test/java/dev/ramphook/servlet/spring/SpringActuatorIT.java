package dev.ramphook.servlet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.servlet.spring.app.down.DownStore;
import dev.ramphook.servlet.spring.app.shop.ShopApplication;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shop application with Spring Boot Actuator (and Micrometer) on its class path, configured only by properties:
 * {@code /actuator/health} shows the {@code ramphook} component, DOWN when its store fails, and
 * {@code /actuator/metrics} shows the receiver's meters after a delivery. The build runs this class in executions of
 * its own, with Actuator added to the class path: once on Spring Boot 4 (its new health packages), once on 3.5.
 */
class SpringActuatorIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACTUATOR = {"--management.endpoints.web.exposure.include=health,metrics",
        "--management.endpoint.health.show-details=always"};

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
    void healthShowsTheRamphookComponentWithItsDetails() throws Exception {
        app = SpringApps.run(ShopApplication.class, ACTUATOR);

        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode ramphook = JSON.readTree(health.body()).path("components").path("ramphook");
        assertThat(ramphook.path("status").asText()).as(health.body()).isEqualTo("UP");
        assertThat(ramphook.path("details").path("storeReachable").asBoolean()).isTrue();
        assertThat(ramphook.path("details").path("pending").asLong(-1)).isZero();
        assertThat(ramphook.path("details").path("maxPendingAgeSeconds").asLong()).isEqualTo(600);
    }

    @Test
    void aStoreThatFailsMakesTheComponentAndTheApplicationDown() throws Exception {
        app = SpringApps.run(new Class<?>[] {ShopApplication.class, DownStore.class}, ACTUATOR);

        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        JsonNode ramphook = JSON.readTree(health.body()).path("components").path("ramphook");
        assertThat(ramphook.path("status").asText()).isEqualTo("DOWN");
        assertThat(ramphook.path("details").path("storeReachable").asBoolean(true)).isFalse();
        assertThat(ramphook.path("details").path("problems").toString()).contains("event store did not answer");
    }

    @Test
    void theMetersAreBoundToTheApplicationsRegistry() throws Exception {
        app = SpringApps.run(ShopApplication.class, ACTUATOR);
        HttpResponse<String> delivery = HTTP.send(HttpRequest.newBuilder(
                        uri("/webhooks/zbd?token=" + WebhookContainerContract.ZBD_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Seeds.read("zbd/payment-settled.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);

        HttpResponse<String> accepted = get("/actuator/metrics/ramphook.deliveries?tag=reason:accepted");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode meter = JSON.readTree(accepted.body());
        List<String> tags = new ArrayList<>();
        meter.path("availableTags").forEach(t -> tags.add(t.path("tag").asText()));
        assertThat(tags).contains("endpoint", "provider", "event", "outcome", "status");
        assertThat(meter.path("measurements").get(0).path("statistic").asText()).isEqualTo("COUNT");
        assertThat(meter.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
        assertThat(get("/actuator/metrics/ramphook.backlog").statusCode()).isEqualTo(200);
    }

    private URI uri(String path) {
        return SpringApps.base(app).resolve(path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
