package dev.ramphook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.auth.UrlToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an attacker holding a valid signature (or a provider with a bug) can send: every hostile body ends in a
 * 4xx, never a 500 or an exception. The bodies are the fuzzer's seed corpus, named for what they are.
 */
class HostileInputTest {

    private static final String CORPUS = "/dev/ramphook/fuzz/ReceiverFuzzTestInputs/signedBody/";
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = Deliveries.receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static byte[] seed(String name) {
        try (InputStream in = HostileInputTest.class.getResourceAsStream(CORPUS + name)) {
            assertThat(in).as("seed %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "deep-nesting.json, 400",
            "deep-nesting-objects.json, 400",
            "huge-number.json, 400",
            "duplicate-keys.json, 400",
            "invalid-utf8.json, 400",
            "overlong-utf8.json, 400",
            "raw-nul-byte.json, 400",
            "json-array.json, 400",
            "json-string.json, 400",
            "json-number.json, 400",
            "json-null.json, 400",
            "empty.json, 400",
            "whitespace-only.json, 400",
            "truncated.json, 400",
            "trailing-document.json, 400",
            "comments.json, 400",
            "single-quotes.json, 400",
            "nan.json, 400",
            "long-key.json, 400",
            "utf16.json, 400",
            "lone-surrogate.json, 400", // escaped \\ud800: no handler can write it as UTF-8 (issue 9, finding 1)
    })
    void hostileBodyIsRefusedWith4xx(String seed, int status) {
        WebhookResponse response = receiver.receive(Deliveries.signedMeCash(seed(seed)));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.bodyText()).startsWith("{\"status\":\"rejected\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"huge-exponent.json", "tiny-exponent.json", "escaped-nul.json",
            "utf8-bom.json", "many-keys.json", "mecash-timestamp-long-min.json", "mecash-timestamp-long-max.json"})
    void oddButWellFormedObjectIsRecorded(String seed) {
        assertThat(receiver.receive(Deliveries.signedMeCash(seed(seed))).status()).isEqualTo(200);
    }

    @Test
    void bodyThatStopsMidwayIs400() {
        byte[] head = Arrays.copyOf(seed("valid-event.json"), 20);
        WebhookRequest request = WebhookRequest.builder().path(Deliveries.MECASH)
                .header("X-Signature", Deliveries.sign(head)).body(new BrokenStream(head)).build();

        assertThat(receiver.receive(request).status()).isEqualTo(400);
    }

    @Test
    void streamOverTheLimitIs413AndIsNotReadPastIt() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return ' ';
            }
        };
        WebhookRequest request = WebhookRequest.builder().path(Deliveries.MECASH).header("X-Signature", "00")
                .body(endless).build();

        assertThat(receiver.receive(request).status()).isEqualTo(413);
        assertThat(read.get()).isLessThanOrEqualTo(Deliveries.MAX_BODY + 1L);
    }

    @Test
    void declaredLengthOverTheLimitIs413WithoutReading() {
        ByteArrayInputStream body = new ByteArrayInputStream(seed("valid-event.json"));
        WebhookRequest request = WebhookRequest.builder().path(Deliveries.MECASH).header("X-Signature", "00")
                .header("Content-Length", Long.toString(Deliveries.MAX_BODY + 1L)).body(body).build();

        assertThat(receiver.receive(request).status()).isEqualTo(413);
        assertThat(body.available()).isEqualTo(seed("valid-event.json").length);
    }

    @Test
    void anUnexpectedFailureIsLoggedWithoutTheRequestPathWhichMayHoldTheToken() {
        String token = "path-segment-token-5d1e08";
        Provider broken = new Provider() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public Map<String, Class<?>> eventTypes() {
                return Map.of();
            }

            @Override
            public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) {
                throw new IllegalStateException("a provider bug");
            }
        };
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        WebhookResponse response;
        try (WebhookReceiver withBug = WebhookReceiver.builder()
                .endpoint("/webhooks/broken", broken, UrlToken.pathSegment(token)).inline().build()) {
            response = withBug.receive(WebhookRequest.builder().path("/webhooks/broken/" + token)
                    .header("Content-Type", "application/json").body(seed("valid-event.json")).build());
        } finally {
            System.setErr(original);
        }

        assertThat(response.status()).isEqualTo(503); // before the record: nothing acknowledged, the provider retries
        assertThat(response.bodyText()).doesNotContain(token).doesNotContain("a provider bug");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("unexpected failure receiving")
                .contains("/webhooks/broken").doesNotContain(token);
    }

    @Test
    void hostileBodyWithoutValidSignatureNeverReachesTheParser() {
        WebhookRequest request = WebhookRequest.builder().path(Deliveries.MECASH)
                .header("X-Signature", "00".repeat(64)).body(seed("deep-nesting.json")).build();

        assertThat(receiver.receive(request).status()).isEqualTo(401);
    }
}
