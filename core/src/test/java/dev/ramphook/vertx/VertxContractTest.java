package dev.ramphook.vertx;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.testing.http.ContractReceivers;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.WebhookContainerContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP contract on Vert.x 5: each application is a router with {@link WebhookRouteHandler} on
 * {@code /webhooks/*} and an ordinary {@code GET /events} route, which shows that other paths pass by.
 */
class VertxContractTest extends WebhookContainerContract {

    private static final List<WebhookReceiver> receivers = new ArrayList<>();
    private static Vertx vertx;
    private static URI base;
    private static URI down;
    private static URI fenced;
    private static URI flaky;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        base = serve(ContractReceivers.main());
        down = serve(ContractReceivers.down());
        fenced = serve(ContractReceivers.fenced());
        flaky = serve(ContractReceivers.flaky());
    }

    private static URI serve(WebhookReceiver receiver) throws Exception {
        receivers.add(receiver);
        Router router = Router.router(vertx);
        router.route("/webhooks/*").handler(WebhookRouteHandler.of(receiver));
        router.get("/events").handler(context -> context.response()
                .putHeader("Content-Type", "application/json").end(RecordingHandler.receivedJson()));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        receivers.forEach(WebhookReceiver::close);
    }

    @Override
    protected URI base() {
        return base;
    }

    @Override
    protected URI downBase() {
        return down;
    }

    @Override
    protected URI fencedBase() {
        return fenced;
    }

    @Override
    protected URI flakyBase() {
        return flaky;
    }

    @Override
    protected void fixFlakyHandlers() {
        FlakyHandler.fix();
    }
}
