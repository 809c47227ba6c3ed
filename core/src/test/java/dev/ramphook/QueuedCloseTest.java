package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Closing a queued receiver whose poll interval is long: nothing is left to do once the handled events are marked
 * done, so close() returns then, not after the shutdown timeout (the completion writer used to wait out a whole poll
 * interval on its empty queue before it saw the stop). The bound below is a hang guard, far above the answer.
 */
class QueuedCloseTest {

    @Test
    void closeReturnsOnceTheWorkIsDoneWhateverThePollInterval() {
        List<String> handled = new CopyOnWriteArrayList<>();
        EventStore store = EventStore.inMemory();
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> handled.add(event.key()))
                .store(store)
                .queued().workers(1)
                .pollInterval(Duration.ofHours(1))
                .shutdownTimeout(Duration.ofHours(1))
                .build();
        assertThat(receiver.receive(Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")))
                .status()).isEqualTo(200);
        await().until(() -> handled.size() == 1);

        assertThatCode(() -> Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), receiver::close))
                .doesNotThrowAnyException();
        assertThat(handled).containsExactly("SHOP.V1.ORDER.PAID:o-1");
    }
}
