package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoredEvent;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Grouped records are a capability of the public {@link EventStore} SPI, not of the JDBC store alone: a custom
 * durable store that offers {@link EventStore#recordSoon(StoredEvent, Instant, Consumer)} is recorded through it,
 * with the request's body handed over, not copied; one that does not (the default, null) is called through
 * {@link EventStore#record}. Both are the receiver's own path, whatever the store's class.
 */
class GroupedRecordCapabilityTest {

    private final EventStore memory = EventStore.inMemory();
    private final List<StoredEvent> grouped = new ArrayList<>();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /**
     * The in-memory store, durable (so the receiver waits on it under its record timeout); with {@code grouping},
     * it offers grouped records, as the JDBC store does.
     */
    private EventStore store(boolean grouping) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("durable")) {
                        return true;
                    }
                    if (grouping && method.getName().equals("recordSoon") && args.length == 3) {
                        grouped.add((StoredEvent) args[0]);
                        return CompletableFuture.completedFuture(memory.record((StoredEvent) args[0],
                                (Instant) args[1]));
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aCustomStoreThatGroupsRecordsIsRecordedThroughItsGroupedRecord() {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> { })
                .store(store(true))
                .inline()
                .build();
        WebhookResponse answer = receiver.receive(Requests.post("/hooks/shop",
                ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(grouped).singleElement().satisfies(e -> assertThat(e.key()).endsWith("o-1"));
        assertThat(receiver.receive(Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")))
                .bodyText()).contains("duplicate");
    }

    @Test
    void aStoreWithoutTheCapabilityIsCalledDirectly() {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> { })
                .store(store(false))
                .inline()
                .build();

        WebhookResponse answer = receiver.receive(Requests.post("/hooks/shop",
                ShopProvider.body("SHOP.V1.ORDER.PAID", "o-2")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(grouped).isEmpty();
        assertThat(receiver.receive(Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-2")))
                .bodyText()).contains("duplicate");
    }
}
