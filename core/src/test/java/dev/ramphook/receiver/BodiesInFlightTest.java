package dev.ramphook.receiver;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ramphook.Authenticator;
import dev.ramphook.DeliveryListener;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import dev.ramphook.testing.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on bodies in flight ({@code maxBodyBytesInFlight}): each delivery reserves its declared length before its
 * body is read and gives it back when answered, whatever the answer; over the bound the answer is 503 with
 * {@code Retry-After} before a byte is read. Counts and statuses, no timings.
 */
class BodiesInFlightTest {

    private static final int MAX_BODY = 1000;

    private final List<DeliveryListener.Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private WebhookReceiver receiver(long inFlight, Authenticator auth, EventStore store) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), auth)
                .on("*", (event, ctx) -> handled.add(event.key()))
                .store(store)
                .maxBodyBytes(MAX_BODY)
                .maxBodyBytesInFlight(inFlight)
                .bodyReadTimeout(Duration.ofSeconds(30))
                .build();
        WebhookReceiver engine = receiver; // its public listeners and body budget
        engine.addListener(new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
                deliveries.add(delivery);
            }
        });
        return engine;
    }

    /** A streamed delivery declaring {@code declared} bytes whose body arrives only once {@code gate} opens. */
    private static WebhookRequest gated(String id, int declared, CountDownLatch gate) {
        byte[] body = pad(ShopProvider.body("SHOP.V1.ORDER.PAID", id), declared);
        return WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "application/json")
                .header("Content-Length", String.valueOf(declared))
                .body(new InputStream() {
                    private int next;

                    @Override
                    public int read() throws IOException {
                        try {
                            if (!gate.await(30, TimeUnit.SECONDS)) {
                                throw new IOException("gate never opened");
                            }
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return next < body.length ? body[next++] & 0xff : -1;
                    }
                })
                .build();
    }

    /** {@code json} followed by spaces up to {@code length} bytes: still the same JSON document. */
    private static byte[] pad(String json, int length) {
        byte[] bytes = new byte[length];
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(bytes, (byte) ' ');
        System.arraycopy(text, 0, bytes, 0, text.length);
        return bytes;
    }

    private static WebhookRequest streamed(String id, int declared) {
        byte[] body = pad(ShopProvider.body("SHOP.V1.ORDER.PAID", id), declared);
        return WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "application/json")
                .header("Content-Length", String.valueOf(declared))
                .body(new java.io.ByteArrayInputStream(body))
                .build();
    }

    @Test
    void overTheBoundIs503WithRetryAfterBeforeTheBodyIsReadAndTheBoundComesBackWhenAnswered() throws Exception {
        WebhookReceiver engine = receiver(2500, Authenticator.none(), EventStore.inMemory());
        CountDownLatch gate = new CountDownLatch(1);
        List<CompletableFuture<WebhookResponse>> held = new ArrayList<>();
        for (String id : List.of("held-1", "held-2")) {
            WebhookRequest request = gated(id, MAX_BODY, gate);
            held.add(CompletableFuture.supplyAsync(() -> receiver.receive(request)));
        }
        await().atMost(Duration.ofSeconds(20)).until(engine::bodyBytesInFlight, n -> n == 2 * MAX_BODY);

        // 2000 held: another 1000 would pass 2500; its body is never read (the gate is still shut).
        WebhookResponse refused = receiver.receive(gated("over", MAX_BODY, new CountDownLatch(1)));
        // 400 more fits.
        WebhookResponse fits = receiver.receive(streamed("small", 400));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("Retry-After", "5");
        assertThat(refused.bodyText()).contains("\"status\":\"unavailable\"");
        assertThat(fits.status()).isEqualTo(200);
        assertThat(deliveries).filteredOn(d -> d.reason() == DeliveryListener.Reason.OVERLOADED).hasSize(1);

        gate.countDown();
        for (CompletableFuture<WebhookResponse> answer : held) {
            assertThat(answer.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(engine.bodyBytesInFlight()).isZero();
        assertThat(receiver.receive(streamed("after", MAX_BODY)).status()).isEqualTo(200);
        assertThat(handled).containsExactlyInAnyOrder("SHOP.V1.ORDER.PAID:held-1", "SHOP.V1.ORDER.PAID:held-2",
                "SHOP.V1.ORDER.PAID:small", "SHOP.V1.ORDER.PAID:after");
    }

    @Test
    void everyAnswerGivesItsReservationBack() {
        // Refusals after the reservation (401, 400, 413), a store that is down (503), an Error (503), and success.
        Authenticator picky = (request, body) -> {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.contains("forged")) {
                return Verification.unauthorized("no matching signature");
            }
            if (text.contains("boom")) {
                throw new OutOfMemoryError("simulated");
            }
            return Verification.ok();
        };
        WebhookReceiver engine = receiver(MAX_BODY, picky, EventStore.inMemory());

        assertThat(receiver.receive(streamed("forged", 500)).status()).isEqualTo(401);
        assertThat(receiver.receive(streamed("boom", 500)).status()).isEqualTo(503);
        assertThat(receiver.receive(WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "application/json").header("Content-Length", "20")
                .body(new java.io.ByteArrayInputStream("not json at all.....".getBytes(StandardCharsets.UTF_8)))
                .build()).status()).isEqualTo(400);
        assertThat(receiver.receive(WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "application/json")
                .body(new java.io.ByteArrayInputStream(new byte[MAX_BODY + 1])).build()).status()).isEqualTo(413);
        assertThat(receiver.receive(streamed("fine", MAX_BODY)).status()).isEqualTo(200);

        assertThat(engine.bodyBytesInFlight()).isZero();
        // the whole bound is free: a body of the largest size still goes through, every time
        assertThat(receiver.receive(streamed("fine-again", MAX_BODY)).status()).isEqualTo(200);
    }

    @Test
    void aStoreThatIsDownGivesTheReservationBackToo() {
        WebhookReceiver engine = receiver(MAX_BODY, Authenticator.none(), Stores.down());

        assertThat(receiver.receive(streamed("down", MAX_BODY)).status()).isEqualTo(503);

        assertThat(engine.bodyBytesInFlight()).isZero();
    }

    @Test
    void aBodyGivenAsBytesReservesItsOwnLength() throws Exception {
        WebhookReceiver engine = receiver(MAX_BODY, Authenticator.none(), EventStore.inMemory());
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<WebhookResponse> held =
                CompletableFuture.supplyAsync(() -> receiver.receive(gated("held", 600, gate)));
        await().atMost(Duration.ofSeconds(20)).until(engine::bodyBytesInFlight, n -> n == 600);

        // 400 bytes in memory fit beside the 600 held, although no Content-Length is declared.
        String small = ShopProvider.body("SHOP.V1.ORDER.PAID", "bytes");
        assertThat(receiver.receive(post("/hooks/shop", small)).status()).isEqualTo(200);

        gate.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(engine.bodyBytesInFlight()).isZero();
    }

    @Test
    void theBoundCannotBeBelowOneBodyOfTheLargestSize() {
        assertThatThrownBy(() -> WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .maxBodyBytes(2048).maxBodyBytesInFlight(1024).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBodyBytesInFlight (1024) must be at least maxBodyBytes (2048)");
        assertThatThrownBy(() -> WebhookReceiver.builder().maxBodyBytesInFlight(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultIs64MebibytesOrAnEighthOfTheHeap() {
        assertThat(WebhookReceiver.Builder.defaultMaxBodyBytesInFlight(4L << 30)).isEqualTo(64L << 20);
        assertThat(WebhookReceiver.Builder.defaultMaxBodyBytesInFlight(512L << 20)).isEqualTo(64L << 20);
        assertThat(WebhookReceiver.Builder.defaultMaxBodyBytesInFlight(64L << 20)).isEqualTo(8L << 20);
    }
}
