package dev.ramphook.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The route handler checks a delivery's head once: on the event loop before the body is read, and not again on the
 * worker once the body is in ({@link WebhookReceiver#receiveScreened}), as the servlet filter does.
 */
class VertxScreeningTest {

    private final Vertx vertx = Vertx.vertx();
    private WebhookReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        receiver.close();
    }

    @Test
    void theHeadIsCheckedOncePerDelivery() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/shop", new ShopProvider(), new Authenticator() {
                    @Override
                    public Verification checkBeforeBody(WebhookRequest request) {
                        checks.incrementAndGet();
                        return Verification.ok();
                    }

                    @Override
                    public Verification verify(WebhookRequest request, byte[] body) {
                        return Verification.ok();
                    }
                })
                .on("*", (event, context) -> handled.add(event.key()))
                .build();
        Router router = Router.router(vertx);
        router.route("/webhooks/*").handler(WebhookRouteHandler.of(receiver));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + "/webhooks/shop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1");
        assertThat(checks).hasValue(1);
    }
}
