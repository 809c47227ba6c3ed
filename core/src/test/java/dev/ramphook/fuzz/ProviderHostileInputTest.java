package dev.ramphook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.Provider;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.moonpay.MoonPay;
import dev.ramphook.onramper.Onramper;
import dev.ramphook.rampnetwork.RampNetwork;
import dev.ramphook.revolut.RevolutRamp;
import dev.ramphook.testkit.Sample;
import dev.ramphook.testkit.Samples;
import dev.ramphook.testkit.SignedDelivery;
import dev.ramphook.testkit.TestKeyPair;
import dev.ramphook.transak.Transak;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five newer providers and the Standard Webhooks schemes as a hostile internet sees them. Every endpoint gets
 * bodies signed correctly with its default authenticator (so they reach the parser): broken JSON, and every field of
 * every catalog sample replaced by a value of the wrong type; every authenticator gets malformed signature headers
 * and tokens. Through {@code receive()}: never a 5xx, a small JSON answer without a stack trace, and nothing secret
 * (keys, tokens, the signatures sent) in the response or in the log.
 */
class ProviderHostileInputTest {

    private static final String SECRET = "hostile-endpoint-secret-3f9a71";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final TestKeyPair RAMP = TestKeyPair.rampNetwork();
    private static final TestKeyPair V1A = TestKeyPair.standardWebhooks();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** An endpoint: the provider whose parser the body reaches, how the receiver checks it, how a sender signs. */
    private record Target(String path, Provider provider, Authenticator verifier, Authenticator signer) {
    }

    private static final Map<String, Target> TARGETS = new LinkedHashMap<>();

    static {
        add(new Target("/webhooks/moonpay", MoonPay.provider(), MoonPay.signature(SECRET), MoonPay.signature(SECRET)));
        add(new Target("/webhooks/transak", Transak.provider(), Transak.signature(SECRET),
                Transak.signature(SECRET)));
        add(new Target("/webhooks/rampnetwork", RampNetwork.provider(), RAMP.authenticator(), RAMP.signer()));
        add(new Target("/webhooks/revolut", RevolutRamp.provider(), RevolutRamp.signature(SECRET),
                RevolutRamp.signature(SECRET)));
        add(new Target("/webhooks/onramper", Onramper.provider(), Onramper.signature(SECRET),
                Onramper.signature(SECRET)));
        add(new Target("/webhooks/svix", MeCash.provider(), StandardWebhooks.of(WHSEC), StandardWebhooks.of(WHSEC)));
        add(new Target("/webhooks/v1a", MeCash.provider(), V1A.authenticator(), V1A.signer()));
    }

    private static void add(Target target) {
        TARGETS.put(target.path().substring("/webhooks/".length()), target);
    }

    /** Values no typed field of any provider may take without a clean 400 (or, for a field it ignores, a 200). */
    private static final List<String> WRONG_VALUES = List.of("\"1e999999999\"", "1e999999999", "-1e999999999",
            "1e-999999999", "\"-1e-999999999\"", "123456789012345678901234567890123456789",
            "-9223372036854775809", "1.5", "-1", "0", "{\"amount\":1,\"value\":\"x\"}", "[1,\"a\",null]", "[]", "{}",
            "null", "true", "\"\"", "\"   \"", "\"2024-13-45T99:99:99Z\"", "\"+999999999-12-31T23:59:59Z\"",
            "\"not a date\"", "\"\\u0000\\u001b[31m\"", "\"" + "x".repeat(5000) + "\"");

    /** Logged while a test runs (slf4j-simple writes to whatever System.err is when it logs). */
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    /** Every signature and token sent: none may come back in a log line or an answer. */
    private static final Set<String> SENT_SECRETS = new LinkedHashSet<>();
    private static PrintStream originalErr;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        WebhookReceiver.Builder builder = WebhookReceiver.builder();
        TARGETS.values().forEach(t -> builder.endpoint(t.path(), t.provider(), t.verifier()));
        receiver = builder.on("*", (event, context) -> { }).inline().maxBodyBytes(256 * 1024).build();
        originalErr = System.err;
        System.setErr(new PrintStream(LOG, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        System.setErr(originalErr);
        receiver.close();
    }

    // ---------------------------------------------------------------- bodies signed correctly, reaching the parser

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"moonpay", "transak", "rampnetwork", "revolut", "onramper", "svix", "v1a"})
    void brokenJsonSignedCorrectlyIsRefusedWith400(String name) {
        Target target = TARGETS.get(name);
        byte[] sample = sampleDocument(target);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("truncated", java.util.Arrays.copyOf(sample, sample.length / 2));
        bodies.put("garbage", "\u0007garbage{]".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        bodies.put("whitespace", " \r\n\t ".getBytes(StandardCharsets.UTF_8));
        bodies.put("array", "[{\"type\":\"CREATED\"}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("string", "\"CREATED\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("number", "1e999999999".getBytes(StandardCharsets.UTF_8));
        bodies.put("null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("deep arrays", ("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("deep objects", ("{\"a\":" + "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_001))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("duplicate keys", duplicateFirstKey(sample));
        bodies.put("huge integer", ("{\"amount\":" + "9".repeat(20_000) + "}").getBytes(StandardCharsets.UTF_8));
        bodies.put("non-UTF-8", nonUtf8(sample));
        bodies.put("trailing document", (new String(sample, StandardCharsets.UTF_8) + "{}")
                .getBytes(StandardCharsets.UTF_8));
        List<String> wrong = new ArrayList<>();
        bodies.forEach((what, body) -> {
            WebhookResponse response = receive(signed(target, body));
            assertSmallJsonAnswer(response, what);
            // Transak signs the claims and Ramp the parsed JSON: what does not parse has no signed form, so 401
            boolean signsParsedJson = target.provider() == Transak.provider()
                    || target.provider() == RampNetwork.provider();
            if (response.status() != 400 && !(signsParsedJson && response.status() == 401)) {
                wrong.add(what + " -> " + response.status() + " " + response.bodyText());
            }
        });
        assertThat(wrong).as("%s: signed broken JSON answered other than 400", name).isEmpty();
        assertLogHasNoSecret();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"moonpay", "transak", "rampnetwork", "revolut", "onramper"})
    void everyFieldOfEverySampleWithAWrongTypeIsRecordedOrRefusedWith400(String name) {
        Target target = TARGETS.get(name);
        List<String> wrong = new ArrayList<>();
        int deliveries = 0;
        for (Sample sample : Samples.of(target.provider())) {
            JsonNode document = readTree(document(target, sample.body()));
            for (List<Object> path : paths(document, new ArrayList<>(), new ArrayList<>())) {
                for (String value : WRONG_VALUES) {
                    JsonNode mutated = replace(document, path, readTree(value.getBytes(StandardCharsets.UTF_8)));
                    WebhookResponse response = receive(signed(target, write(mutated)));
                    deliveries++;
                    assertSmallJsonAnswer(response, sample.file() + " " + path + "=" + value);
                    if (response.status() != 200 && response.status() != 400) {
                        wrong.add(sample.file() + " " + path + " = " + abbreviate(value) + " -> "
                                + response.status() + " " + response.bodyText());
                    }
                }
            }
        }
        assertThat(deliveries).as("mutated deliveries").isGreaterThan(100);
        assertThat(wrong).as("%s: wrongly typed fields answered other than 200 or 400", name).isEmpty();
        assertLogHasNoSecret();
    }

    @Test
    void rampNetworkAmountWithAHugeExponentIsDeliveredUntypedWithAWarningNamingTheField() {
        Sample sample = Samples.of(RampNetwork.provider()).get(0);
        ObjectNode document = (ObjectNode) readTree(sample.body());
        ((ObjectNode) document.get("purchase")).set("cryptoAmount",
                readTree("1e999999999".getBytes(StandardCharsets.UTF_8)));
        int logged = LOG.size();

        WebhookResponse response = receive(signed(TARGETS.get("rampnetwork"), write(document)));

        // a field that does not fit never loses the event (TypedData): recorded, handed over untyped, one WARN line
        assertThat(response.status()).isEqualTo(200);
        assertThat(LOG.toString(StandardCharsets.UTF_8).substring(logged)).contains("purchase.cryptoAmount")
                .doesNotContain("999999999");
    }

    // ---------------------------------------------------------------- malformed signature headers

    private static final List<String> BAD_HEADER_VALUES = List.of("", " ", ",", "=", "v1", "v1,", "v1=", "v1a,",
            "t=,s=", "zz-not-hex-zz", "!!!not*base64!!!", "AAAA", "sha256=00", "v2=" + "0".repeat(64),
            "V1=" + "0".repeat(64), "v1a," + "A".repeat(86), "t=-1,s=" + "0".repeat(64),
            "t=99999999999999999999999,s=" + "0".repeat(64), "t=9223372036854775807,v1=" + "0".repeat(64),
            "t=-9223372036854775808,v1=" + "0".repeat(64), "t=1e10,s=00", "t=0x10,s=00", "t=\uff11\uff12,s=00",
            "v1=00,".repeat(5_000), "v1," + "A".repeat(100_000), "0".repeat(100_000), "\u0000\r\n",
            "-1", "0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "99999999999999999999999", "\u0661\u0662\u0663");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"moonpay", "rampnetwork", "revolut", "onramper", "svix", "v1a"})
    void malformedSignatureHeadersAre401(String name) {
        Target target = TARGETS.get(name);
        SignedDelivery genuine = SignedDelivery.of(target.path(), sampleDocument(target), target.signer());
        assertThat(receive(genuine.request()).status()).as("the genuine delivery").isEqualTo(200);
        List<String> signed = new ArrayList<>(genuine.headers().keySet());
        signed.remove("Content-Type");
        assertThat(signed).isNotEmpty();
        genuine.headers().forEach((header, values) -> {
            if (!header.equals("Content-Type")) {
                SENT_SECRETS.addAll(values);
            }
        });
        List<String> wrong = new ArrayList<>();
        for (String header : signed) {
            for (String value : BAD_HEADER_VALUES) {
                WebhookRequest.Builder request = WebhookRequest.builder().path(target.path())
                        .header("Content-Type", "application/json").remoteAddress("192.0.2.1")
                        .body(genuine.body());
                genuine.headers().forEach((h, values) -> {
                    if (!h.equals(header)) {
                        values.forEach(v -> request.header(h, v));
                    }
                });
                request.header(header, value);
                WebhookResponse response = receive(request.build());
                assertSmallJsonAnswer(response, header + ": " + abbreviate(value));
                if (response.status() != 401) {
                    wrong.add(header + ": " + abbreviate(value) + " -> " + response.status() + " "
                            + response.bodyText());
                }
            }
        }
        assertThat(wrong).as("%s: malformed signature headers answered other than 401", name).isEmpty();
        assertLogHasNoSecret();
    }

    @Test
    void rampNetworkSignatureThatIsNotDerIs401() {
        Target target = TARGETS.get("rampnetwork");
        byte[] body = sampleDocument(target);
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> signatures = List.of(b64.encodeToString(new byte[64]),
                b64.encodeToString("not a signature".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(new byte[] {0x30, (byte) 0x84, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                b64.encodeToString(new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}),
                b64.encodeToString(new byte[] {0x30, 0x06, 0x02, 0x01, (byte) 0xff, 0x02, 0x01, (byte) 0xff}),
                b64.encodeToString(new byte[] {0x30, 0x00}), b64.encodeToString(new byte[72]),
                b64.encodeToString(new byte[10_000]), "MEUCIQ", "MEUCIQ==\u0000");
        for (String signature : signatures) {
            WebhookResponse response = receive(WebhookRequest.builder().path(target.path())
                    .header("Content-Type", "application/json").header("X-Body-Signature", signature)
                    .body(body).build());
            assertSmallJsonAnswer(response, signature);
            assertThat(response.status()).as(abbreviate(signature)).isEqualTo(401);
        }
        assertLogHasNoSecret();
    }

    @Test
    void v1aSignatureOfTheWrongLengthIs401() {
        Target target = TARGETS.get("v1a");
        SignedDelivery genuine = SignedDelivery.of(target.path(), sampleDocument(target), target.signer());
        String real = genuine.headers().get("webhook-signature").get(0);
        byte[] raw = Base64.getDecoder().decode(real.substring("v1a,".length()));
        assertThat(raw).hasSize(64);
        Base64.Encoder b64 = Base64.getEncoder();
        for (byte[] wrong : List.of(java.util.Arrays.copyOf(raw, 63), java.util.Arrays.copyOf(raw, 65),
                java.util.Arrays.copyOf(raw, 32), java.util.Arrays.copyOf(raw, 128), new byte[0], new byte[64])) {
            WebhookRequest.Builder request = WebhookRequest.builder().path(target.path())
                    .header("Content-Type", "application/json").body(genuine.body());
            genuine.headers().forEach((h, values) -> values.forEach(
                    v -> request.header(h, h.equals("webhook-signature") ? "v1a," + b64.encodeToString(wrong) : v)));
            WebhookResponse response = receive(request.build());
            assertSmallJsonAnswer(response, "length " + wrong.length);
            assertThat(response.status()).as("v1a signature of %d bytes", wrong.length).isEqualTo(401);
        }
        assertLogHasNoSecret();
    }

    // ---------------------------------------------------------------- Transak's JWT

    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final String CLAIMS = "{\"webhookData\":{\"id\":\"o-1\",\"status\":\"COMPLETED\"},"
            + "\"eventID\":\"ORDER_COMPLETED\"}";

    @Test
    void transakTokensAForgerCanMakeAre401() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alg none, no signature", jwt("{\"alg\":\"none\"}", CLAIMS, "HmacSHA256").replaceAll("[^.]+$", ""));
        tokens.put("alg none, HS256 signature", jwt("{\"alg\":\"none\"}", CLAIMS, "HmacSHA256"));
        tokens.put("alg None", jwt("{\"alg\":\"None\"}", CLAIMS, "HmacSHA256"));
        tokens.put("alg HS512", jwt("{\"alg\":\"HS512\"}", CLAIMS, "HmacSHA512"));
        tokens.put("alg RS256", jwt("{\"alg\":\"RS256\"}", CLAIMS, "HmacSHA256"));
        tokens.put("alg hs256", jwt("{\"alg\":\"hs256\"}", CLAIMS, "HmacSHA256"));
        tokens.put("alg as array", jwt("{\"alg\":[\"HS256\"]}", CLAIMS, "HmacSHA256"));
        tokens.put("no alg", jwt("{\"typ\":\"JWT\"}", CLAIMS, "HmacSHA256"));
        tokens.put("crit", jwt("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", CLAIMS, "HmacSHA256"));
        tokens.put("duplicate alg", jwt("{\"alg\":\"none\",\"alg\":\"HS256\"}", CLAIMS, "HmacSHA256"));
        tokens.put("header not JSON", jwt("alg=HS256", CLAIMS, "HmacSHA256"));
        tokens.put("claims not JSON", jwt(HS256, "\u00ff\u00fe", "HmacSHA256"));
        tokens.put("claims an array", jwt(HS256, "[" + CLAIMS + "]", "HmacSHA256"));
        tokens.put("huge header", forged(jwt("{\"alg\":\"HS256\",\"x\":\"" + "a".repeat(150_000) + "\"}", CLAIMS,
                "HmacSHA256")));
        tokens.put("wrong key", jwtWithKey(HS256, CLAIMS, "HmacSHA256", "another-secret"));
        tokens.put("expired", jwt(HS256, "{\"eventID\":\"ORDER_COMPLETED\",\"exp\":1}", "HmacSHA256"));
        tokens.put("exp not a number", jwt(HS256, "{\"eventID\":\"ORDER_COMPLETED\",\"exp\":\"never\"}",
                "HmacSHA256"));
        tokens.put("exp -1e999999999", jwt(HS256, "{\"eventID\":\"ORDER_COMPLETED\",\"exp\":-1e999999999}",
                "HmacSHA256"));
        tokens.put("nbf 1e999999999", jwt(HS256, "{\"eventID\":\"ORDER_COMPLETED\",\"nbf\":1e999999999}",
                "HmacSHA256"));
        tokens.put("nbf 2^64 (wraps to 0 as a long)", jwt(HS256,
                "{\"eventID\":\"ORDER_COMPLETED\",\"nbf\":18446744073709551616}", "HmacSHA256"));
        tokens.put("nbf 1e19 (wraps negative as a long)", jwt(HS256,
                "{\"eventID\":\"ORDER_COMPLETED\",\"nbf\":1e19}", "HmacSHA256"));
        tokens.put("exp 2^64+1e9 is far future but nbf 2^65", jwt(HS256,
                "{\"eventID\":\"ORDER_COMPLETED\",\"nbf\":36893488147419103232}", "HmacSHA256"));
        String good = jwt(HS256, CLAIMS, "HmacSHA256");
        String[] parts = good.split("\\.");
        tokens.put("two parts", parts[0] + "." + parts[1]);
        tokens.put("one part", parts[0]);
        tokens.put("four parts", good + "." + parts[2]);
        tokens.put("empty parts", "..");
        tokens.put("bad base64 header", "@@@." + parts[1] + "." + parts[2]);
        tokens.put("bad base64 signature", parts[0] + "." + parts[1] + ".@@@");
        if (parts[2].contains("-") || parts[2].contains("_")) {
            tokens.put("standard base64 signature", parts[0] + "." + parts[1] + "."
                    + parts[2].replace('-', '+').replace('_', '/'));
        }
        tokens.put("signature truncated", good.substring(0, good.length() - 2));
        tokens.put("signature of other claims", parts[0] + "." + parts[1] + "."
                + jwt(HS256, "{\"eventID\":\"X\"}", "HmacSHA256").split("\\.")[2]);
        tokens.put("empty", "");
        Map<String, String> bodies = new LinkedHashMap<>();
        tokens.forEach((what, token) -> bodies.put(what, "{\"data\":\"" + token + "\"}"));
        bodies.put("data a number", "{\"data\":1e999999999}");
        bodies.put("data an object", "{\"data\":{\"alg\":\"none\"}}");
        bodies.put("data an array", "{\"data\":[\"" + good + "\"]}");
        bodies.put("data null", "{\"data\":null}");
        bodies.put("no data", CLAIMS);
        bodies.put("data twice", "{\"data\":\"" + good + "\",\"data\":\"" + tokens.get("alg none, no signature")
                + "\"}");
        List<String> wrong = new ArrayList<>();
        bodies.forEach((what, body) -> {
            WebhookResponse response = receive(WebhookRequest.builder().path("/webhooks/transak")
                    .header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8)).build());
            assertSmallJsonAnswer(response, what);
            if (response.status() != 401) {
                wrong.add(what + " -> " + response.status() + " " + response.bodyText());
            }
        });
        assertThat(wrong).as("Transak tokens answered other than 401").isEmpty();
        assertThat(receive(WebhookRequest.builder().path("/webhooks/transak").header("Content-Type",
                "application/json").body(("{\"data\":\"" + good + "\"}").getBytes(StandardCharsets.UTF_8))
                .build()).status()).as("the genuine token").isEqualTo(200);
        assertLogHasNoSecret();
    }

    // ---------------------------------------------------------------- helpers

    private static WebhookResponse receive(WebhookRequest request) {
        return receiver.receive(request);
    }

    /** A request for {@code body} signed as {@code target}'s sender signs; Transak's body becomes the claims. */
    private static WebhookRequest signed(Target target, byte[] body) {
        if (target.provider() == Transak.provider()) {
            String token = jwt(HS256, new String(body, StandardCharsets.ISO_8859_1), "HmacSHA256", SECRET, true);
            return WebhookRequest.builder().path(target.path()).header("Content-Type", "application/json")
                    .body(("{\"data\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8)).build();
        }
        if (target.provider() == RampNetwork.provider()) {
            try {
                return remember(SignedDelivery.of(target.path(), body, target.signer()));
            } catch (IllegalArgumentException notJson) {
                // Ramp signs the JSON, not the bytes: what is not JSON cannot be signed; any signature will do
                return WebhookRequest.builder().path(target.path()).header("Content-Type", "application/json")
                        .header("X-Body-Signature", "MEUCIQ").body(body).build();
            }
        }
        return remember(SignedDelivery.of(target.path(), body, target.signer()));
    }

    private static WebhookRequest remember(SignedDelivery delivery) {
        delivery.headers().forEach((header, values) -> {
            if (!header.equals("Content-Type") && !header.startsWith("webhook-id")
                    && !header.startsWith("webhook-timestamp") && !header.endsWith("Timestamp")) {
                SENT_SECRETS.addAll(values);
            }
        });
        return delivery.request();
    }

    /** The sample's document: the body, or for Transak the JWT's claims (which are what its parser reads). */
    private static byte[] sampleDocument(Target target) {
        if (target.provider() == MeCash.provider()) {
            return Samples.of(MeCash.provider()).get(0).body();
        }
        return document(target, Samples.of(target.provider()).get(0).body());
    }

    private static byte[] document(Target target, byte[] body) {
        if (target.provider() != Transak.provider()) {
            return body;
        }
        String token = readTree(body).get("data").textValue();
        return Base64.getUrlDecoder().decode(token.split("\\.")[1]);
    }

    private static String jwt(String header, String claims, String algorithm) {
        return jwtWithKey(header, claims, algorithm, SECRET);
    }

    private static String jwtWithKey(String header, String claims, String algorithm, String key) {
        return jwt(header, claims, algorithm, key, false);
    }

    private static String jwt(String header, String claims, String algorithm, String key, boolean rawClaims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(rawClaims ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            String signature = url.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
            SENT_SECRETS.add(signature);
            return input + "." + signature;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String forged(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
    }

    /** Each JSON path to a value (fields and array elements), containers included. */
    private static List<List<Object>> paths(JsonNode node, List<Object> at, List<List<Object>> out) {
        if (!at.isEmpty()) {
            out.add(List.copyOf(at));
        }
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                at.add(name);
                paths(node.get(name), at, out);
                at.remove(at.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add(i);
                paths(node.get(i), at, out);
                at.remove(at.size() - 1);
            }
        }
        return out;
    }

    private static JsonNode replace(JsonNode document, List<Object> path, JsonNode value) {
        JsonNode copy = document.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) parent).set(name, value);
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
        return copy;
    }

    private static byte[] duplicateFirstKey(byte[] sample) {
        ObjectNode json = (ObjectNode) readTree(sample);
        String first = json.fieldNames().next();
        String text = write(json).length > 0 ? new String(write(json), StandardCharsets.UTF_8) : "{}";
        return ("{\"" + first + "\":null," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nonUtf8(byte[] sample) {
        String text = new String(sample, StandardCharsets.UTF_8);
        int quote = text.indexOf('"', text.indexOf(':') + 1);
        byte[] head = text.substring(0, quote + 1).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(quote + 1).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xC3; // a lead byte followed by another lead byte: not UTF-8
        out[head.length + 1] = (byte) 0xFF;
        System.arraycopy(tail, 0, out, head.length + 2, tail.length);
        return out;
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + " chars)" : value;
    }

    /** Never a 5xx; the small JSON answer, no stack trace, nothing secret. */
    private static void assertSmallJsonAnswer(WebhookResponse response, String what) {
        assertThat(response.status()).as(what).isBetween(200, 499);
        assertThat(response.bodyText()).as(what).startsWith("{\"status\":\"").doesNotContain("Exception")
                .doesNotContain("\tat ").hasSizeLessThan(1_000);
        for (String secret : secrets()) {
            assertThat(response.bodyText()).as(what).doesNotContain(secret);
        }
    }

    private static Set<String> secrets() {
        Set<String> all = new LinkedHashSet<>(SENT_SECRETS);
        all.add(SECRET);
        all.add(WHSEC.substring("whsec_".length()));
        all.add(V1A.privateKey().substring("whsk_".length()));
        String pem = RAMP.privateKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        all.add(pem.substring(pem.length() / 2, pem.length() / 2 + 40));
        all.removeIf(s -> s.length() < 12);
        return all;
    }

    private static void assertLogHasNoSecret() {
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the captured log").contains("rejected delivery to");
        for (String secret : secrets()) {
            assertThat(log).as("the captured log").doesNotContain(secret);
        }
        assertThat(log).doesNotContain("\tat ");
    }
}
