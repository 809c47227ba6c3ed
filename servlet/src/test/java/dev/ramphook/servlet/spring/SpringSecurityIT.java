package dev.ramphook.servlet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.servlet.spring.app.shop.ShopApplication;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shop application with Spring Security on its class path and Spring Boot's default security (every request
 * authenticated, CSRF protection on): a provider's POST, which carries neither a login nor a CSRF token, is answered
 * by ramphook, whose filter runs ahead of Spring Security's chain; every other path stays secured. The build runs
 * this class in executions of its own, with the Spring Security jars added to the class path.
 */
class SpringSecurityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        WebhookContainerContract.setSecrets();
        app = SpringApps.run(ShopApplication.class);
    }

    @AfterAll
    static void stop() {
        SpringApps.close(app);
    }

    @Test
    void springSecurityGuardsTheApplicationsOwnPaths() throws Exception {
        HttpResponse<String> events = send(HttpRequest.newBuilder(uri("/events")).GET().build());
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(app.containsBean("springSecurityFilterChain")).isTrue();
        assertThat(events.statusCode()).isEqualTo(401);
        assertThat(post.statusCode()).isIn(401, 403);
    }

    @Test
    void aSignedMeCashDeliveryWithoutLoginOrCsrfTokenIsAccepted() throws Exception {
        byte[] body = Seeds.read("mecash/ramp-payout-completed-off-ramp.json");

        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/mecash"))
                .header("Content-Type", "application/json")
                .header("X-Signature", WebhookContainerContract.hmacSha512Hex(WebhookContainerContract.MECASH_SECRET,
                        body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("status").asText()).isIn("accepted", "duplicate");
    }

    @Test
    void aZbdDeliveryWithItsUrlTokenIsAccepted() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/zbd?token="
                        + WebhookContainerContract.ZBD_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Seeds.read("zbd/payment-settled.json"))).build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aForgedDeliveryIsRefusedByRamphooksOwnCheck() throws Exception {
        byte[] body = Seeds.read("mecash/ramp-payout-completed-off-ramp.json");

        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/mecash"))
                .header("Content-Type", "application/json")
                .header("X-Signature", WebhookContainerContract.hmacSha512Hex("forged", body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(answer.body()).path("status").asText()).isEqualTo("rejected"); // ramphook's answer
    }

    private static URI uri(String path) {
        return URI.create(SpringApps.base(app) + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
