package dev.ramphook.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A small provider for engine tests, independent of the real ones: names {@code SHOP.V1.ORDER.PAID} and friends
 * (short names without {@code SHOP.V1.}), body {@code {"event":…,"id":…,"amount":"1.00"}}, key = name:id.
 */
public final class ShopProvider implements Provider {

    public record Order(String id, BigDecimal amount) {
    }

    public record Note(String id, String text) {
    }

    private static final String PREFIX = "SHOP.V1.";
    private static final Map<String, Class<?>> TYPES = Map.of(
            "SHOP.V1.ORDER.PAID", Order.class,
            "SHOP.V1.ORDER.FAILED", Order.class,
            "SHOP.V1.NOTE.CREATED", Note.class);

    @Override
    public String id() {
        return "shop";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return TYPES;
    }

    @Override
    public String shortName(String eventName) {
        return eventName.startsWith(PREFIX) ? eventName.substring(PREFIX.length()) : eventName;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        JsonNode name = json.get("event");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new InvalidPayloadException("missing event name");
        }
        String event = name.asText();
        String id = json.path("id").asText("");
        Class<?> type = TYPES.get(event);
        Object data = json;
        if (type == Order.class) {
            data = new Order(id, new BigDecimal(json.path("amount").asText("0")));
        } else if (type == Note.class) {
            data = new Note(id, json.path("text").asText(""));
        }
        return new WebhookEvent<>(id(), event, shortName(event), event + ":" + id, null, data, json);
    }

    /** A delivery body for this provider. */
    public static String body(String event, String id) {
        return "{\"event\":\"" + event + "\",\"id\":\"" + id + "\",\"amount\":\"12.50\"}";
    }
}
