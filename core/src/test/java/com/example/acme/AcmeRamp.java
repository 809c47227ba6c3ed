package com.example.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import dev.ramphook.provider.TypedFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Acme Ramp: {"id": "evt_…", "type": "order.completed", "created_at": "…Z", "data": {"order_id", "amount", "currency",
 * "wallet"?}}, signed with X-Acme-Signature: hex HMAC-SHA256 of the raw body.
 */
public final class AcmeRamp implements Provider {

    /** The typed data of every order.* event; wallet is optional, the rest always sent. */
    public record Order(String orderId, BigDecimal amount, String currency, Optional<String> wallet) {
    }

    private static final Map<String, Class<?>> EVENT_TYPES = Map.of(
            "order.created", Order.class,
            "order.completed", Order.class,
            "order.failed", Order.class);

    /** ServiceLoader needs a public no-argument constructor. */
    public AcmeRamp() {
    }

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public Authenticator defaultAuthenticator(String... secrets) {
        return HmacSignature.sha256Hex("X-Acme-Signature", secrets);
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String name = JsonFields.nonBlankText(json, "type");
        if (name == null) {
            throw new InvalidPayloadException("missing event name");
        }
        JsonNode data = JsonFields.object(json, "data");
        String id = JsonFields.idText(json, "id");
        String key = id != null ? EventKeys.bounded(id) : EventKeys.canonicalHash(json);
        Instant occurredAt = JsonFields.instant(json, "created_at");
        return new WebhookEvent<>(id(), name, name, key, occurredAt, data(name, data, json), json);
    }

    /** One order's events run one at a time, in order. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        return EventKeys.subject(JsonFields.object(event.json(), "data"), "order_id");
    }

    private Object data(String name, JsonNode data, ObjectNode json) {
        TypedFields f = TypedFields.of(id(), name);
        if (data == null) {
            return EVENT_TYPES.containsKey(name) ? f.untyped(json, "has no data object") : json;
        }
        if (!EVENT_TYPES.containsKey(name)) {
            return data;                          // an event Acme adds later still arrives, as JSON
        }
        Order order = new Order(f.id(data, "data", "order_id"), f.decimal(data, "data", "amount"),
                f.text(data, "data", "currency"), f.optionalText(data, "data", "wallet"));
        return f.typedOr(order, data);            // the JSON data, with one WARN line, when a field did not fit
    }
}
