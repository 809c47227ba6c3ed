package dev.ramphook.metrics;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Senders choose event names and paths; neither may add series: 10,000 random ones leave the meter count alone. */
class TagCardinalityTest {

    private static final int RANDOM = 10_000;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Random random = new Random(14);
    private WebhookReceiver receiver;

    private void start() {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> { })
                .store(EventStore.inMemory(100, 100_000))
                .inline()
                .build();
        new RamphookMetrics(receiver).bindTo(registry);
    }

    /** Every meter but the store's, whose series do not depend on what senders send. */
    private List<Meter.Id> deliveryMeters() {
        return registry.getMeters().stream().map(Meter::getId)
                .filter(id -> !id.getName().equals("ramphook.store.operations")).toList();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void randomEventNamesAndForgedPathsCreateNoNewSeries() {
        start();
        receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")));
        receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V9.WARM.UP", "o-2")));
        receiver.receive(post("/hooks/shop/some-token", ShopProvider.body("SHOP.V9.WARM.UP", "o-3")));
        receiver.receive(post("/forged/path", ShopProvider.body("SHOP.V9.WARM.UP", "o-4")));
        List<Meter.Id> before = deliveryMeters();

        Set<String> sent = new HashSet<>();
        for (int i = 0; i < RANDOM; i++) {
            String name = "SHOP.V" + random.nextInt(1_000_000) + "." + UUID.randomUUID();
            String forged = UUID.randomUUID().toString();
            sent.add(name);
            sent.add(forged);
            receiver.receive(post("/hooks/shop", ShopProvider.body(name, "k-" + i)));
            receiver.receive(post("/hooks/shop/" + forged, ShopProvider.body(name, "p-" + i)));
            receiver.receive(post("/" + forged, ShopProvider.body(name, "f-" + i)));
        }

        assertThat(deliveryMeters()).containsExactlyInAnyOrderElementsOf(before);
        // Store calls happen in the background too (claim renewal): their series are bounded by the operations.
        assertThat(registry.find("ramphook.store.operations").meters()).extracting(m -> m.getId().getTag("operation"))
                .isSubsetOf("record", "claim", "claimDue", "renew", "complete", "completeAll", "fail", "release",
                        "deadLetters", "replay", "prune", "stats");
        List<String> values = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getValue).toList();
        assertThat(values).noneMatch(sent::contains);
        assertThat(registry.get("ramphook.deliveries").tag("event", "unknown").tag("endpoint", "/hooks/shop")
                .timer().count()).isEqualTo(2 + 2L * RANDOM);
        assertThat(registry.get("ramphook.deliveries").tag("endpoint", "none").tag("reason", "no_endpoint")
                .timer().count()).isEqualTo(1L + RANDOM);
    }
}
