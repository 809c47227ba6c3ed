package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers are immutable: the common ones are shared by every delivery, so nothing handed out may change them. */
class WebhookResponseTest {

    private static final String ACCEPTED = "{\"status\":\"accepted\"}";

    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
            .inline()
            .build();

    @AfterEach
    void close() {
        receiver.close();
    }

    private WebhookResponse paid(String order) {
        return receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", order)));
    }

    @Test
    void changingTheBodyArrayDoesNotChangeTheNextIdenticalAnswer() {
        WebhookResponse first = paid("o-1");
        Arrays.fill(first.body(), (byte) 'X');

        assertThat(first.bodyText()).isEqualTo(ACCEPTED);
        assertThat(new String(paid("o-2").body(), StandardCharsets.UTF_8)).isEqualTo(ACCEPTED);
    }

    @Test
    void writeToWritesTheBodyOfBodyLengthBytes() throws Exception {
        WebhookResponse answer = paid("o-3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        answer.writeTo(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ACCEPTED);
        assertThat(answer.bodyLength()).isEqualTo(out.size()).isEqualTo(answer.body().length);
    }

    @Test
    void buildsAJsonAnswer() {
        WebhookResponse answer = WebhookResponse.json(409, "{\"status\":\"in_progress\"}", Map.of("Retry-After", "5"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "5"));
        assertThat(answer.bodyText()).isEqualTo("{\"status\":\"in_progress\"}");
    }

    @Test
    void anAnswerOfAnyContentTypeCopiesTheArrayItIsGiven() {
        byte[] page = "<p>ok</p>".getBytes(StandardCharsets.UTF_8);
        WebhookResponse answer = WebhookResponse.of(200, "text/html; charset=utf-8", page, Map.of());

        Arrays.fill(page, (byte) 'X');

        assertThat(answer.bodyText()).isEqualTo("<p>ok</p>");
        assertThat(answer.contentType()).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void aStatusOutsideHttpsRangeIsRefused() {
        assertThatThrownBy(() -> WebhookResponse.json(42, "{}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42");
    }
}
