package dev.ramphook.vertx;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.text.Logs;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * A {@link WebhookReceiver} as a Vert.x Web route handler:
 *
 * <pre>{@code
 * Router router = Router.router(vertx);
 * router.route("/webhooks/*").handler(WebhookRouteHandler.of(receiver));   // no BodyHandler needed before it
 * vertx.createHttpServer().requestHandler(router).listen(8080);
 * }</pre>
 *
 * <p>On the event loop it only checks what needs no body ({@link WebhookReceiver#screen}: method, source address,
 * URL token or signature header, content type, declared length) and gathers the body as it arrives, never more than
 * {@link WebhookReceiver#maxBodyBytes()} plus one byte (a larger body is answered 413 at once, and the connection
 * closed, without buffering the rest) and never longer than {@link WebhookReceiver#bodyReadTimeout()} (408).
 * {@link WebhookReceiver#receive} itself, which verifies, records in the store and may run inline handlers, runs
 * on Vert.x's worker pool ({@code executeBlocking}, unordered), never on the event loop. The answer's status,
 * headers and JSON body are sent as they are.
 *
 * <p>The receiver sees the request's raw path (percent-encoding kept, without the query) and the direct peer's
 * address; an endpoint's {@code trusted-proxies} decide whether a forwarding header is believed, as behind the
 * servlet filter. A path that is no endpoint is passed to the next handler ({@link RoutingContext#next()}). When a
 * {@code BodyHandler} ran before this handler, its buffered body is used as it is (its own limit applies first).
 *
 * <p>Stateless and thread-safe; the receiver belongs to the caller, who closes it after the server.
 */
// "exports": Vert.x is optional for core (requires static); the application that mounts this handler creates the router,
// and so requires Vert.x itself.
@SuppressWarnings("exports")
public final class WebhookRouteHandler implements Handler<RoutingContext> {

    private static final Logger log = Logs.get(WebhookRouteHandler.class);
    private static final byte[] UNAVAILABLE =
            "{\"status\":\"unavailable\",\"error\":\"receiver could not take this delivery; retry later\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final WebhookReceiver receiver;

    private WebhookRouteHandler(WebhookReceiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * A route handler that hands the route's webhook requests to {@code receiver} and passes the others on.
     *
     * @param receiver the receiver to deliver to; never closed here
     * @return a stateless, thread-safe handler
     * @throws NullPointerException when {@code receiver} is null
     */
    public static WebhookRouteHandler of(WebhookReceiver receiver) {
        return new WebhookRouteHandler(receiver);
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (path == null || !receiver.handles(path)) {
            context.next();
            return;
        }
        WebhookRequest.Builder delivery = toWebhookRequest(request, path);
        Optional<WebhookResponse> refused = receiver.screen(delivery.build());
        if (refused.isPresent()) {
            // Nothing of the body is read; the connection closes when a body was on its way.
            send(context, refused.get(), request.isEnded() ? null : "close");
            return;
        }
        if (request.isEnded()) { // a BodyHandler before this one has read the body already
            Buffer body = context.body().buffer();
            receive(context, delivery.body(body == null ? new byte[0] : body.getBytes()).build(), path);
            return;
        }
        readBody(context, request, delivery, path);
    }

    /** Gathers the body on the event loop, bounded in size and time, then receives it on a worker. */
    private void readBody(RoutingContext context, HttpServerRequest request, WebhookRequest.Builder delivery,
            String path) {
        int limit = receiver.maxBodyBytes();
        Buffer body = Buffer.buffer(Math.min(limit + 1, 8192));
        AtomicBoolean done = new AtomicBoolean(); // set once: the body is complete, too large or too late
        long timer = context.vertx().setTimer(Math.max(1, receiver.bodyReadTimeout().toMillis()), id -> {
            if (done.compareAndSet(false, true)) {
                send(context, receiver.bodyTimedOut(delivery.build()), "close");
            }
        });
        request.handler(chunk -> {
            if (done.get()) {
                return; // answered already: the rest is dropped, never buffered
            }
            body.appendBuffer(chunk, 0, Math.min(chunk.length(), limit + 1 - body.length()));
            if (body.length() > limit && done.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                // limit + 1 bytes: the receiver answers 413, as it does for any body over its limit.
                receive(context, delivery.body(body.getBytes()).build(), path, "close");
            }
        });
        request.exceptionHandler(e -> {
            if (done.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                log.debug("body of a delivery to {} failed: {}", receiver.loggablePath(path),
                        e.toString());
                context.request().connection().close();
            }
        });
        request.endHandler(end -> {
            if (done.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                receive(context, delivery.body(body.getBytes()).build(), path);
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue(); // the checks that need no body have passed
        }
        request.resume(); // the router pauses a request until a handler takes its body
    }

    private void receive(RoutingContext context, WebhookRequest delivery, String path) {
        receive(context, delivery, path, null);
    }

    /** Runs {@link WebhookReceiver#receive} on a worker thread, then answers on the request's context. */
    private void receive(RoutingContext context, WebhookRequest delivery, String path, String connection) {
        context.vertx().executeBlocking(() -> receiver.receive(delivery), false).onComplete(result -> {
            if (result.succeeded()) {
                send(context, result.result(), connection);
            } else { // the worker pool refused it: nothing was recorded
                log.error("could not hand a delivery to {} to a worker; answering 503 so the provider retries: {}",
                        receiver.loggablePath(path), result.cause().toString());
                HttpServerResponse response = context.response();
                if (!response.ended() && !response.headWritten()) {
                    response.setStatusCode(503).putHeader("Content-Type", "application/json")
                            .putHeader("Retry-After", "30").end(Buffer.buffer(UNAVAILABLE));
                }
            }
        });
    }

    private static WebhookRequest.Builder toWebhookRequest(HttpServerRequest request, String path) {
        WebhookRequest.Builder delivery = WebhookRequest.builder()
                .method(request.method().name())
                .path(path)
                .query(request.query());
        SocketAddress peer = request.remoteAddress();
        if (peer != null && peer.hostAddress() != null) {
            delivery.remoteAddress(peer.hostAddress());
        }
        for (Map.Entry<String, String> header : request.headers()) {
            delivery.header(header.getKey(), header.getValue());
        }
        return delivery;
    }

    private static void send(RoutingContext context, WebhookResponse answer, String connection) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return; // the sender hung up; a recorded event's retry is a duplicate
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.putHeader("Content-Type", answer.contentType());
        if (connection != null) {
            response.putHeader("Connection", connection);
        }
        response.end(Buffer.buffer(answer.body()));
    }

    /** Names the class only: the receiver's configuration holds secrets. */
    @Override
    public String toString() {
        return "WebhookRouteHandler";
    }
}
