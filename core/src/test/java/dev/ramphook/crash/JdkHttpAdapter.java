package dev.ramphook.crash;

import com.sun.net.httpserver.HttpServer;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.httpserver.WebhookHttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The smallest real HTTP front for a {@link WebhookReceiver}: the JDK's own server with the library's
 * {@link WebhookHttpHandler}, so that core's tests need no container. Paths the receiver does not handle answer 404.
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
        server.createContext("/", WebhookHttpHandler.of(receiver));
        server.setExecutor(adapter.threads);
        server.start();
        return adapter;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once; an exchange still in progress is cut off, as a crash would. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
