package dev.ramphook.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.testing.http.ContractReceivers;
import dev.ramphook.internal.engine.ApiAccess;
import dev.ramphook.internal.engine.Engine;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.HostileSenderContract;
import dev.ramphook.testing.http.RawSender;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import dev.ramphook.zbd.ZbdRamp;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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

    @Test
    void theReceiverAndItsInlineHandlersRunOffTheEventLoop() throws Exception {
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(ZBD_TOKEN))
                .on("*", (event, context) -> onEventLoop.add(Context.isOnEventLoopThread()))
                .build();
        URI probe = serve(receiver);

        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(probe + "/webhooks/zbd?token=" + ZBD_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Seeds.read("zbd/payment-settled.json"))).build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(onEventLoop).containsExactly(false);
    }

    @Test
    void aBodyBeingReadCountsAgainstTheBudgetOfBodiesInFlightUntilItsDeliveryEnds() throws Exception {
        byte[] settled = Seeds.read("zbd/payment-settled.json");
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(ZBD_TOKEN))
                .maxBodyBytes(MAX_BODY_BYTES)
                .maxBodyBytesInFlight(MAX_BODY_BYTES + settled.length - 1) // room for one of the two bodies only
                .build();
        URI server = serve(receiver);
        Engine engine = ApiAccess.engine(receiver);

        try (RawSender slow = RawSender.post(server, "/webhooks/zbd?token=" + ZBD_TOKEN, Map.of(
                "Content-Type", "application/json", "Content-Length", String.valueOf(MAX_BODY_BYTES)))) {
            slow.send("{\"type\":".getBytes(StandardCharsets.UTF_8)); // its body is on its way, not complete
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.bodyBytesInFlight() == MAX_BODY_BYTES);

            HttpResponse<String> refused = send(zbd(server, settled));

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
        // The slow sender hung up: its reservation is given back, and the next delivery fits.
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.bodyBytesInFlight() == 0);
        HttpResponse<String> accepted = send(zbd(server, settled));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(engine.bodyBytesInFlight()).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndGivesItsReservationBack() throws Exception {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(ZBD_TOKEN))
                .maxBodyBytes(MAX_BODY_BYTES)
                .build();
        URI server = serve(receiver);
        Engine engine = ApiAccess.engine(receiver);

        try (RawSender chunked = RawSender.post(server, "/webhooks/zbd?token=" + ZBD_TOKEN, Map.of(
                "Content-Type", "application/json", "Transfer-Encoding", "chunked"))) {
            byte[] chunk = new byte[MAX_BODY_BYTES];
            Arrays.fill(chunk, (byte) ' ');
            chunked.send((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.send(chunk);
            chunked.send("\r\n1\r\n \r\n".getBytes(StandardCharsets.US_ASCII)); // one byte more than the limit

            assertThat(chunked.status(20_000)).isEqualTo(413);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.bodyBytesInFlight() == 0);
    }

    private static HttpRequest zbd(URI server, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server + "/webhooks/zbd?token=" + ZBD_TOKEN))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** The hostile-sender suite against the same applications. */
    @Nested
    class HostileSenders extends HostileSenderContract {
        @Override
        protected URI base() {
            return VertxContractTest.this.base();
        }

        @Override
        protected URI downBase() {
            return VertxContractTest.this.downBase();
        }
    }
}
