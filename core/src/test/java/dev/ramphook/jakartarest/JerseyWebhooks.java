package dev.ramphook.jakartarest;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

public class JerseyWebhooks {

    public static void main(String[] args) throws Exception {
        WebhookReceiver receiver = WebhookReceiver.builder()
                // each provider's documented authentication, keyed with your secret (ZBD: ?token= in the URL)
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), System.getenv("ZBD_WEBHOOK_TOKEN"))
                .endpoint("/webhooks/mecash", MeCash.provider(), System.getenv("MECASH_WEBHOOK_SECRET"))
                .handlers(new Payments())
                .build();
        ResourceConfig application = new ResourceConfig().register(new Webhooks(receiver));
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://0.0.0.0:8080/"), application,
                false);
        // Grizzly waits 30 s for each body read: no longer than the receiver waits for a body (408 after that)
        server.getListeners().forEach(listener -> listener.getTransport()
                .setReadTimeout(receiver.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS));
        server.start();
        System.out.println("listening on http://localhost:8080/webhooks/");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow(); // the server first, then the receiver
            receiver.close();
        }));
        Thread.currentThread().join(); // serve until the process is stopped
    }

    public static class Payments {
        @OnEvent("*")
        public void any(WebhookEvent<?> event) {
            System.out.println("got " + event.name() + " " + event.key());
        }
    }
}
