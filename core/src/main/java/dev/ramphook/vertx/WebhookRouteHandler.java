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
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
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
 * <p>On the event loop it only checks what needs no body ({@link WebhookReceiver#screenHead}: method, source address,
 * URL token or signature header, content type, declared length), then reserves the body's declared length (the
 * whole {@link WebhookReceiver#maxBodyBytes()} when none is declared) from the receiver's bound on bodies in flight
 * ({@code maxBodyBytesInFlight}; past it 503 with {@code Retry-After}, nothing read) and gathers the body as it
 * arrives, never more than {@link WebhookReceiver#maxBodyBytes()} (a larger body is answered 413 at once, and the
 * connection closed, without buffering the rest) and never longer than {@link WebhookReceiver#bodyReadTimeout()}
 * (408). The reservation is given back when the delivery is answered, whichever way it ends.
 * The rest of the delivery ({@link WebhookReceiver#receiveScreened}: the checks above are not run again), which
 * verifies, records in the store and may run inline handlers, runs on Vert.x's worker pool ({@code executeBlocking}, unordered), never on the event loop. The answer's status,
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
        WebhookReceiver.Screening screening = receiver.screenHead(delivery.build());
        Optional<WebhookResponse> refused = screening.refusal();
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
        // Counted against the bound on bodies in flight before a byte is buffered: a burst of large bodies on their
        // way meets 503s, not an exhausted heap. Given back once the delivery is answered, however it ends.
        long reserved = receiver.bodyReservation(declaredLength(request));
        if (!receiver.reserveBody(reserved)) {
            send(context, receiver.overloaded(screening.request()), "close");
            return;
        }
        readBody(context, request, screening, path, reserved);
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Gathers the body on the event loop under its reservation, never more than {@code maxBodyBytes}, within the
     * body read timeout, then receives it on a worker; the reservation is given back whichever way this ends.
     */
    private void readBody(RoutingContext context, HttpServerRequest request, WebhookReceiver.Screening screening,
            String path, long reserved) {
        int limit = receiver.maxBodyBytes();
        Buffer body = Buffer.buffer((int) Math.min(Math.max(reserved, 1), 8192));
        AtomicBoolean done = new AtomicBoolean(); // set once: the body is complete, too large, late or broken
        long timer = context.vertx().setTimer(Math.max(1, receiver.bodyReadTimeout().toMillis()), id -> {
            if (done.compareAndSet(false, true)) {
                receiver.releaseBody(reserved);
                send(context, receiver.bodyTimedOut(screening.request()), "close");
            }
        });
        request.handler(chunk -> {
            if (done.get()) {
                return; // answered already: the rest is dropped, never buffered
            }
            if (body.length() + chunk.length() <= limit) {
                body.appendBuffer(chunk);
            } else if (done.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                // One byte past the limit, taken from the chunk rather than buffered with the rest: the receiver
                // answers 413, as it does for any body over its limit.
                byte[] oneTooMany = Arrays.copyOf(body.getBytes(), body.length() + 1);
                oneTooMany[body.length()] = chunk.getByte(0);
                receive(context, () -> receiver.receiveScreened(screening, oneTooMany), path, "close", reserved);
            }
        });
        request.exceptionHandler(e -> {
            if (done.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                receiver.releaseBody(reserved);
                log.debug("body of a delivery to {} failed: {}", receiver.loggablePath(path), e.toString());
                context.request().connection().close();
            }
        });
        request.endHandler(end -> {
            if (done.compareAndSet(false, true)) {
                context.vertx().cancelTimer(timer);
                byte[] complete = body.getBytes();
                receive(context, () -> receiver.receiveScreened(screening, complete), path, null, reserved);
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue(); // the checks that need no body have passed
        }
        request.resume(); // the router pauses a request until a handler takes its body
    }

    private void receive(RoutingContext context, WebhookRequest delivery, String path) {
        receive(context, () -> receiver.receive(delivery), path, null, -1);
    }

    /**
     * Runs {@code delivery} (the receiver's {@code receive}, or {@code receiveScreened} for a body read here) on a
     * worker thread, then answers on the request's context. With {@code reserved} of 0 or more the body was read
     * under that reservation, given back when the worker is done (or could not take it).
     */
    private void receive(RoutingContext context, Callable<WebhookResponse> delivery, String path, String connection,
            long reserved) {
        context.vertx().executeBlocking(delivery, false).onComplete(result -> {
            if (reserved >= 0) {
                receiver.releaseBody(reserved);
            }
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
