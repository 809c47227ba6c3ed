package dev.ramphook.vertx;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.vertx.WebhookRouteHandler;
import dev.ramphook.zbd.ZbdRamp;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

public class VertxWebhooks {

    public static void main(String[] args) {
        WebhookReceiver receiver = WebhookReceiver.builder()
                // each provider's documented authentication, keyed with your secret (ZBD: ?token= in the URL)
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), System.getenv("ZBD_WEBHOOK_TOKEN"))
                .endpoint("/webhooks/mecash", MeCash.provider(), System.getenv("MECASH_WEBHOOK_SECRET"))
                .handlers(new Payments())
                .build();
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/webhooks/*").handler(WebhookRouteHandler.of(receiver)); // no BodyHandler needed
        vertx.createHttpServer().requestHandler(router).listen(8080)
                .onSuccess(server -> System.out.println("listening on http://localhost:8080/webhooks/"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().await(); // the server first, then the receiver
            receiver.close();
        }));
    }

    public static class Payments {
        @OnEvent("*")
        public void any(WebhookEvent<?> event) {
            System.out.println("got " + event.name() + " " + event.key());
        }
    }
}
