package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver skips the control-character scan of an event name that its providers document: only for a documented
 * name that has none. A provider that documents a name with one still has that name refused, as any other.
 */
class EventNameCheckTest {

    private static final String FORGED = "SHOP.V1.ORDER\u0000PAID";

    /** The shop provider, documenting one more name: one with a NUL in it. */
    private static final class CarelessShop implements Provider {
        private final ShopProvider shop = new ShopProvider();

        @Override
        public String id() {
            return shop.id();
        }

        @Override
        public Map<String, Class<?>> eventTypes() {
            return Map.of("SHOP.V1.ORDER.PAID", ShopProvider.Order.class, FORGED, ShopProvider.Order.class);
        }

        @Override
        public String shortName(String eventName) {
            return shop.shortName(eventName);
        }

        @Override
        public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
            return shop.parse(json, rawBody);
        }
    }

    private final List<WebhookEvent<?>> handled = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        receiver.close();
    }

    private WebhookReceiver receiver() {
        receiver = WebhookReceiver.builder().endpoint("/hooks/shop", new CarelessShop(), Authenticator.none())
                .on("*", (event, context) -> handled.add(event)).build();
        return receiver;
    }

    @Test
    void aDocumentedNameWithAControlCharacterIsStillRefused() {
        WebhookResponse response = receiver().receive(post("/hooks/shop",
                "{\"event\":\"SHOP.V1.ORDER\\u0000PAID\",\"id\":\"o-1\",\"amount\":\"1\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("control characters");
        assertThat(handled).isEmpty();
    }

    @Test
    void aDocumentedNameReadAsANewStringIsAccepted() {
        WebhookResponse response = receiver().receive(post("/hooks/shop",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-1\",\"amount\":\"1\"}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(handled).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("SHOP.V1.ORDER.PAID"));
    }

    @Test
    void anUndocumentedNameWithAControlCharacterIsRefused() {
        WebhookResponse response = receiver().receive(post("/hooks/shop",
                "{\"event\":\"SHOP.V9\\u0007THING\",\"id\":\"o-1\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("control characters");
    }
}
