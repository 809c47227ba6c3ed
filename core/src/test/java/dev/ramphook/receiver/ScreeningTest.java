package dev.ramphook.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.testing.ShopProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookReceiver#screenHead} and {@link WebhookReceiver#receiveScreened}: the checks before the body run once
 * per delivery, and only a screening this receiver made, that passed, is taken as screened.
 */
class ScreeningTest {

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();

    @AfterEach
    void close() {
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver(Authenticator auth) {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), auth)
                .on("*", (event, ctx) -> handled.add(event.key()))
                .build();
        receivers.add(receiver);
        return receiver;
    }

    private static WebhookRequest head(String query) {
        return WebhookRequest.builder().method("POST").path("/hooks/shop").query(query)
                .header("Content-Type", "application/json").build();
    }

    private static byte[] body(String id) {
        return ShopProvider.body("SHOP.V1.ORDER.PAID", id).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aScreenedDeliveryIsCheckedBeforeItsBodyOnceAndVerifiedOverItsBody() {
        AtomicInteger beforeBody = new AtomicInteger();
        AtomicInteger overBody = new AtomicInteger();
        WebhookReceiver receiver = receiver(new Authenticator() {
            @Override
            public Verification checkBeforeBody(WebhookRequest request) {
                beforeBody.incrementAndGet();
                return Verification.ok();
            }

            @Override
            public Verification verify(WebhookRequest request, byte[] body) {
                overBody.incrementAndGet();
                return Verification.ok();
            }
        });

        WebhookReceiver.Screening screening = receiver.screenHead(head(null));
        assertThat(screening.refusal()).isEmpty();
        WebhookResponse answer = receiver.receiveScreened(screening, body("o-1"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1");
        assertThat(beforeBody).hasValue(1);
        assertThat(overBody).hasValue(1); // the signature over the body is never skipped
    }

    @Test
    void aRefusedHeadIsAnsweredByItsRefusalAndCannotBeReceived() {
        WebhookReceiver receiver = receiver(UrlToken.of("right-token"));

        WebhookReceiver.Screening screening = receiver.screenHead(head("token=wrong-token"));

        assertThat(screening.refusal()).map(WebhookResponse::status).contains(401);
        assertThatThrownBy(() -> receiver.receiveScreened(screening, body("o-2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(handled).isEmpty();
        assertThat(screening.toString()).doesNotContain("wrong-token");
    }

    @Test
    void anotherReceiversScreeningIsNotTakenAsScreened() {
        WebhookReceiver lenient = receiver(Authenticator.none());
        WebhookReceiver strict = receiver(UrlToken.of("right-token"));

        WebhookReceiver.Screening elsewhere = lenient.screenHead(head(null));

        assertThatThrownBy(() -> strict.receiveScreened(elsewhere, body("o-3")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(handled).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsStill413() {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .maxBodyBytes(16)
                .build();
        receivers.add(receiver);

        WebhookResponse answer = receiver.receiveScreened(receiver.screenHead(head(null)), body("o-4"));

        assertThat(answer.status()).isEqualTo(413);
    }
}
