package dev.ramphook.httpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.Headers;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.text.Logs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * A {@link WebhookReceiver} as a handler for the JDK's own HTTP server ({@code com.sun.net.httpserver}, module
 * {@code jdk.httpserver}), so that no other server is needed:
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext("/webhooks", WebhookHttpHandler.of(receiver));
 * server.setExecutor(Executors.newFixedThreadPool(8)); // without one, the server handles one request at a time
 * server.start();
 * }</pre>
 *
 * <p>The receiver sees the request path as sent (raw, without the query), so the context path must be a prefix of
 * the receiver's endpoint paths ({@code /webhooks} for {@code /webhooks/zbd}, or {@code /}). The body is handed over
 * as the exchange's stream, read as raw bytes and never past {@link WebhookReceiver#maxBodyBytes()}; answers,
 * limits and statuses are the receiver's, exactly as through the servlet filter. A path inside the context that is
 * no endpoint gets the receiver's {@code 404} JSON answer: the JDK server has no filter chain to pass it on to, so
 * serve the application's other paths from their own contexts.
 *
 * <p>Never lets an exception (or an Error) escape to the server: anything unexpected is logged and answered, when
 * the answer has not started, 503 with {@code Retry-After} before the receiver answered (nothing was recorded) or
 * 500 after. The receiver belongs to the caller, who closes it after {@code server.stop}.
 */
// "exports": jdk.httpserver is optional for core (requires static); an application that mounts this handler creates
// the HttpServer and so requires jdk.httpserver itself.
@SuppressWarnings("exports")
public final class WebhookHttpHandler implements HttpHandler {

    private static final Logger log = Logs.get(WebhookHttpHandler.class);
    private static final byte[] INTERNAL_ERROR =
            "{\"status\":\"error\",\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAVAILABLE =
            "{\"status\":\"unavailable\",\"error\":\"receiver could not take this delivery; retry later\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final WebhookReceiver receiver;

    private WebhookHttpHandler(WebhookReceiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * A handler that hands every request of its context to {@code receiver}. Mount it at a context path that is a
     * prefix of the receiver's endpoint paths; the handler never closes the receiver.
     *
     * @param receiver the receiver to deliver to
     * @return a stateless, thread-safe handler; give the server an executor, since it runs on the server's threads
     * @throws NullPointerException when {@code receiver} is null
     */
    public static WebhookHttpHandler of(WebhookReceiver receiver) {
        return new WebhookHttpHandler(receiver);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            WebhookResponse answer = null; // the receiver's, once it has one: past it, a failure is a 500
            try {
                answer = receiver.receive(toWebhookRequest(exchange, path, uri.getRawQuery()));
                send(exchange, answer);
            } catch (IOException e) {
                // The provider hung up while we answered; the event is recorded, so its retry is a duplicate.
                log.debug("could not send the answer for {} {}: {}", exchange.getRequestMethod(),
                        receiver.loggablePath(path), e.toString());
            } catch (Throwable e) { // an Error too: never an unlogged failure, never a 2xx for a lost delivery
                unexpected(exchange, answer == null, e, receiver.loggablePath(path));
            }
        }
    }

    /**
     * Logs once at ERROR and answers, when nothing has been sent yet: 503 with {@code Retry-After} before the
     * receiver answered (nothing recorded), else 500. A {@link VirtualMachineError} is logged by its class alone and
     * answered from bytes built in advance.
     */
    private static void unexpected(HttpExchange exchange, boolean beforeAnswer, Throwable e, String endpoint)
            throws IOException {
        String what = beforeAnswer ? "answering 503 so the provider retries" : "answering 500";
        if (e instanceof VirtualMachineError) {
            log.error("{} while receiving a delivery to {}; {}", e.getClass().getName(), endpoint, what);
        } else {
            log.error("unexpected failure receiving a delivery to {}; {}", endpoint, what, e);
        }
        if (exchange.getResponseCode() == -1) { // nothing sent yet
            byte[] body = beforeAnswer ? UNAVAILABLE : INTERNAL_ERROR;
            exchange.getResponseHeaders().clear();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (beforeAnswer) {
                exchange.getResponseHeaders().set("Retry-After", "30");
            }
            exchange.sendResponseHeaders(beforeAnswer ? 503 : 500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static WebhookRequest toWebhookRequest(HttpExchange exchange, String path, String rawQuery) {
        WebhookRequest.Builder request = WebhookRequest.builder()
                .method(exchange.getRequestMethod())
                .path(path)
                .query(rawQuery);
        InetSocketAddress peer = exchange.getRemoteAddress();
        if (peer != null && peer.getAddress() != null) {
            request.remoteAddress(peer.getAddress().getHostAddress());
        }
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                request.header(header.getKey(), value);
            }
        }
        // Only a POST has a body worth reading; the receiver answers other methods with 405 unread.
        if ("POST".equals(exchange.getRequestMethod())) {
            request.body(exchange.getRequestBody());
        }
        return request.build();
    }

    private static void send(HttpExchange exchange, WebhookResponse answer) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        answer.headers().forEach(headers::set);
        headers.set("Content-Type", answer.contentType());
        int length = answer.bodyLength();
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        // -1: no body at all (0 would mean chunked); a HEAD answer never has one.
        exchange.sendResponseHeaders(answer.status(), length == 0 || head ? -1 : length);
        if (length > 0 && !head) {
            try (OutputStream out = exchange.getResponseBody()) {
                answer.writeTo(out);
            }
        }
    }

    /** Names the receiver's class only: its configuration holds secrets. */
    @Override
    public String toString() {
        return "WebhookHttpHandler";
    }
}
