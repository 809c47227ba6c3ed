package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.store.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A user who starts the example without its variables and sends from a second shell: the example prints the one
 * {@code export} line to paste there, naming every variable the README's "Try it" curl lines use; a delivery refused
 * with 401 at an endpoint whose secret was generated says so in a log line, without the secret; {@code --help}
 * prints the usage and exits 0.
 */
class GeneratedSecretsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("zbd", "generated-zbd-token-0123456789");
        secrets.put("mecash", "given-mecash-secret");
        return secrets;
    }

    @Test
    void theStartUpLinesGiveOneExportLineWithEveryGeneratedSecretAndNoGivenOne() {
        GeneratedSecrets generated = GeneratedSecrets.of(secrets(), Set.of("zbd"), line -> { });

        assertThat(generated.startupLines()).containsExactly(
                "Secrets generated for this run (their variables are unset); in the shell you send from, paste:",
                "  export ZBD_WEBHOOK_TOKEN=generated-zbd-token-0123456789");
        assertThat(GeneratedSecrets.of(secrets(), Set.of(), line -> { }).startupLines()).isEmpty();
    }

    @Test
    void theReadmeTryItShowsThePrintedLinesAndItsCurlsUseOnlyTheExportedVariables() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Try it: the Jetty example");
        assertThat(start).as("README section").isPositive();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        GeneratedSecrets generated = GeneratedSecrets.of(secrets(), Set.of("zbd", "mecash"), line -> { });
        List<String> printed = generated.startupLines();

        assertThat(section).contains(printed.get(0));
        Set<String> used = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{?([A-Z_]+_WEBHOOK_(?:TOKEN|SECRET))").matcher(section);
        while (variable.find()) {
            used.add(variable.group(1));
        }
        assertThat(used).containsExactly("MECASH_WEBHOOK_SECRET", "ZBD_WEBHOOK_TOKEN");
        for (String name : used) {
            assertThat(printed.get(1)).contains(" " + name + "=");
            assertThat(section).contains(" " + name + "=");   // the README's sample export line names it too
        }
    }

    @Test
    void a401AtAnEndpointWithAGeneratedSecretSaysSoOnceAndNeverPrintsTheSecret() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Map<String, String> secrets = secrets();
        GeneratedSecrets generated = GeneratedSecrets.of(secrets, Set.of("zbd"), lines::add);
        try (JettyExample app = JettyExample.start(new JettyExample.Options(0, null, null, null,
                EventStore.inMemory(), 1 << 20, null, Duration.ofSeconds(10), null), secrets, Retries.DEFAULT, generated)) {
            HttpResponse<String> wrong = post(app.uri(), "/webhooks/zbd?token=the-shell-has-another-token");
            HttpResponse<String> again = post(app.uri(), "/webhooks/zbd?token=the-shell-has-another-token");
            HttpResponse<String> meCash = post(app.uri(), "/webhooks/mecash");

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(again.statusCode()).isEqualTo(401);
            assertThat(meCash.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain(secrets.get("zbd"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
        }
        // Jetty has logged every request once the server has stopped.
        assertThat(lines).singleElement().asString()
                .contains("401 at /webhooks/zbd", "ZBD_WEBHOOK_TOKEN", "generated at start-up", "export")
                .doesNotContain(secrets.get("zbd"));
    }

    @Test
    void helpPrintsTheUsageAndExitsZeroEverywhere() {
        Run main = run(List.of("--help"));
        Run send = run(List.of("send", "--help"));
        Run sendH = run(List.of("send", "-h"));
        Run unknown = run(List.of("frobnicate"));

        assertThat(main.code()).isZero();
        assertThat(main.out()).startsWith("usage: java -jar ramphook-jetty-example.jar").contains(" send <provider>");
        assertThat(send.code()).isZero();
        assertThat(send.out()).startsWith("usage: java -jar ramphook-jetty-example.jar send <provider> <event>");
        assertThat(sendH.code()).isZero();
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("usage: ");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JettyExample.command(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(URI base, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
