package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ramphook.Authenticator;
import dev.ramphook.DeliveryContext;
import dev.ramphook.Masking;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.text.CredentialHeaders;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoredEvent;
import dev.ramphook.testing.ShopProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The headers kept with an event are built when first read ({@link KeptHeaders}), and are then exactly what the
 * eager rule built before (kept here as {@link #oracle}, the code of 2026-12-06): credential headers dropped, the
 * others' values masked, one list per name.
 */
class KeptHeadersTest {

    private static final String[] NAMES = {"Host", "User-Agent", "Content-Type", "Content-Length", "X-Signature",
        "Authorization", "Cookie", "Referer", "X-Forwarded-Uri", "X-Request-Id", "x-api-KEY", "Séssion-Id",
        "X-Trace", "webhook-id", "X-Zbd-Auth-Code", "Accept", "\u212Aey-Id", "X-Ok"};
    private static final String[] VALUES = {"127.0.0.1:8080", "provider-webhooks/1.0", "application/json", "332",
        "Bearer abcdefghijklmnop", "basic dXNlcjpwYXNzd29yZA==", "https://a.example/webhooks/zbd?token=s3cret&x=1",
        "", "plain value", "a=b", "x;sig=abc", "é=ü", "msg_2Kx9", "BEARER    short"};

    @Test
    void keptHeadersAreTheEagerRulesOnRandomRequests() {
        Random random = new Random(21);
        for (int round = 0; round < 20_000; round++) {
            WebhookRequest.Builder b = WebhookRequest.builder().path("/hooks/shop");
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                name = switch (random.nextInt(3)) {
                    case 0 -> name;
                    case 1 -> name.toLowerCase(Locale.ROOT);
                    default -> name.toUpperCase(Locale.ROOT);
                };
                b.header(name, VALUES[random.nextInt(VALUES.length)]);
            }
            WebhookRequest request = b.build();
            Map<String, List<String>> expected = oracle(request);
            KeptHeaders kept = new KeptHeaders(request);
            assertThat(kept.built()).isFalse();
            assertThat(kept).as("round %d", round).isEqualTo(expected);
            assertThat(kept.built()).isTrue();
            assertThat(kept.hashCode()).isEqualTo(expected.hashCode());
            assertThat(kept.size()).isEqualTo(expected.size());
            for (String name : NAMES) {
                assertThat(kept.get(name)).isEqualTo(expected.get(name));
                assertThat(kept.containsKey(name)).isEqualTo(expected.containsKey(name));
            }
            assertThat(new LinkedHashMap<>(kept)).isEqualTo(expected);
        }
    }

    @Test
    void aStoredEventKeepsThemUnbuiltUntilRead() {
        WebhookRequest request = WebhookRequest.builder().path("/hooks/shop")
                .header("Content-Type", "application/json").header("X-Signature", "abc")
                .header("Referer", "https://a.example/hooks/shop?token=s3cret").build();
        KeptHeaders kept = new KeptHeaders(request);
        StoredEvent stored = StoredEvent.received("shop", "k", "SHOP.V1.ORDER.PAID", "/hooks/shop", new byte[0], kept,
                Instant.EPOCH, null, null);
        StoredEvent next = new StoredEvent(stored.provider(), stored.key(), stored.name(), stored.endpoint(),
                stored.body(), stored.headers(), stored.receivedAt(), 1, stored.completedHandlers(), null);

        assertThat(stored.headers()).isSameAs(kept);
        assertThat(next.headers()).isSameAs(kept);
        assertThat(kept.built()).as("nothing read them yet").isFalse();
        assertThat(stored.headers()).containsOnlyKeys("Content-Type", "Referer")
                .containsEntry("Referer", List.of("https://a.example/hooks/shop?token=***"));
        assertThat(kept.built()).isTrue();
        assertThat(stored).isEqualTo(StoredEvent.received("shop", "k", "SHOP.V1.ORDER.PAID", "/hooks/shop",
                new byte[0], Map.of("Content-Type", List.of("application/json"), "Referer",
                        List.of("https://a.example/hooks/shop?token=***")), Instant.EPOCH, null, null));
    }

    @Test
    void everyChangeIsRefusedAsMapOfRefusesIt() {
        KeptHeaders kept = new KeptHeaders(WebhookRequest.builder().path("/p").header("Accept", "x").build());
        assertThatThrownBy(() -> kept.put("A", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.remove("absent")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(kept::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.putIfAbsent("B", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.merge("Accept", List.of(), (a, b) -> a))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.keySet().remove("Accept")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.get("Accept").add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(kept).containsExactly(Map.entry("Accept", List.of("x")));
    }

    /** Through a receiver: a handler and the store see the kept headers, never a credential. */
    @Test
    void handlersAndTheStoreSeeNoCredential() {
        AtomicReference<DeliveryContext> seen = new AtomicReference<>();
        EventStore store = EventStore.inMemory();
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    seen.set(context);
                    throw new IllegalStateException("stay pending");
                })
                .store(store)
                .inline()
                .build()) {
            receiver.receive(WebhookRequest.builder().path("/hooks/shop")
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer abcdefghijklmnop")
                    .header("X-Signature", "sha256=abc")
                    .header("Referer", "https://a.example/hooks/shop?token=s3cret&x=1")
                    .header("X-Request-Id", "r-1").header("x-request-id", "r-2")
                    .body(ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1").getBytes(StandardCharsets.UTF_8))
                    .build());
        }
        assertThat(seen.get().header("Authorization")).isEmpty();
        assertThat(seen.get().header("x-signature")).isEmpty();
        assertThat(seen.get().header("referer")).contains("https://a.example/hooks/shop?token=***&x=1");
        assertThat(seen.get().headers("X-REQUEST-ID")).containsExactly("r-1", "r-2");
        StoredEvent stored = store.find("shop", "SHOP.V1.ORDER.PAID:o-1").orElseThrow().event();
        assertThat(stored.headers()).containsOnlyKeys("Content-Type", "Referer", "X-Request-Id")
                .containsEntry("X-Request-Id", List.of("r-1", "r-2"));
        assertThat(stored.headers().toString()).doesNotContain("s3cret", "abcdefghijklmnop", "sha256=abc");
    }

    /**
     * An event waiting in the in-memory store, its headers not built yet, holds no body stream of its delivery (a
     * container's stream, with whatever it references): only the request's head.
     */
    @Test
    void aWaitingEventHoldsNoBodyStream() {
        EventStore store = EventStore.inMemory();
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    throw new IllegalStateException("stay pending");
                })
                .store(store)
                .inline()
                .build()) {
            WeakReference<InputStream> stream = deliverAsStream(receiver);
            assertThat(store.find("shop", "SHOP.V1.ORDER.PAID:o-2")).isPresent();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                return stream.get() == null;
            });
        }
    }

    private static WeakReference<InputStream> deliverAsStream(WebhookReceiver receiver) {
        InputStream body = new ByteArrayInputStream(
                ShopProvider.body("SHOP.V1.ORDER.PAID", "o-2").getBytes(StandardCharsets.UTF_8));
        receiver.receive(WebhookRequest.builder().path("/hooks/shop").header("Content-Type", "application/json")
                .header("X-Request-Id", "r-3").body(body).build());
        return new WeakReference<>(body);
    }

    /** The eager rule of 2026-12-06 ({@code Headers.kept} before this change), as the oracle. */
    private static Map<String, List<String>> oracle(WebhookRequest request) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : request.headerNames()) {
            if (!CredentialHeaders.isCredential(name)) {
                List<String> values = new ArrayList<>();
                for (String value : request.headers(name)) {
                    values.add(Masking.header(name, value));
                }
                kept.put(name, List.copyOf(values));
            }
        }
        return Map.copyOf(kept);
    }
}
