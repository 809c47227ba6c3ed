package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import dev.ramphook.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each step of the delivery path answers with the status of the DESIGN table, with a small JSON body. */
class PipelineStatusTest {

    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final List<WebhookEvent<?>> handled = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    private WebhookReceiver receiver(Authenticator auth, EventStore store) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), auth)
                .on("*", (event, ctx) -> handled.add(event))
                .store(store)
                .maxBodyBytes(1024)
                .build();
        return receiver;
    }

    private WebhookReceiver receiver() {
        return receiver(Authenticator.none(), EventStore.inMemory());
    }

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void recordedEventIsAcceptedWith200AndHandled() {
        WebhookResponse response = receiver().receive(post("/hooks/shop", PAID));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(handled).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("SHOP.V1.ORDER.PAID"));
    }

    @Test
    void unknownEventNameIsAcceptedAndReachesCatchAll() {
        WebhookResponse response = receiver().receive(post("/hooks/shop", ShopProvider.body("SHOP.V2.NEW.THING", "x")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(handled).singleElement().satisfies(e -> assertThat(e.data()).isEqualTo(e.json()));
    }

    @Test
    void otherPathIsNotAnEndpoint() {
        assertThat(receiver().handles("/hooks/other")).isFalse();
        assertThat(receiver.handles("/hooks/shop")).isTrue();
        assertThat(receiver.handles("/hooks/shop/token-in-path")).isTrue();
        assertThat(receiver.receive(post("/hooks/other", PAID)).status()).isEqualTo(404);
    }

    @Test
    void methodOtherThanPostIs405WithAllowHeader() {
        WebhookResponse response = receiver().receive(WebhookRequest.builder().method("GET").path("/hooks/shop").build());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "POST");
        assertThat(handled).isEmpty();
    }

    @Test
    void nonJsonContentTypeIs415() {
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop").header("Content-Type", "text/plain")
                .body(PAID.getBytes(StandardCharsets.UTF_8)).build();

        assertThat(receiver().receive(request).status()).isEqualTo(415);
    }

    @Test
    void jsonContentTypeWithCharsetAndVendorJsonAreAccepted() {
        receiver();
        for (String type : List.of("application/json; charset=utf-8", "APPLICATION/JSON", "application/cloudevents+json")) {
            WebhookRequest request = WebhookRequest.builder().path("/hooks/shop").header("Content-Type", type)
                    .body(ShopProvider.body("SHOP.V1.ORDER.PAID", type).getBytes(StandardCharsets.UTF_8)).build();
            assertThat(receiver.receive(request).status()).as(type).isEqualTo(200);
        }
    }

    @Test
    void declaredLengthOverTheLimitIs413WithoutReadingTheBody() {
        AtomicLong read = new AtomicLong();
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop").header("Content-Length", "5000")
                .body(counting(new byte[5000], read)).build();

        assertThat(receiver().receive(request).status()).isEqualTo(413);
        assertThat(read.get()).isZero();
    }

    @Test
    void streamedBodyOverTheLimitIs413AndIsNotReadPastIt() {
        AtomicLong read = new AtomicLong();
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop")
                .body(counting(new byte[1_000_000], read)).build();

        assertThat(receiver().receive(request).status()).isEqualTo(413);
        assertThat(read.get()).isLessThanOrEqualTo(1025);
    }

    @Test
    void bodyThatStopsMidwayIs400() {
        InputStream broken = new InputStream() {
            private int left = 10;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return '{';
                }
                throw new IOException("connection reset");
            }
        };
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop").body(broken).build();

        WebhookResponse response = receiver().receive(request);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).doesNotContain("connection reset").doesNotContain("Exception");
    }

    @Test
    void bodyThatIsNotJsonIs400WithoutEchoingIt() {
        WebhookResponse response = receiver().receive(post("/hooks/shop", "not json <script>"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"rejected\",\"error\":\"body is not valid JSON\"}");
    }

    @Test
    void jsonThatIsNotAnObjectIs400() {
        receiver();
        for (String body : List.of("[1,2]", "\"text\"", "42", "null", "")) {
            assertThat(receiver.receive(post("/hooks/shop", body)).status()).as(body).isEqualTo(400);
        }
    }

    @Test
    void objectWithoutEventNameIs400() {
        WebhookResponse response = receiver().receive(post("/hooks/shop", "{\"id\":\"o-1\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("missing event name");
    }

    @Test
    void failedVerificationIs401AndNothingIsParsedOrHandled() {
        WebhookResponse response = receiver((req, body) -> Verification.unauthorized("no matching signature"),
                EventStore.inMemory()).receive(post("/hooks/shop", "not even json"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).contains("no matching signature");
        assertThat(handled).isEmpty();
    }

    @Test
    void forbiddenSourceIs403() {
        WebhookResponse response = receiver((req, body) -> Verification.forbidden("source address not allowed"),
                EventStore.inMemory()).receive(post("/hooks/shop", PAID));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void storeThatCannotRecordAnswers503SoTheProviderRetries() {
        WebhookResponse response = receiver(Authenticator.none(), Stores.down()).receive(post("/hooks/shop", PAID));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsKey("Retry-After");
        assertThat(handled).isEmpty();
    }

    @Test
    void closedReceiverAnswers503() {
        receiver().close();

        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(503);
    }

    @Test
    void authenticatorThatThrowsGives503WithoutStackTrace() {
        // Before the record: nothing was acknowledged, so the provider must retry (503 + Retry-After), not give up.
        WebhookResponse response = receiver((req, body) -> {
            throw new IllegalStateException("secret-value-in-message");
        }, EventStore.inMemory()).receive(post("/hooks/shop", PAID));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "30");
        assertThat(response.bodyText())
                .isEqualTo("{\"status\":\"unavailable\",\"error\":\"receiver could not take this delivery; retry later\"}");
    }

    private static InputStream counting(byte[] data, AtomicLong read) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }

            @Override
            public synchronized int read() {
                int c = super.read();
                if (c >= 0) {
                    read.incrementAndGet();
                }
                return c;
            }
        };
    }

    @Test
    void callerOutsideTheIpAllowlistIs403BeforeItsBodyIsRead() {
        AtomicLong read = new AtomicLong();
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop").remoteAddress("203.0.113.9")
                .body(counting(PAID.getBytes(StandardCharsets.UTF_8), read)).build();

        WebhookResponse response = receiver(Authenticator.allOf(IpAllowlist.of("10.0.0.0/8"), Authenticator.none()),
                EventStore.inMemory()).receive(request);

        assertThat(response.status()).isEqualTo(403);
        assertThat(read.get()).isZero();
        assertThat(handled).isEmpty();
    }

    @Test
    void eventNameWithControlCharactersIs400() {
        WebhookResponse response = receiver().receive(post("/hooks/shop",
                "{\"event\":\"SHOP.V1.ORDER\\u0000PAID\",\"id\":\"o-1\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("control characters");
    }

    @Test
    void keyWithControlCharactersIsHashedSoEveryStoreCanKeepIt() {
        WebhookResponse response = receiver().receive(post("/hooks/shop",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o\\u00001\",\"amount\":\"1\"}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(handled).singleElement().satisfies(e -> assertThat(e.key()).startsWith("sha256:").hasSize(71));
    }

    @Test
    void bodyLimitAboveTheHardCapIsRefusedAtBuild() {
        assertThatThrownBy(() -> WebhookReceiver.builder().maxBodyBytes(Integer.MAX_VALUE))
                .hasMessageContaining("maxBodyBytes must be between 1 and");
    }
}
