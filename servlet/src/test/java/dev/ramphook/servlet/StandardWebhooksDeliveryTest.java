package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code auth=standard-webhooks} end to end through a servlet container over real HTTP: the signature covers
 * {@code webhook-id.webhook-timestamp.body}, and the {@code webhook-id} (not the body) is the deduplication key.
 */
class StandardWebhooksDeliveryTest {

    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Keys HANDLED = new Keys();
    private static JettyApp app;
    private static byte[] body;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = StandardWebhooksDeliveryTest.class.getResourceAsStream("/payloads/echo-sent.json")) {
            body = in.readAllBytes();
        }
        Map<String, String> parameters = Map.of(
                "ramphook.endpoint.echo.path", "/webhooks/echo",
                "ramphook.endpoint.echo.auth", "standard-webhooks",
                "ramphook.endpoint.echo.secret-env", "ECHO_WHSEC");
        app = new JettyApp("/", context -> {
            parameters.forEach(context::setInitParameter);
            context.addServletContainerInitializer(new WebhookInitializer(
                    name -> Optional.ofNullable(name.equals("ECHO_WHSEC") ? WHSEC : null)));
            context.addEventListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    event.getServletContext().setAttribute(WebhookInitializer.HANDLERS_ATTRIBUTE, List.of(HANDLED));
                }
            });
        }).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> deliver(String id, long timestamp, byte[] signed, byte[] sent)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri("/webhooks/echo"))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Hmac.standardWebhooks(WHSEC, id, timestamp, signed))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String status(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 401);
        return response.statusCode() + " " + JSON.readTree(response.body()).path("status").asText();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void signedDeliveryIsHandledUnderItsWebhookId() throws Exception {
        assertThat(status(deliver("msg_first", now(), body, body))).isEqualTo("200 accepted");

        assertThat(HANDLED.keys).contains("msg_first").doesNotContain("body-key-1");
    }

    @Test
    void sameSignedBytesSentTwiceAreADuplicateHandledOnce() throws Exception {
        long t = now();

        assertThat(status(deliver("msg_twice", t, body, body))).isEqualTo("200 accepted");
        assertThat(status(deliver("msg_twice", t, body, body))).isEqualTo("200 duplicate");
        assertThat(HANDLED.keys.stream().filter("msg_twice"::equals)).hasSize(1);
    }

    @Test
    void redeliveryWithAFreshTimestampAndSignatureIsADuplicate() throws Exception {
        long t = now();

        assertThat(status(deliver("msg_retried", t - 60, body, body))).isEqualTo("200 accepted");
        assertThat(status(deliver("msg_retried", t, body, body))).isEqualTo("200 duplicate");
    }

    @Test
    void sameBodyUnderAnotherWebhookIdIsAnotherEvent() throws Exception {
        long t = now();

        assertThat(status(deliver("msg_one_of_two", t, body, body))).isEqualTo("200 accepted");
        assertThat(status(deliver("msg_two_of_two", t, body, body))).isEqualTo("200 accepted");
    }

    @Test
    void bodyChangedAfterSigningIs401() throws Exception {
        byte[] changed = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("12.50", "99.50")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> response = deliver("msg_tampered", now(), body, changed);

        assertThat(status(response)).isEqualTo("401 rejected");
        assertThat(response.body()).contains("no matching signature");
        assertThat(HANDLED.keys).doesNotContain("msg_tampered");
    }

    @Test
    void timestampOlderThanFiveMinutesIs401() throws Exception {
        HttpResponse<String> response = deliver("msg_stale", now() - 301 - 60, body, body);

        assertThat(status(response)).isEqualTo("401 rejected");
        assertThat(response.body()).contains("timestamp outside tolerance");
    }

    @Test
    void deliveryWithoutTheSignatureHeadersIs401() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(app.uri("/webhooks/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(status(response)).isEqualTo("401 rejected");
        assertThat(response.body()).contains("missing signature header webhook-id");
    }

    /** The keys of the events the application's handler ran for. */
    static final class Keys {
        final List<String> keys = new CopyOnWriteArrayList<>();

        @OnEvent("*")
        void any(WebhookEvent<?> event) {
            keys.add(event.key());
        }
    }
}
