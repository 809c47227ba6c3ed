package dev.ramphook.store;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.Authenticator;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event handed off to this process's workers is handled as its delivery parsed it: the worker does not parse the
 * stored body a second time (that parse was most of a worker's CPU per event). Counted: parses per delivery. A large
 * body's parsed event is not kept in the hand-off queue (its memory stays about the bodies'): the worker parses it.
 */
class HandoffParseTest {

    /** The shop provider, counting its parses. */
    private static final class CountingShop implements Provider {
        private final ShopProvider shop = new ShopProvider();
        final AtomicInteger parses = new AtomicInteger();

        @Override
        public String id() {
            return shop.id();
        }

        @Override
        public Map<String, Class<?>> eventTypes() {
            return shop.eventTypes();
        }

        @Override
        public String shortName(String eventName) {
            return shop.shortName(eventName);
        }

        @Override
        public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
            parses.incrementAndGet();
            return shop.parse(json, rawBody);
        }
    }

    private final String prefix = TestPostgres.freshPrefix();
    private final CountingShop provider = new CountingShop();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private JdbcEventStore store;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", provider.withSubject(e -> "s-" + e.key()), Authenticator.none())
                .on("*", (event, context) -> handled.add(event.key() + " " + event.data().getClass().getSimpleName()
                        + " #" + context.attempt()))
                .store(store)
                .queued().workers(1)
                .pollInterval(Duration.ofHours(1)) // nothing is claimed by a poll: every event here is handed off
                .claimLease(Duration.ofHours(1))
                .build();
    }

    @AfterEach
    void stop() {
        receiver.close();
        store.close();
    }

    @Test
    void aHandedOffEventIsParsedOnceByItsDeliveryAndNotAgainByTheWorker() {
        for (int i = 1; i <= 10; i++) {
            assertThat(receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-" + i)))
                    .status()).isEqualTo(200);
            int done = i;
            await().until(() -> handled.size() == done);
        }

        assertThat(handled).containsExactly(java.util.stream.IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "SHOP.V1.ORDER.PAID:o-" + i + " Order #1").toArray(String[]::new));
        assertThat(provider.parses).as("parses for 10 handed-off deliveries").hasValue(10);
    }

    @Test
    void aLargeBodyIsParsedAgainByTheWorkerRatherThanKeptParsedInTheQueue() {
        String big = "{\"event\":\"SHOP.V1.NOTE.CREATED\",\"id\":\"big\",\"text\":\"" + "x".repeat(20_000) + "\"}";

        assertThat(receiver.receive(post("/hooks/shop", big)).status()).isEqualTo(200);
        await().until(() -> handled.size() == 1);

        assertThat(handled).containsExactly("SHOP.V1.NOTE.CREATED:big Note #1");
        assertThat(provider.parses).as("parses for one large delivery").hasValue(2);
    }
}
