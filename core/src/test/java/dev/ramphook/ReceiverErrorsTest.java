package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.DeliveryListener;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoreStats;
import dev.ramphook.testing.ShopProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} on the delivery path (out of memory, stack overflow, a class that cannot link) is never a 200
 * and never escapes {@code receive}: before the store recorded the event it is 503 with {@code Retry-After} (nothing
 * was acknowledged, the provider retries), after it (an inline handler) 500 as for any handler failure; the
 * receiver answers normally once the cause is gone.
 */
class ReceiverErrorsTest {

    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    /** The Error the failing step throws next, or null to work normally. */
    private final AtomicReference<Supplier<Error>> failure = new AtomicReference<>();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<DeliveryListener.Delivery> deliveries = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private void throwIfFailing() {
        Supplier<Error> next = failure.get();
        if (next != null) {
            throw next.get();
        }
    }

    private WebhookReceiver receiver(Provider provider, Authenticator authenticator, EventStore store) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", provider, authenticator)
                .on("*", (event, ctx) -> handled.add(event.key()))
                .store(store)
                .build();
        receiver.addListener(new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
                deliveries.add(delivery);
            }
        });
        return receiver;
    }

    /**
     * The in-memory store, whose record throws the current failure: {@code record}, and {@code recordSoon}, through
     * which an inline delivery records its event claimed for itself.
     */
    private EventStore failingStore() {
        EventStore real = EventStore.inMemory();
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("record") || method.getName().equals("recordSoon")) {
                        throwIfFailing();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The shop provider, whose {@code parse} throws the current failure. */
    private Provider failingParser() {
        Provider real = new ShopProvider();
        return (Provider) Proxy.newProxyInstance(Provider.class.getClassLoader(), new Class<?>[] {Provider.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("parse")) {
                        throwIfFailing();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Authenticator failingAuthenticator() {
        return (request, body) -> {
            throwIfFailing();
            return Verification.ok();
        };
    }

    private void assertUnavailableThenNormal(String id) {
        WebhookResponse failed = receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", id)));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.headers()).containsEntry("Retry-After", "30");
        assertThat(failed.bodyText()).contains("\"status\":\"unavailable\"").doesNotContain("Error");
        assertThat(handled).isEmpty();
        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeliveryListener.Reason.RECEIVER_FAILED);
            assertThat(d.status()).isEqualTo(503);
        });

        failure.set(null); // memory came back
        WebhookResponse retried = receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", id)));

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.bodyText()).contains("accepted"); // not a duplicate: the failed one was never recorded
        assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:" + id);
    }

    @Test
    void storeThatRunsOutOfMemoryIs503WithRetryAfterAndTheRetryIsRecorded() {
        // Before: OutOfMemoryError escaped receive(); the servlet container then sent an empty 200 or a 500.
        receiver(new ShopProvider(), Authenticator.none(), failingStore());
        failure.set(() -> new OutOfMemoryError("Java heap space"));

        assertUnavailableThenNormal("oom-store");
    }

    @Test
    void authenticatorWithAStackOverflowIs503() {
        receiver(new ShopProvider(), failingAuthenticator(), EventStore.inMemory());
        failure.set(StackOverflowError::new);

        assertUnavailableThenNormal("so-auth");
    }

    @Test
    void parserThatRunsOutOfMemoryIs503() {
        receiver(failingParser(), Authenticator.none(), EventStore.inMemory());
        failure.set(() -> new OutOfMemoryError("Java heap space"));

        assertUnavailableThenNormal("oom-parse");
    }

    @Test
    void anyOtherErrorBeforeTheRecordIs503() {
        receiver(new ShopProvider(), failingAuthenticator(), EventStore.inMemory());
        failure.set(() -> new AssertionError("unexpected"));

        assertUnavailableThenNormal("assertion");
    }

    @Test
    void linkageErrorBeforeTheRecordIs503NotA500() {
        receiver(failingParser(), Authenticator.none(), EventStore.inMemory());
        failure.set(() -> new NoClassDefFoundError("com/example/Gone"));

        assertUnavailableThenNormal("linkage");
    }

    @Test
    void inlineHandlerOutOfMemoryAfterTheRecordIs500AndTheEventStaysRecorded() {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, ctx) -> {
                    throwIfFailing();
                    handled.add(event.key());
                })
                .build();
        failure.set(() -> new OutOfMemoryError("Java heap space"));

        WebhookResponse failed = receiver.receive(post("/hooks/shop", PAID));

        assertThat(failed.status()).isEqualTo(500);
        StoreStats stats = receiver.stats();
        assertThat(stats.pending()).isEqualTo(1); // recorded, not handled: a redelivery or replay runs it
    }
}
