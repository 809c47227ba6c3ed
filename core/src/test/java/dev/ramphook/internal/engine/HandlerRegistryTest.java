package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.OnEvent;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.testing.ShopProvider;
import dev.ramphook.testing.ShopProvider.Note;
import dev.ramphook.testing.ShopProvider.Order;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which handlers an event reaches, as the registry's look-up answers it: the same answer for every copy of a name
 * (whichever String instance carries it), its data's type and provider checked on every look-up, and no allocation
 * for a name already seen.
 */
class HandlerRegistryTest {

    private static final ObjectNode JSON = JsonNodeFactory.instance.objectNode();

    static final class Handlers {
        @OnEvent("ORDER.PAID")
        void a1ShortName(Order order) {
        }

        @OnEvent("SHOP.V1.ORDER.PAID")
        void a2FullName(WebhookEvent<Order> event) {
        }

        @OnEvent({"ORDER.*", "NOTE.CREATED"})
        void a3Wildcard(WebhookEvent<?> event) {
        }

        @OnEvent("*")
        void a4Everything(JsonNode json) {
        }

        @OnEvent(value = "*", provider = "shop")
        void a5ShopNotes(Note note) {
        }
    }

    /** A second provider documenting the same name as the shop: its events reach only unrestricted handlers. */
    static final class Mirror implements Provider {
        @Override
        public String id() {
            return "mirror";
        }

        @Override
        public Map<String, Class<?>> eventTypes() {
            return Map.of("SHOP.V1.ORDER.PAID", Order.class);
        }

        @Override
        public String shortName(String eventName) {
            return eventName.substring("SHOP.V1.".length());
        }

        @Override
        public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
            throw new InvalidPayloadException("not used");
        }
    }

    private final HandlerRegistry registry = HandlerRegistry.build(List.of(new Handlers()),
            List.of(new EngineConfig.HandlerSpec("", "PAYMENT.*", (e, c) -> { })),
            List.of(new ShopProvider(), new Mirror()));

    /** A copy of {@code name} in a String of its own, as a parser makes one per delivery. */
    private static WebhookEvent<?> event(String provider, String name, Object data) {
        String fresh = new String(name.toCharArray());
        String shortName = fresh.startsWith("SHOP.V1.") ? fresh.substring("SHOP.V1.".length()) : fresh;
        return new WebhookEvent<>(provider, fresh, shortName, fresh + ":1", null, data, JSON);
    }

    private List<String> handlers(WebhookEvent<?> event) {
        return registry.handlersFor(event).stream().map(b -> b.id().replaceAll("^.*\\.(\\w+)\\(.*$", "$1")).toList();
    }

    private static Order order() {
        return new Order("o-1", BigDecimal.ONE);
    }

    @Test
    void documentedNameReachesShortFullWildcardAndAuditHandlersInOrderOnEveryLookUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(handlers(event("shop", "SHOP.V1.ORDER.PAID", order())))
                    .containsExactly("a1ShortName", "a2FullName", "a3Wildcard", "a4Everything");
        }
    }

    @Test
    void sameNameWithItsDataDegradedToJsonReachesNoTypedHandlerThenTypedDataDoesAgain() {
        assertThat(handlers(event("shop", "SHOP.V1.ORDER.PAID", order())))
                .containsExactly("a1ShortName", "a2FullName", "a3Wildcard", "a4Everything");
        assertThat(handlers(event("shop", "SHOP.V1.ORDER.PAID", JSON)))
                .containsExactly("a3Wildcard", "a4Everything");
        assertThat(handlers(event("shop", "SHOP.V1.ORDER.PAID", order())))
                .containsExactly("a1ShortName", "a2FullName", "a3Wildcard", "a4Everything");
    }

    @Test
    void sameNameFromAnotherProviderSkipsHandlersRestrictedToTheFirst() {
        Note note = new Note("n-1", "hi");
        assertThat(handlers(event("shop", "SHOP.V1.NOTE.CREATED", note)))
                .containsExactly("a3Wildcard", "a4Everything", "a5ShopNotes");
        assertThat(handlers(event("mirror", "SHOP.V1.NOTE.CREATED", note)))
                .containsExactly("a3Wildcard", "a4Everything");
        assertThat(handlers(event("shop", "SHOP.V1.NOTE.CREATED", note)))
                .containsExactly("a3Wildcard", "a4Everything", "a5ShopNotes");
    }

    @Test
    void sameNameWithAnotherShortNameIsMatchedByThatShortName() {
        WebhookEvent<?> plain = new WebhookEvent<>("shop", "SHOP.V1.PAYMENT.MADE", "SHOP.V1.PAYMENT.MADE", "k", null,
                JSON, JSON);
        WebhookEvent<?> shortened = new WebhookEvent<>("shop", "SHOP.V1.PAYMENT.MADE", "PAYMENT.MADE", "k", null,
                JSON, JSON);
        assertThat(handlers(plain)).containsExactly("a4Everything");
        assertThat(handlers(shortened)).containsExactly("a4Everything", "on[0]:PAYMENT.*");
        assertThat(handlers(plain)).containsExactly("a4Everything");
    }

    @Test
    void undocumentedNameReachesOnlyWhatMatchesIt() {
        assertThat(handlers(event("shop", "SHOP.V1.REFUND.SENT", JSON))).containsExactly("a4Everything");
        assertThat(handlers(event("shop", "SHOP.V1.ORDER.SHIPPED", JSON))).containsExactly("a3Wildcard",
                "a4Everything");
    }

    /**
     * The look-up of a name seen before allocates nothing (it used to build a composite cache key per call, and
     * hash and compare its three parts). Bytes, not time: the count is exact whatever the machine does.
     */
    @Test
    void lookUpOfANameSeenBeforeAllocatesNothing() {
        registry.handlersFor(event("shop", "SHOP.V1.ORDER.PAID", order()));
        assertThat(bytesPerTypedLookUp()).isLessThan(1.0);
    }

    /**
     * A documented name's typed handlers are resolved when the registry is built, not by whichever copy of the name
     * comes first: a first delivery whose data degraded to JSON does not send every typed one after it to the
     * slower look-up.
     */
    @Test
    void documentedNameFirstSeenWithDegradedDataStillFindsTypedHandlersWithoutAllocating() {
        assertThat(handlers(event("shop", "SHOP.V1.ORDER.PAID", JSON))).containsExactly("a3Wildcard",
                "a4Everything");
        assertThat(bytesPerTypedLookUp()).isLessThan(1.0);
    }

    private double bytesPerTypedLookUp() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        WebhookEvent<?>[] events = new WebhookEvent<?>[10_000];
        for (int i = 0; i < events.length; i++) {
            events[i] = event("shop", "SHOP.V1.ORDER.PAID", order());
            events[i].name().hashCode(); // as the provider's own table look-up does while parsing
        }
        threads.getCurrentThreadAllocatedBytes();
        long found = 0;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (WebhookEvent<?> e : events) {
            found += registry.handlersFor(e).size();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(found).isEqualTo(4L * events.length);
        return allocated / (double) events.length;
    }
}
