package dev.ramphook.crash;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The smallest real HTTP front for a {@link WebhookReceiver}: the JDK's own server, so that core's tests need no
 * container. Paths the receiver does not handle answer 404.
 */
public final class JdkHttpAdapter implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    private JdkHttpAdapter(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code receiver} on 127.0.0.1 at {@code port} (0 for any free port). */
    public static JdkHttpAdapter serve(WebhookReceiver receiver, int port) throws IOException {
        // Without TCP_NODELAY, small answers wait out the client's delayed ACK: ~40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        JdkHttpAdapter adapter = new JdkHttpAdapter(server);
        server.createContext("/", exchange -> adapter.handle(receiver, exchange));
        server.setExecutor(adapter.threads);
        server.start();
        return adapter;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(WebhookReceiver receiver, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!receiver.handles(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            WebhookRequest.Builder request = WebhookRequest.builder()
                    .method(exchange.getRequestMethod())
                    .path(path)
                    .body(exchange.getRequestBody())
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress());
            if (exchange.getRequestURI().getRawQuery() != null) {
                request.query(exchange.getRequestURI().getRawQuery());
            }
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
            WebhookResponse response = receiver.receive(request.build());
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops listening at once; an exchange still in progress is cut off, as a crash would. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
