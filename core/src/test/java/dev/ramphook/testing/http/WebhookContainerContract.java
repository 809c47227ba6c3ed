package dev.ramphook.testing.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every HTTP stack must do with a receiver, over real HTTP with the JDK's client only (any stack can run it: a
 * servlet container with the filter, the JDK server, Jakarta REST, Vert.x). A subclass starts an application with
 * {@link #parameters()} as {@code ramphook.*} configuration (secrets from the system properties
 * {@link #setSecrets()} sets), a catch-all handler served at {@code GET <base>/events} as a JSON array of
 * {@code {provider, event, key, data}}, a second application at {@link #downBase()} whose store is
 * {@link FailingStore} and a short body read deadline ({@link #downParameters()}), a third at {@link #fencedBase()}
 * configured with {@link #fencedParameters()} on top, and a fourth at {@link #flakyBase()} whose handlers fail until
 * {@link #fixFlakyHandlers()}. Servlet containers also run {@link HostileSenderContract} (as a nested class).
 */
public abstract class WebhookContainerContract {

    public static final String ZBD_TOKEN = "zbd-it-token";
    public static final String MECASH_SECRET = "mecash-it-secret";
    public static final int MAX_BODY_BYTES = 16_384;
    /** The private range both endpoints of the fenced application allow: the loopback test client is outside it. */
    public static final String FENCED_ALLOWED_IPS = "10.0.0.0/8";
    /** The fenced application believes the forwarding header of loopback peers: the test client plays the proxy. */
    public static final String FENCED_TRUSTED_PROXIES = "127.0.0.1";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * HTTP/1.1 as providers send it: the JDK client's default offers an {@code h2c} upgrade on every first request,
     * a POST's too, and some servers (Grizzly) then take the body for the upgraded protocol's and never see it.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The base URI of the application, such as {@code http://127.0.0.1:54321/shop}, without a trailing slash. */
    protected abstract URI base();

    /** The base URI of the same application configured with {@link #downParameters()}. */
    protected abstract URI downBase();

    /** The base URI of the same application with {@link #fencedParameters()} added to its configuration. */
    protected abstract URI fencedBase();

    /**
     * The base URI of the same application (in-memory store, inline handling) whose handlers fail on every
     * delivery until {@link #fixFlakyHandlers()} is called.
     */
    protected abstract URI flakyBase();

    /** Removes the cause of {@link #flakyBase()}'s handler failures: from now on they succeed. */
    protected abstract void fixFlakyHandlers() throws Exception;

    /** The store that cannot record, and bodies read within {@link HostileSenderContract#DOWN_BODY_READ_TIMEOUT}. */
    public static Map<String, String> downParameters() {
        return Map.of("ramphook.store", FailingStore.class.getName(),
                "ramphook.body-read-timeout", String.valueOf(HostileSenderContract.DOWN_BODY_READ_TIMEOUT));
    }

    /** Both endpoints behind a source-address allowlist whose trusted proxy is the loopback test client. */
    public static Map<String, String> fencedParameters() {
        return Map.of(
                "ramphook.endpoint.zbd.allowed-ips", FENCED_ALLOWED_IPS,
                "ramphook.endpoint.zbd.trusted-proxies", FENCED_TRUSTED_PROXIES,
                "ramphook.endpoint.mecash.allowed-ips", FENCED_ALLOWED_IPS,
                "ramphook.endpoint.mecash.trusted-proxies", FENCED_TRUSTED_PROXIES);
    }

    /** The configuration under test; secrets are named, their values come from {@link #setSecrets()}. */
    public static Map<String, String> parameters() {
        return Map.of(
                "ramphook.endpoint.zbd.path", "/webhooks/zbd",
                "ramphook.endpoint.zbd.provider", "zbd",
                "ramphook.endpoint.zbd.auth", "url-token",
                "ramphook.endpoint.zbd.token-env", "RAMPHOOK_IT_ZBD_TOKEN",
                "ramphook.endpoint.mecash.path", "/webhooks/mecash",
                "ramphook.endpoint.mecash.provider", "mecash",
                "ramphook.endpoint.mecash.auth", "hmac-sha512-hex",
                "ramphook.endpoint.mecash.signature-header", "X-Signature",
                "ramphook.endpoint.mecash.secret-env", "RAMPHOOK_IT_MECASH_SECRET",
                "ramphook.max-body-bytes", String.valueOf(MAX_BODY_BYTES));
    }

    /** Makes the secrets {@link #parameters()} names available (as system properties, the environment's fallback). */
    public static void setSecrets() {
        System.setProperty("RAMPHOOK_IT_ZBD_TOKEN", ZBD_TOKEN);
        System.setProperty("RAMPHOOK_IT_MECASH_SECRET", MECASH_SECRET);
    }

    protected static List<String> seeds() {
        return Seeds.all();
    }

    @Test
    void seedPayloadsExistForBothProviders() {
        assertThat(Seeds.all()).anyMatch(s -> s.startsWith("zbd/")).anyMatch(s -> s.startsWith("mecash/"));
    }

    /** Documented payloads without a usable event name; every other seed is a valid delivery. */
    private static boolean invalid(String seed) {
        return seed.endsWith("-event-name.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void everySeedPayloadIsAnsweredAndValidOnesReachTheHandlerAsSent(String seed) throws Exception {
        byte[] body = Seeds.read(seed);
        String provider = seed.substring(0, seed.indexOf('/'));
        JsonNode sent = JSON.readTree(body);
        int before = events().size();

        HttpResponse<String> response = deliver(provider, body);

        List<JsonNode> after = events();
        if (invalid(seed)) {
            assertRejected(response, 400);
            assertThat(after).hasSize(before);
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String status = JSON.readTree(response.body()).path("status").asText();
        if (status.equals("duplicate")) {
            // Some documented examples are the same event (meCash's two payout examples share data.id).
            assertThat(after).hasSize(before);
            assertThat(after).anyMatch(e -> e.path("provider").asText().equals(provider)
                    && e.path("event").asText().equals(eventName(sent)));
            return;
        }
        assertThat(status).isEqualTo("accepted");
        assertThat(after).hasSize(before + 1);
        JsonNode got = after.get(after.size() - 1);
        assertThat(got.path("provider").asText()).isEqualTo(provider);
        assertThat(got.path("event").asText()).isEqualTo(eventName(sent));
        assertThat(got.path("key").asText()).isNotBlank();
        assertThat(got.get("data")).isEqualTo(shownDataOf(sent));
    }

    /** The event name as the document carries it: {@code event}, or {@code type} in ZBD's other envelope. */
    private static String eventName(JsonNode document) {
        return document.path("event").isTextual() ? document.get("event").asText() : document.path("type").asText();
    }

    /**
     * How {@code GET /events} shows a delivered {@code data} member: as received, unless the application masks
     * secrets in it (the Jetty example does, as the typed records print them).
     */
    protected JsonNode shown(JsonNode data) {
        return data;
    }

    /**
     * What {@code GET /events} shows for a delivered document: its {@code data} member as {@link #shown} shows it,
     * unless the application shows something else for a document without one (the Jetty example shows the whole
     * document then).
     */
    protected JsonNode shownDataOf(JsonNode document) {
        return shown(dataOf(document));
    }

    /** The {@code data} member as received, JSON null when the document has none. */
    public static JsonNode dataOf(JsonNode document) {
        return document.has("data") ? document.get("data") : com.fasterxml.jackson.databind.node.NullNode.instance;
    }

    @Test
    void redeliveryIsAcknowledgedButHandledOnce() throws Exception {
        byte[] body = uniqueMeCashPayout();

        HttpResponse<String> first = deliver("mecash", body);
        HttpResponse<String> second = deliver("mecash", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(eventsWithData(JSON.readTree(body).path("data"))).hasSize(1);
    }

    @Test
    void eventWhoseHandlerFailsOnEveryRedeliveryIsNeverAcknowledgedUntilTheHandlerSucceeds() throws Exception {
        byte[] body = uniqueMeCashPayout();

        for (int i = 1; i <= 10; i++) { // more redeliveries than the default maxAttempts (8)
            HttpResponse<String> failed = send(signedMeCash(flakyBase(), body).build());
            assertThat(failed.statusCode()).as("redelivery %d: %s", i, failed.body()).isEqualTo(500);
            assertThat(JSON.readTree(failed.body()).path("status").asText()).isEqualTo("error");
            assertThat(failed.body()).doesNotContain("Exception").doesNotContain("event log");
        }
        fixFlakyHandlers();
        HttpResponse<String> handled = send(signedMeCash(flakyBase(), body).build());
        HttpResponse<String> again = send(signedMeCash(flakyBase(), body).build());

        assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
        assertThat(JSON.readTree(handled.body()).path("status").asText()).isEqualTo("accepted");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void bodyThatIsNotJsonIs400() throws Exception {
        assertRejected(deliver("zbd", bytes("event=RAMP_WIDGET.V1.SESSION.CLOSED")), 400);
    }

    @Test
    void jsonThatIsNotAnObjectIs400() throws Exception {
        assertRejected(deliver("zbd", bytes("[1,2,3]")), 400);
    }

    @Test
    void objectWithoutEventNameIs400() throws Exception {
        assertRejected(deliver("mecash", bytes("{\"data\":{\"id\":\"x\"}}")), 400);
    }

    @Test
    void zbdDeliveryWithoutTokenIs401() throws Exception {
        assertRejected(send(post("/webhooks/zbd", someSeed("zbd/")).build()), 401);
    }

    @Test
    void zbdDeliveryWithWrongTokenIs401() throws Exception {
        assertRejected(send(post("/webhooks/zbd?token=" + ZBD_TOKEN + "x", someSeed("zbd/")).build()), 401);
    }

    @Test
    void meCashDeliveryWithoutSignatureIs401() throws Exception {
        assertRejected(send(post("/webhooks/mecash", someSeed("mecash/")).build()), 401);
    }

    @Test
    void meCashDeliverySignedWithAnotherSecretIs401() throws Exception {
        byte[] body = someSeed("mecash/");
        HttpRequest request = post("/webhooks/mecash", body)
                .header("X-Signature", hmacSha512Hex("not-" + MECASH_SECRET, body)).build();

        assertRejected(send(request), 401);
    }

    @Test
    void meCashBodyChangedAfterSigningIs401() throws Exception {
        byte[] body = someSeed("mecash/");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("COMPLETED", "COMPLETEX")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = post("/webhooks/mecash", tampered)
                .header("X-Signature", hmacSha512Hex(MECASH_SECRET, body)).build();

        assertRejected(send(request), 401);
    }

    @Test
    void getOnAnEndpointIs405WithAllow() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhooks/zbd?token=" + ZBD_TOKEN))
                .GET().build());

        assertRejected(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        assertRejected(deliver("zbd", oversized()), 413);
    }

    @Test
    void streamedBodyOverTheLimitIs413() throws Exception {
        byte[] body = oversized();
        HttpRequest request = HttpRequest.newBuilder(uri("/webhooks/zbd?token=" + ZBD_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(); // no length: sent chunked, so only reading can find the limit

        assertRejected(send(request), 413);
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/webhooks/zbd?token=" + ZBD_TOKEN))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(someSeed("zbd/")))
                .build();

        assertRejected(send(request), 415);
    }

    @Test
    void storeThatCannotRecordIs503WithRetryAfterAndNothingHandled() throws Exception {
        byte[] body = uniqueMeCashPayout();
        HttpRequest request = HttpRequest.newBuilder(URI.create(downBase() + "/webhooks/mecash"))
                .header("Content-Type", "application/json")
                .header("X-Signature", hmacSha512Hex(MECASH_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        HttpResponse<String> response = send(request);

        assertRejected(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void deliveryFromAnAddressOutsideTheAllowlistIs403AndNotHandled() throws Exception {
        byte[] body = uniqueMeCashPayout();

        HttpResponse<String> response = send(signedMeCash(fencedBase(), body).build());

        assertRejected(response, 403);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("not in allowlist");
        assertThat(eventsWithData(fencedBase(), JSON.readTree(body).path("data"))).isEmpty();
    }

    @Test
    void zbdDeliveryWithTheRightTokenFromOutsideTheAllowlistIs403() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fencedBase() + "/webhooks/zbd?token=" + ZBD_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(someSeed("zbd/"))).build();

        assertRejected(send(request), 403);
    }

    @Test
    void clientForwardedByATrustedProxyFromInsideTheAllowlistIsAccepted() throws Exception {
        byte[] body = uniqueMeCashPayout();

        HttpResponse<String> response = send(signedMeCash(fencedBase(), body)
                .header("X-Forwarded-For", "10.20.30.40").build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(eventsWithData(fencedBase(), JSON.readTree(body).path("data"))).hasSize(1);
    }

    @Test
    void allowedAddressLeftOfAnUntrustedHopIsNotBelieved() throws Exception {
        // 10.20.30.40 was written by the client; the right-most untrusted hop, 203.0.113.7, is the source.
        HttpRequest request = signedMeCash(fencedBase(), uniqueMeCashPayout())
                .header("X-Forwarded-For", "10.20.30.40, 203.0.113.7").build();

        assertRejected(send(request), 403);
    }

    @Test
    void allowedSourceWithAWrongSignatureIs401() throws Exception {
        byte[] body = uniqueMeCashPayout();
        HttpRequest request = HttpRequest.newBuilder(URI.create(fencedBase() + "/webhooks/mecash"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.20.30.40")
                .header("X-Signature", hmacSha512Hex("not-" + MECASH_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();

        assertRejected(send(request), 401);
    }

    @Test
    void otherPathsReachTheApplication() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/events")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).isArray()).isTrue();
    }

    // ---- helpers

    private void assertRejected(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo(status == 503 ? "unavailable" : "rejected");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain(ZBD_TOKEN)
                .doesNotContain(MECASH_SECRET);
    }

    protected HttpResponse<String> deliver(String provider, byte[] body) throws Exception {
        HttpRequest.Builder request = switch (provider) {
            case "zbd" -> post("/webhooks/zbd?token=" + ZBD_TOKEN, body);
            case "mecash" -> post("/webhooks/mecash", body).header("X-Signature", hmacSha512Hex(MECASH_SECRET, body));
            default -> throw new IllegalArgumentException(provider);
        };
        return send(request.build());
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpRequest.Builder signedMeCash(URI base, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + "/webhooks/mecash"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Signature", hmacSha512Hex(MECASH_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private URI uri(String path) {
        return URI.create(base() + path);
    }

    protected static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> events() throws Exception {
        return events(base());
    }

    private static List<JsonNode> events(URI base) throws Exception {
        // A page as large as any run needs, for an /events that pages (the Jetty example's does).
        HttpResponse<String> events = send(HttpRequest.newBuilder(URI.create(base + "/events?limit=1000")).GET()
                .build());
        assertThat(events.statusCode()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(events.body()).spliterator(), false).toList();
    }

    private List<JsonNode> eventsWithData(JsonNode data) throws Exception {
        return eventsWithData(base(), data);
    }

    private List<JsonNode> eventsWithData(URI base, JsonNode data) throws Exception {
        JsonNode expected = shown(data);
        return events(base).stream().filter(e -> e.path("data").equals(expected)).toList();
    }

    /** A valid documented delivery of each provider. */
    private static byte[] someSeed(String prefix) {
        return Seeds.read(prefix.equals("zbd/") ? "zbd/payment-settled.json" : "mecash/ramp-payout-completed-off-ramp.json");
    }

    /** A documented meCash payout with fresh ids, so that no other test has delivered it. */
    private static byte[] uniqueMeCashPayout() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(someSeed("mecash/"));
        ObjectNode data = (ObjectNode) json.path("data");
        data.put("id", Seeds.unmaskedUuid());
        data.put("referenceNumber", Seeds.unmaskedUuid());
        return JSON.writeValueAsBytes(json);
    }

    private static byte[] oversized() {
        String padding = "x".repeat(MAX_BODY_BYTES);
        return bytes("{\"event\":\"RAMP_WIDGET.V1.SESSION.CLOSED\",\"data\":{\"pad\":\"" + padding + "\"}}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String hmacSha512Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
