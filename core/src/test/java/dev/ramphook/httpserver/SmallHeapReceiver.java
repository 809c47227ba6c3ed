package dev.ramphook.httpserver;

import com.sun.net.httpserver.HttpServer;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.mecash.MeCash;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A receiver on the JDK HTTP server, meant to run in a JVM of its own with a small heap ({@link SmallHeapTest}):
 * meCash deliveries at {@code /webhooks/mecash}, inline handling into an in-memory set of event ids, served at
 * {@code GET /handled} one id a line. Writes its port to the file named by its first argument once it listens.
 */
public final class SmallHeapReceiver {

    static final String SECRET = "small-heap-secret";

    private SmallHeapReceiver() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/mecash", MeCash.provider(), MeCash.signature(SECRET))
                .on("*", (event, context) -> handled.add(event.json().path("data").path("id").asText()))
                .maxBodyBytes(1 << 20)
                // longer than SmallHeapTest may run: a body that arrives is read, however loaded the machine
                .bodyReadTimeout(Duration.ofMinutes(10))
                .build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/webhooks", WebhookHttpHandler.of(receiver));
        server.createContext("/handled", exchange -> {
            byte[] body = String.join("\n", handled).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(48));
        server.start();
        Path port = Path.of(args[0]);
        Files.writeString(port.resolveSibling(port.getFileName() + ".tmp"), String.valueOf(server.getAddress().getPort()));
        Files.move(port.resolveSibling(port.getFileName() + ".tmp"), port);
    }
}
