package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.internal.engine.ApiAccess;
import dev.ramphook.testing.ShopProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request keeps its own copy of the body it was built with: the caller's array is the caller's. */
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
    void changingTheArrayAfterBuildingDoesNotChangeTheDelivery() {
        byte[] body = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1").getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop").body(body).build();

        Arrays.fill(body, (byte) 'X');

        assertThat(receiver.receive(request).status()).isEqualTo(200);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aDerivedRequestHasTheSameBody() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        WebhookRequest derived = WebhookRequest.builder().path("/p").body(body).build().toBuilder()
                .header("X-Added", "1").build();

        assertThat(ApiAccess.readBody(derived, 100, Clock.systemUTC(), Instant.MAX)).isEqualTo(body);
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
