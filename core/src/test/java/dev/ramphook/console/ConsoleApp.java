package dev.ramphook.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.receiver.ConsoleSettings;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver with the console at {@code /ops} on a real JDK HTTP server: the shop provider at {@code /webhooks/shop}
 * and ZBD at {@code /webhooks/zbd} (no authentication, to keep deliveries short), queued handling that dead-letters
 * after two attempts, a handler that fails while {@link #broken} is set (and records each document it completes),
 * and a store that counts every call made to it.
 */
final class ConsoleApp implements AutoCloseable {

    static final String USER = "ops";
    static final String PASSWORD = "correct horse battery";
    static final String TOKEN = "script-token-0123456789";
    static final String SIGNED_TOKEN = "signed-endpoint-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Store calls that only a request can cause (the workers' polling, renewal and pruning are not counted). */
    private static final java.util.Set<String> REQUEST_DRIVEN = java.util.Set.of("record", "claim", "search", "find",
            "deadLetters", "replay", "stats");

    final AtomicBoolean broken = new AtomicBoolean(true);
    /** What the handler's exception says while {@link #broken} is set. */
    final java.util.concurrent.atomic.AtomicReference<String> failure =
            new java.util.concurrent.atomic.AtomicReference<>("ledger unreachable");
    final AtomicInteger handled = new AtomicInteger();
    final AtomicInteger storeCalls = new AtomicInteger();
    /** The whole document of each event a handler completed, as the handler saw it. */
    final java.util.Queue<String> handledDocuments = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final WebhookReceiver receiver;
    private final JdkHttpAdapter http;

    /** Started and listening; a test holds one in an {@code @AutoClose} field, so each test gets its own. */
    ConsoleApp() {
        this(true);
    }

    /** As {@link #ConsoleApp()}, handling inline (the provider's redelivery retries) when {@code queued} is false. */
    ConsoleApp(boolean queued) {
        WebhookReceiver.Builder builder = WebhookReceiver.builder()
                .endpoint("/webhooks/shop", new ShopProvider(), Authenticator.none())
                .endpoint("/webhooks/signed", new ShopProvider(), dev.ramphook.auth.UrlToken.of(SIGNED_TOKEN))
                .endpoint("/webhooks/zbd", dev.ramphook.zbd.ZbdRamp.provider(), Authenticator.none())
                .on("*", (event, context) -> {
                    if (broken.get()) {
                        throw new IllegalStateException(failure.get());
                    }
                    handledDocuments.add(event.json().toString());
                    handled.incrementAndGet();
                })
                .store(counted(EventStore.inMemory()))
                .console(ConsoleSettings.at("/ops").basicAuth(USER, PASSWORD).bearerToken(TOKEN));
        receiver = (queued ? builder.queued().workers(1).maxAttempts(2)
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).pollInterval(Duration.ofMillis(50))
                : builder.inline()).build();
        try {
            http = JdkHttpAdapter.serve(receiver, 0);
        } catch (IOException e) {
            receiver.close();
            throw new UncheckedIOException("could not open the console test server", e);
        }
    }

    private EventStore counted(EventStore store) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (REQUEST_DRIVEN.contains(method.getName())) {
                        storeCalls.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + http.port() + pathAndQuery);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a path of the JSON API with the script token; the answer must be a 200 in JSON. */
    JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery, "Bearer " + TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(response.body());
    }

    HttpResponse<String> page(String pathAndQuery) throws Exception {
        return get(pathAndQuery, basic(USER, PASSWORD));
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Delivers a shop event; its key is {@code name:id}. */
    HttpResponse<String> deliver(String name, String id) throws Exception {
        String body = "{\"event\":" + dev.ramphook.internal.json.Json.quote(name) + ",\"id\":"
                + dev.ramphook.internal.json.Json.quote(id) + ",\"amount\":\"1.00\"}";
        return post("/webhooks/shop", "application/json", body);
    }

    @Override
    public void close() {
        http.close();
        receiver.close();
    }
}
