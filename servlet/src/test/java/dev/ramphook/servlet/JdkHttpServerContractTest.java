package dev.ramphook.servlet;

import dev.ramphook.config.ReceiverSettings;
import com.sun.net.httpserver.HttpServer;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.httpserver.WebhookHttpHandler;
import dev.ramphook.testing.http.FailingStore;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The container contract on the JDK's own HTTP server through core's {@link WebhookHttpHandler}, mounted as the
 * README shows ({@code createContext("/webhooks", …)}), with the application's {@code /events} in a context of its
 * own. The receivers are built from the same {@code ramphook.*} keys as in the servlet containers, by the same
 * parser; the four applications (plain, store down, fenced, flaky handler) are four servers.
 */
class JdkHttpServerContractTest extends WebhookContainerContract {

    private static final List<HttpServer> servers = new ArrayList<>();
    private static final List<WebhookReceiver> receivers = new ArrayList<>();
    private static final ExecutorService threads = Executors.newFixedThreadPool(8);
    private static URI shop;
    private static URI down;
    private static URI fenced;
    private static URI flaky;
    private static final FlakyHandler flakyHandler = new FlakyHandler();

    @BeforeAll
    static void start() throws Exception {
        setSecrets();
        shop = serve(Map.of());
        down = serve(Map.of("ramphook.store", FailingStore.class.getName()));
        fenced = serve(fencedParameters());
        flaky = serve(Map.of("ramphook.handlers", ""), flakyHandler);
    }

    private static URI serve(Map<String, String> overrides, Object... handlers) throws Exception {
        Map<String, String> keys = new HashMap<>(parameters());
        keys.put("ramphook.handlers", RecordingHandler.class.getName());
        keys.putAll(overrides);
        WebhookReceiver receiver = ReceiverSettings.from(keys, ReceiverSettings::environmentSecret,
                        JdkHttpServerContractTest.class.getClassLoader())
                .build(List.of(handlers), null);
        receivers.add(receiver);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", WebhookHttpHandler.of(receiver));
        server.createContext("/events", exchange -> {
            byte[] body = RecordingHandler.receivedJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        servers.forEach(server -> server.stop(0));
        receivers.forEach(WebhookReceiver::close);
        threads.shutdownNow();
    }

    @Override
    protected URI base() {
        return shop;
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
