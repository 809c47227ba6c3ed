package dev.ramphook.example.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.store.EventStore;
import dev.ramphook.testkit.Sample;
import dev.ramphook.testkit.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example's {@code send} command over real HTTP against the running example: a provider's documented sample,
 * signed with the secret from the example's own variable, is accepted and then a duplicate; a wrong secret, an
 * unknown provider or event, or an unset variable fail with a clear message and a non-zero exit code.
 */
class JettyExampleSendTest {

    private static final String ZBD_TOKEN = "send-zbd-token";
    private static final String MECASH_SECRET = "send-mecash-secret";
    private static JettyExample app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("zbd", ZBD_TOKEN);
        secrets.put("mecash", MECASH_SECRET);
        app = JettyExample.start(new JettyExample.Options(0, null, null, null, EventStore.inMemory(), 1 << 20, null,
                Duration.ofSeconds(10), null), secrets);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    /** One run of the command: exit code, standard output and standard error. */
    private record Run(int code, String out, String err) {
    }

    private static Run send(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Send.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> env() {
        return Map.of("MECASH_WEBHOOK_SECRET", MECASH_SECRET, "ZBD_WEBHOOK_TOKEN", ZBD_TOKEN);
    }

    @Test
    void aMeCashSampleIsAcceptedThenADuplicate() {
        String to = app.uri() + "/webhooks/mecash";

        Run first = send(env(), "mecash", "ramp.payout.completed", "--to", to);
        Run again = send(env(), "mecash", "ramp.payout.completed", "--to", to);

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("POST " + to + " ramp.payout.completed (sample ramp-payout-completed-off-ramp.json")
                .contains("200 {\"status\":\"accepted\"}");
        assertThat(again.out()).contains("200 {\"status\":\"duplicate\"}");
        assertThat(again.code()).isZero();
    }

    @Test
    void aZbdSampleCarriesTheTokenInTheUrlUnprintedAndTheDefaultTargetFollowsPort() {
        Map<String, String> env = new LinkedHashMap<>(env());
        env.put("PORT", Integer.toString(app.port()));

        Run first = send(env, "zbd", "PAYMENT.SETTLED");
        Run again = send(env, "zbd", "PAYMENT.SETTLED");

        assertThat(first.out()).contains("POST " + app.uri() + "/webhooks/zbd RAMP_WIDGET.V1.PAYMENT.SETTLED")
                .contains("200 {\"status\":\"accepted\"}").doesNotContain(ZBD_TOKEN);
        assertThat(again.out()).contains("200 {\"status\":\"duplicate\"}");
    }

    @Test
    void everyProviderOnTheClassPathIsServedWithItsOwnAuthenticationAndItsSamplesAreAccepted() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> notes = ProviderSecrets.addOthers(Map.of("RAMPNETWORK_WEBHOOK_SECRET", "example-test-key"),
                secrets);

        assertThat(secrets.keySet()).containsAll(Samples.all().keySet());
        assertThat(notes.stream().filter(note -> note.contains(" is not set; generated for this run: ")))
                .hasSize(secrets.size() - 1);
        assertThat(notes).contains("WARN: RAMPNETWORK_WEBHOOK_SECRET=example-test-key: /webhooks/rampnetwork trusts"
                + " the example's PUBLISHED TEST key (ExampleTestKeys): ANYONE can sign deliveries it accepts. For"
                + " local tries with send only; never on a server that receives real payments");
        try (JettyExample all = JettyExample.start(new JettyExample.Options(0, null, null, null, EventStore.inMemory(),
                1 << 20, null, Duration.ofSeconds(10), null), secrets)) {
            for (Map.Entry<String, List<Sample>> provider : Samples.all().entrySet()) {
                String id = provider.getKey();
                Sample sample = provider.getValue().get(0);
                HttpResponse<String> answer = (id.equals("rampnetwork")
                        ? sample.signed("/webhooks/" + id, ExampleTestKeys.of(id).orElseThrow())
                        : sample.signed("/webhooks/" + id, secrets.get(id))).post(all.uri());
                assertThat(answer.body()).as(id).isEqualTo("{\"status\":\"accepted\"}");
            }
        }
    }

    /**
     * The "send against the running example for each provider": the example started as main() starts it
     * (every provider on the class path, secrets from the environment or generated, Ramp Network on the example's
     * test key by opt-in), and the send command, given the same environment, posts one sample of every provider in the
     * catalog over real HTTP: accepted, then a duplicate. Ramp Network needs the explicit opt-in for both.
     */
    @Test
    void sendForEveryProviderInTheCatalogIsAcceptedThenADuplicate() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("zbd", ZBD_TOKEN);
        secrets.put("mecash", MECASH_SECRET);
        ProviderSecrets.addOthers(Map.of("RAMPNETWORK_WEBHOOK_SECRET", "example-test-key"), secrets);
        Map<String, String> env = new LinkedHashMap<>();
        secrets.forEach((id, secret) -> env.put(ProviderSecrets.variable(id), secret));
        env.put("RAMPNETWORK_WEBHOOK_SECRET", "example-test-key"); // the same opt-in for send as for the example
        try (JettyExample all = JettyExample.start(new JettyExample.Options(0, null, null, null, EventStore.inMemory(),
                1 << 20, null, Duration.ofSeconds(10), null), secrets)) {
            assertThat(Samples.all().keySet()).contains("zbd", "mecash", "moonpay", "transak", "rampnetwork",
                    "revolut", "onramper");
            for (Map.Entry<String, List<Sample>> provider : Samples.all().entrySet()) {
                String id = provider.getKey();
                String event = provider.getValue().get(0).event();
                String to = all.uri() + "/webhooks/" + id;

                Run first = send(env, id, event, "--to", to);
                Run again = send(env, id, event, "--to", to);

                assertThat(first.code()).as(id + ": " + first.err() + first.out()).isZero();
                assertThat(first.out()).as(id).startsWith("POST " + to + " " + event + " (sample ")
                        .endsWith("200 {\"status\":\"accepted\"}" + System.lineSeparator());
                assertThat(again.out()).as(id).endsWith("200 {\"status\":\"duplicate\"}" + System.lineSeparator());
                assertThat(again.code()).as(id).isZero();
            }
            // What GET /events shows for each: the provider's data, never null (four of the seven send no "data").
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(all.uri() + "/events")).GET().build(), HttpResponse.BodyHandlers.ofString());
            Map<String, JsonNode> shown = new LinkedHashMap<>();
            new ObjectMapper().readTree(page.body()).forEach(entry -> shown.put(entry.path("provider").asText(),
                    entry.path("data")));
            assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(Samples.all().keySet());
            shown.forEach((id, data) -> assertThat(data.isObject() && data.size() > 0).as(id + ": " + data).isTrue());
        }
    }

    @Test
    void rampNetworkIsSignedWithTheExampleTestKeyAndAReceiverTrustingRampsOwnKeyRefusesIt() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("zbd", ZBD_TOKEN);
        secrets.put("mecash", MECASH_SECRET);
        secrets.put("rampnetwork", "production");
        try (JettyExample ramp = JettyExample.start(new JettyExample.Options(0, null, null, null,
                EventStore.inMemory(), 1 << 20, null, Duration.ofSeconds(10), null), secrets)) {
            Run refused = send(Map.of("RAMPNETWORK_WEBHOOK_SECRET", "example-test-key"), "rampnetwork", "RELEASED",
                    "--to", ramp.uri() + "/webhooks/rampnetwork");

            assertThat(refused.out()).contains(", signed with the example's TEST key").contains("401 ")
                    .contains("no matching signature");
            assertThat(refused.code()).isEqualTo(1);
        }
    }

    /**
     * The forged purchase: by default the example does not serve Ramp Network at all, so a RELEASED purchase
     * signed with the key published in this repository is not accepted (404: no such endpoint), start-up says how to
     * turn it on, and send says what to set instead of signing.
     */
    @Test
    void byDefaultRampNetworkIsOffAndAPurchaseSignedWithThePublishedKeyIsNotAccepted() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("zbd", ZBD_TOKEN);
        secrets.put("mecash", MECASH_SECRET);
        List<String> notes = ProviderSecrets.addOthers(Map.of(), secrets);

        assertThat(secrets).doesNotContainKey("rampnetwork");
        assertThat(notes).contains("/webhooks/rampnetwork is OFF: set RAMPNETWORK_WEBHOOK_SECRET to production,"
                + " staging or the provider's PEM public key for real deliveries, or"
                + " RAMPNETWORK_WEBHOOK_SECRET=example-test-key to try it locally with send (trusts the example's"
                + " PUBLISHED test key)");
        try (JettyExample example = JettyExample.start(new JettyExample.Options(0, null, null, null,
                EventStore.inMemory(), 1 << 20, null, Duration.ofSeconds(10), null), secrets)) {
            Sample released = Samples.find("rampnetwork", "RELEASED");
            HttpResponse<String> forged = released.signed("/webhooks/rampnetwork",
                    ExampleTestKeys.of("rampnetwork").orElseThrow()).post(example.uri());
            assertThat(forged.statusCode()).as(forged.body()).isEqualTo(404);

            Run unset = send(Map.of(), "rampnetwork", "RELEASED", "--to", example.uri() + "/webhooks/rampnetwork");
            assertThat(unset.code()).isEqualTo(2);
            assertThat(unset.err()).contains("set RAMPNETWORK_WEBHOOK_SECRET=example-test-key for both the running"
                    + " example");
            Run realKey = send(Map.of("RAMPNETWORK_WEBHOOK_SECRET", "production"), "rampnetwork", "RELEASED",
                    "--to", example.uri() + "/webhooks/rampnetwork");
            assertThat(realKey.code()).isEqualTo(2);
            assertThat(realKey.err()).contains("names the provider's real key, which this command cannot sign with");
            Run off = send(Map.of("RAMPNETWORK_WEBHOOK_SECRET", "example-test-key"), "rampnetwork", "RELEASED",
                    "--to", example.uri() + "/webhooks/rampnetwork");
            assertThat(off.code()).isEqualTo(1);
            assertThat(off.out()).contains("404 ");
            assertThat(off.err()).contains("start the example with RAMPNETWORK_WEBHOOK_SECRET=example-test-key");
        }
    }

    @Test
    void aWrongSecretIsRefusedWithExitCodeOne() {
        Run refused = send(Map.of("MECASH_WEBHOOK_SECRET", "not-the-secret"), "mecash", "ramp.payout.completed",
                "--to", app.uri() + "/webhooks/mecash");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("401 ").contains("no matching signature");
    }

    @Test
    void anUnknownProviderOrEventListsTheChoices() {
        Run provider = send(env(), "moonpie", "x");
        Run event = send(env(), "mecash", "ramp.payout.lost");

        assertThat(provider.code()).isEqualTo(2);
        assertThat(provider.err()).contains("unknown provider moonpie; choose one of ").contains("zbd, mecash");
        assertThat(event.code()).isEqualTo(2);
        assertThat(event.err()).contains("provider mecash has no sample of event ramp.payout.lost; choose one of"
                + " ramp.payout.completed");
    }

    @Test
    void anUnsetSecretOrAMalformedCommandLineSaysWhatToDo() {
        Run unset = send(Map.of(), "mecash", "ramp.payout.completed");
        Run malformed = send(env(), "mecash");

        assertThat(unset.code()).isEqualTo(2);
        assertThat(unset.err()).contains("set MECASH_WEBHOOK_SECRET");
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("usage: java -jar ramphook-jetty-example.jar send <provider> <event>");
    }
}
