package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.io.ByteArrayInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request keeps the body array it was handed (no copy per delivery: the caller hands it over, as with OkHttp's
 * {@code RequestBody.create(byte[])}), and reads a stream body within its limits.
 */
class WebhookRequestTest {

    private final List<String> handled = new ArrayList<>();
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
            .inline()
            .on("*", (event, context) -> handled.add(event.key()))
            .build();

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void theBuilderKeepsTheArrayItIsHandedWithoutACopy() throws Exception {
        byte[] body = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1").getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop").body(body).build();

        assertThat(request.bufferedBodyLength()).isEqualTo(body.length);
        assertThat(request.readBody(body.length, Clock.systemUTC(), Instant.MAX)).isSameAs(body);
        assertThat(receiver.receive(request).status()).isEqualTo(200);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aStreamBodyHasNoBufferedLengthAndIsReadUpToTheLimit() throws Exception {
        WebhookRequest request = WebhookRequest.builder().path("/p").body(new ByteArrayInputStream(bytes(10))).build();

        assertThat(request.bufferedBodyLength()).isEqualTo(-1);
        assertThat(request.readBody(10, Clock.systemUTC(), Instant.MAX)).hasSize(10);
    }

    @Test
    void aBodyOverTheLimitIsNull() throws Exception {
        WebhookRequest request = WebhookRequest.builder().path("/p").body(new ByteArrayInputStream(bytes(11))).build();

        assertThat(request.readBody(10, Clock.systemUTC(), Instant.MAX)).isNull();
        assertThat(WebhookRequest.builder().path("/p").body(bytes(11)).build()
                .readBody(10, Clock.systemUTC(), Instant.MAX)).isNull();
    }

    @Test
    void aDeadlinePassedWhileReadingIsATimeout() {
        Clock late = Clock.fixed(Instant.parse("2026-01-01T00:00:10Z"), ZoneOffset.UTC);
        WebhookRequest request = WebhookRequest.builder().path("/p").body(new ByteArrayInputStream(bytes(10))).build();

        assertThatThrownBy(() -> request.readBody(100, late, Instant.parse("2026-01-01T00:00:00Z")))
                .isInstanceOf(SocketTimeoutException.class);
    }

    private static byte[] bytes(int n) {
        return "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aDerivedRequestHasTheSameBody() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        WebhookRequest derived = WebhookRequest.builder().path("/p").body(body).build().toBuilder()
                .header("X-Added", "1").build();

        assertThat(derived.readBody(100, Clock.systemUTC(), Instant.MAX)).isEqualTo(body);
    }

    @Test
    void toStringShowsNoPathTokenQueryHeaderOrBody() {
        String token = "tok-9f3a1c7e5b2d4a6c";
        WebhookRequest request = WebhookRequest.builder().path("/webhooks/zbd/" + token).query("token=" + token)
                .header("X-Signature", token).body(token.getBytes(StandardCharsets.UTF_8)).build();

        assertThat(request.toString()).isEqualTo("WebhookRequest[POST /webhooks/zbd/***]").doesNotContain(token);
    }

    @Test
    void toStringMasksEverySegmentAfterTheSecond() {
        assertThat(WebhookRequest.maskedPath("/webhooks/zbd")).isEqualTo("/webhooks/zbd");
        assertThat(WebhookRequest.maskedPath("/webhooks")).isEqualTo("/webhooks");
        assertThat(WebhookRequest.maskedPath("/a/b/c/d")).isEqualTo("/a/b/***/***");
        assertThat(WebhookRequest.maskedPath("/a/b/")).isEqualTo("/a/b/");
        assertThat(WebhookRequest.maskedPath("/")).isEqualTo("/");
    }
}
