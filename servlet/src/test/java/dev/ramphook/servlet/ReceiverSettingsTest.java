package dev.ramphook.servlet;

import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every receiver-wide key reaches the receiver it configures: each test builds the receiver from the keys and
 * observes the effect through {@link WebhookReceiver#receive}, not the parse result. (The endpoint's auth keys reach
 * it as the authenticator the endpoint runs: see {@link AuthenticatorConfigTest} and {@link AllowlistConfigTest}.)
 */
class ReceiverSettingsTest {

    private final Map<String, String> keys = new HashMap<>(Map.of(
            "ramphook.endpoint.echo.path", "/webhooks/echo",
            "ramphook.endpoint.echo.auth", "url-token",
            "ramphook.endpoint.echo.token-env", "ECHO_TOKEN"));
    private final List<WebhookReceiver> built = new ArrayList<>();

    @AfterEach
    void close() {
        built.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver build(Collection<?> handlers, EventStore store) {
        ReceiverSettings config = ReceiverSettings.from(keys,
                name -> Optional.of("t0k3n").filter(v -> name.equals("ECHO_TOKEN")), getClass().getClassLoader());
        WebhookReceiver receiver = config.build(handlers, store);
        built.add(receiver);
        return receiver;
    }

    private WebhookReceiver build(Object handler) {
        return build(List.of(handler), null);
    }

    private static WebhookResponse deliver(WebhookReceiver receiver, String path, String id, int padding) {
        String body = "{\"event\":\"echo.sent\",\"id\":\"" + id + "\",\"data\":{\"pad\":\"" + "x".repeat(padding)
                + "\"}}";
        return receiver.receive(WebhookRequest.builder().method("POST").path(path).query("token=t0k3n")
                .header("Content-Type", "application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).remoteAddress("127.0.0.1").build());
    }

    private static WebhookResponse deliver(WebhookReceiver receiver, String id) {
        return deliver(receiver, "/webhooks/echo", id, 0);
    }

    @Test
    void workersReachTheQueueTheDurableStoreChoseWhenHandlingIsUnset() {
        keys.put("ramphook.workers", "3");
        Blocking handler = new Blocking();

        WebhookReceiver receiver = build(List.of(handler), new DurableMemoryStore());

        assertWorkersHoldingAtOnce(receiver, handler, 3); // the default is two
    }

    @Test
    void workersReachAnExplicitQueue() {
        keys.put("ramphook.handling", "queued");
        keys.put("ramphook.workers", "3");
        Blocking handler = new Blocking();

        WebhookReceiver receiver = build(handler);

        assertWorkersHoldingAtOnce(receiver, handler, 3);
    }

    /**
     * Delivers events one at a time, each once the previous one is held in its handler: every held event keeps its
     * worker busy, so the {@code n}-th event gets in only when there are {@code n} workers (a worker claims due
     * events in batches, which is why they are not delivered all at once).
     */
    private static void assertWorkersHoldingAtOnce(WebhookReceiver receiver, Blocking handler, int n) {
        try {
            for (int i = 1; i <= n; i++) {
                assertThat(deliver(receiver, "evt-" + i).status()).isEqualTo(200);
                int held = i;
                await().atMost(Duration.ofSeconds(30)).until(() -> handler.inside.get() == held);
            }
        } finally {
            handler.release.countDown();
        }
    }

    @Test
    void workersWithInlineHandlingStopStartUpNamingTheKey() {
        keys.put("ramphook.handling", "inline");
        keys.put("ramphook.workers", "3");

        assertThatThrownBy(() -> build(new Counting()))
                .hasMessage("ramphook.workers applies to queued handling only, but ramphook.handling=inline");
    }

    @Test
    void workersWithTheDefaultInMemoryStoreStopStartUpNamingTheKey() {
        keys.put("ramphook.workers", "3");

        assertThatThrownBy(() -> build(new Counting())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ramphook.workers applies to queued handling only");
    }

    @Test
    void queuedHandlingAnswersBeforeTheHandlerRuns() {
        keys.put("ramphook.handling", "queued");
        Blocking handler = new Blocking();

        WebhookReceiver receiver = build(handler);

        assertThat(deliver(receiver, "evt-q").status()).isEqualTo(200); // answered while the handler is held
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.inside.get() == 1);
        handler.release.countDown();
    }

    @Test
    void inlineHandlingOverridesTheDurableStoreDefault() {
        keys.put("ramphook.handling", "inline");
        Counting handler = new Counting();

        WebhookReceiver receiver = build(List.of(handler), new DurableMemoryStore());

        assertThat(deliver(receiver, "evt-i").status()).isEqualTo(200);
        assertThat(handler.calls.get()).isEqualTo(1); // handled before the answer came back
    }

    @Test
    void handlersNamedByClassAreCalled() {
        keys.put("ramphook.handlers", StaticCounting.class.getName());
        int before = StaticCounting.CALLS.get();

        WebhookReceiver receiver = build(List.of(), null);

        assertThat(deliver(receiver, "evt-h").status()).isEqualTo(200);
        assertThat(StaticCounting.CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    void storeNamedByClassRecordsTheEvents() {
        keys.put("ramphook.store", RecordCountingStore.class.getName());
        int before = RecordCountingStore.RECORDS.get();

        WebhookReceiver receiver = build(new Counting());

        assertThat(deliver(receiver, "evt-s").status()).isEqualTo(200);
        assertThat(RecordCountingStore.RECORDS.get()).isEqualTo(before + 1);
    }

    @Test
    void maxBodyBytesIsTheReceiversLimit() {
        keys.put("ramphook.max-body-bytes", "200");

        WebhookReceiver receiver = build(new Counting());

        assertThat(receiver.maxBodyBytes()).isEqualTo(200);
        assertThat(deliver(receiver, "/webhooks/echo", "small", 100).status()).isEqualTo(200);
        assertThat(deliver(receiver, "/webhooks/echo", "large", 200).status()).isEqualTo(413);
    }

    @Test
    void maxBodyBytesInFlightIsTheReceiversBound() {
        keys.put("ramphook.max-body-bytes", "1000");
        keys.put("ramphook.max-body-bytes-in-flight", "1_500");

        WebhookReceiver receiver = build(new Counting());
        WebhookReceiver engine = receiver; // its public body budget

        assertThat(engine.reserveBody(1000)).isTrue();
        assertThat(engine.reserveBody(501)).isFalse(); // 1,500 is the bound
        assertThat(engine.reserveBody(500)).isTrue();
    }

    @Test
    void maxPendingAgeIsTheHealthThreshold() {
        keys.put("ramphook.health.max-pending-age", "90");

        WebhookReceiver receiver = build(new Counting());

        assertThat(receiver.health().maxPendingAge()).isEqualTo(java.time.Duration.ofSeconds(90));
    }

    @Test
    void endpointPathAndProviderReachTheRouter() {
        keys.put("ramphook.endpoint.echo.path", "/hooks/other");
        keys.put("ramphook.endpoint.echo.provider", "echo");
        Counting handler = new Counting();

        WebhookReceiver receiver = build(handler);

        assertThat(receiver.handles("/hooks/other")).isTrue();
        assertThat(receiver.handles("/webhooks/echo")).isFalse();
        assertThat(deliver(receiver, "/hooks/other", "evt-p", 0).status()).isEqualTo(200);
        assertThat(handler.providers).containsExactly("echo");
    }

    @Test
    void tokenParameterReachesTheEndpoint() {
        keys.put("ramphook.endpoint.echo.token-param", "key");

        WebhookReceiver receiver = build(new Counting());

        assertThat(deliver(receiver, "evt-t").status()).isEqualTo(401); // sent as ?token=
    }

    /** Holds every event until released; counts the handlers running at once. */
    static final class Blocking {
        final AtomicInteger inside = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @OnEvent("*")
        void hold(WebhookEvent<?> event) throws InterruptedException {
            inside.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
        }
    }

    static final class Counting {
        final AtomicInteger calls = new AtomicInteger();
        final List<String> providers = new java.util.concurrent.CopyOnWriteArrayList<>();

        @OnEvent("*")
        void count(WebhookEvent<?> event) {
            providers.add(event.provider());
            calls.incrementAndGet();
        }
    }

    /** Instantiated by class name, so its count is static; each test compares before and after. */
    public static final class StaticCounting {
        static final AtomicInteger CALLS = new AtomicInteger();

        @OnEvent("*")
        void count(WebhookEvent<?> event) {
            CALLS.incrementAndGet();
        }
    }
}
