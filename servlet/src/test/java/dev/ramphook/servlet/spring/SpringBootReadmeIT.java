package dev.ramphook.servlet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.servlet.spring.app.readme.Orders;
import dev.ramphook.servlet.spring.app.readme.ReadmeApplication;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot recipe of docs/spring-boot.md as a new user runs it: the dependency, the four lines of properties
 * it shows (its {@code readme.properties} is checked against the guide's text), the secrets in the environment's
 * place (system properties), and its {@code @Component} handler; a ZBD and a signed meCash delivery reach the handler.
 */
class SpringBootReadmeIT {

    private static final String ZBD_TOKEN = "readme-zbd-token";
    private static final String MECASH_SECRET = "readme-mecash-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        System.setProperty("ZBD_WEBHOOK_TOKEN", ZBD_TOKEN);
        System.setProperty("MECASH_WEBHOOK_SECRET", MECASH_SECRET);
        // Only the port differs from a user's run: any free one, on loopback.
        app = SpringApps.run(ReadmeApplication.class, "--spring.config.name=readme", "--server.port=0",
                "--server.address=127.0.0.1");
    }

    @AfterAll
    static void stop() {
        SpringApps.close(app);
        System.clearProperty("ZBD_WEBHOOK_TOKEN");
        System.clearProperty("MECASH_WEBHOOK_SECRET");
    }

    @Test
    void theGuideShowsExactlyThisConfiguration() throws Exception {
        // The guide indents the block inside a numbered step.
        String readme = Files.readString(Path.of("..", "docs", "spring-boot.md"), StandardCharsets.UTF_8)
                .replaceAll("(?m)^ +", "");
        String properties = new String(getClass().getResourceAsStream("/readme.properties").readAllBytes(),
                StandardCharsets.UTF_8);

        assertThat(readme).contains(properties);
    }

    @Test
    void aZbdDeliveryWithTheTokenReachesTheInjectedHandler() throws Exception {
        byte[] body = Seeds.read("zbd/payment-settled.json");
        JsonNode data = JSON.readTree(body).path("data");

        HttpResponse<String> answer = post("/webhooks/zbd?token=" + ZBD_TOKEN, body, null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(app.getBean(Orders.class).paid).contains(data.path("session_id").asText() + " "
                + data.path("base_amount").asText());
    }

    @Test
    void aSignedMeCashDeliveryReachesTheInjectedHandler() throws Exception {
        byte[] body = Seeds.read("mecash/ramp-payout-completed-off-ramp.json");

        HttpResponse<String> answer = post("/webhooks/mecash", body,
                WebhookContainerContract.hmacSha512Hex(MECASH_SECRET, body));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(app.getBean(Orders.class).paidOut)
                .contains(JSON.readTree(body).path("data").path("id").asText());
    }

    @Test
    void aMeCashDeliverySignedWithAnotherSecretIsRefused() throws Exception {
        byte[] body = Seeds.read("mecash/ramp-payout-completed-off-ramp.json");

        HttpResponse<String> answer = post("/webhooks/mecash", body,
                WebhookContainerContract.hmacSha512Hex("not-" + MECASH_SECRET, body));

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> post(String path, byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SpringApps.base(app) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
