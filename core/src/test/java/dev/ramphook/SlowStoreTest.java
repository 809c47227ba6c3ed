package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A durable store that hangs or throws where a database would, wrapped around the in-memory one: the receiver's
 * bounds on store calls (the inline claim's deadline, the claim renewal's beat) hold whatever the store does.
 */
class SlowStoreTest {

    private final EventStore memory = EventStore.inMemory();
    private final CountDownLatch claimReleased = new CountDownLatch(1);
    private final AtomicBoolean claimHangs = new AtomicBoolean();
    private final AtomicBoolean renewThrows = new AtomicBoolean();
    private final AtomicInteger renewals = new AtomicInteger();
    private final AtomicInteger releases = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();
    private WebhookReceiver receiver;

    /** Durable, so that handling defaults to queued and the receiver bounds its calls; otherwise the memory store. */
    private final EventStore store = (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(),
            new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "durable":
                        return true;
                    case "claim":
                        if (claimHangs.get()) {
                            claimReleased.await(); // a pool waiting for a connection
                        }
                        break;
                    case "renew":
                        renewals.incrementAndGet();
                        if (renewThrows.getAndSet(false)) {
                            throw new UncheckedIOException(new java.io.IOException("a custom store's surprise"));
                        }
                        break;
                    case "release":
                        releases.incrementAndGet();
                        break;
                    default:
                        break;
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    @AfterEach
    void close() {
        claimReleased.countDown();
        if (receiver != null) {
            receiver.close();
        }
    }

    private WebhookRequest paid(String id) {
        return Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", id));
    }

    @Test
    void anInlineClaimThatHangsIsAnswered503WithinTheRecordTimeoutAndGivenBackWhenItLands() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> runs.incrementAndGet())
                .store(store)
                .inline()
                .recordTimeout(Duration.ofMillis(300))
                .build();
        claimHangs.set(true);
        // The answer must come: within the bound of a sender's own timeout, not a measurement.
        WebhookResponse answer = CompletableFuture.supplyAsync(() -> receiver.receive(paid("o-1")))
                .get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).containsKey("Retry-After");
        assertThat(runs.get()).isZero();

        claimHangs.set(false);
        claimReleased.countDown();
        await().until(() -> releases.get() == 1); // the late claim is given back, not left to its lease
        assertThat(receiver.receive(paid("o-1")).status()).isEqualTo(200);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aRenewalThatThrowsSomethingUnexpectedIsTriedAgainAndTheBeatGoesOn() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    runs.incrementAndGet();
                    finish.await();
                })
                .store(store)
                .queued().workers(1)
                .claimLease(Duration.ofMillis(300))
                .build();
        try {
            assertThat(receiver.receive(paid("o-1")).status()).isEqualTo(200);
            await().until(() -> runs.get() == 1);
            renewThrows.set(true);
            await().until(() -> !renewThrows.get()); // the surprise was thrown
            int after = renewals.get();
            await().until(() -> renewals.get() >= after + 3);
            assertThat(runs.get()).isEqualTo(1);
        } finally {
            finish.countDown();
        }
    }
}
