package dev.ramphook.revolut;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.Authenticator;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Revolut Ramp (provider id {@code revolut}): the Crypto Ramp order webhooks {@code ORDER_CREATED},
 * {@code ORDER_PROCESSING}, {@code ORDER_COMPLETED} and {@code ORDER_FAILED} (the name is the body's {@code event}
 * field), typed as {@link RevolutOrderEvent}.
 *
 * <p><b>Deduplication key</b>: {@code <event>:<order_id>} (each event happens once per order; Revolut retries a
 * failed delivery three more times with the same body); without an order id, {@code json-sha256:} of the body's
 * canonical form. <b>Subject</b>: the order id. Revolut sends no event time, so {@link WebhookEvent#occurredAt()} is
 * empty and one order's events run in the order they were received (Revolut does not guarantee its own order).
 *
 * <p><b>Authentication</b>: {@link #signature} ({@link RevolutSignature}). Immutable and thread-safe.
 */
public final class RevolutRamp implements Provider {

    private static final RevolutRamp INSTANCE = new RevolutRamp();
    private static final Map<String, Class<?>> EVENT_TYPES = eventTypeTable();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public RevolutRamp() {
    }

    /**
     * The shared instance.
     *
     * @return the provider, immutable and thread-safe
     */
    public static RevolutRamp provider() {
        return INSTANCE;
    }

    /**
     * The default authentication: {@code Revolut-Signature} with {@code Revolut-Request-Timestamp}, 5 minutes'
     * tolerance.
     *
     * @param secrets the webhook signing secret ({@code wsk_…}; several while rotating)
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret or an empty one is given
     */
    public static RevolutSignature signature(String... secrets) {
        return RevolutSignature.of(secrets);
    }

    /** {@link #signature}: {@code Revolut-Signature} keyed with the signing secret(s). */
    @Override
    public Authenticator defaultAuthenticator(String... secrets) {
        return signature(secrets);
    }

    @Override
    public String id() {
        return "revolut";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String name = JsonFields.nonBlankText(json, "event");
        if (name == null) {
            throw new InvalidPayloadException("missing event name");
        }
        String orderId = JsonFields.idText(json, "order_id");
        String key = orderId == null ? EventKeys.canonicalHash(json) : EventKeys.bounded(name + ":" + orderId);
        Object data = orderId != null && EVENT_TYPES.containsKey(name)
                ? new RevolutOrderEvent(orderId, Optional.ofNullable(JsonFields.nonBlankText(json, "wallet")))
                : json;
        return new WebhookEvent<>(id(), name, name, key, null, data, json);
    }

    /** The order ({@code order_id}): one order's events run one at a time. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        return Optional.ofNullable(JsonFields.idText(event.json(), "order_id"));
    }

    private static Map<String, Class<?>> eventTypeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String name : new String[] {"ORDER_CREATED", "ORDER_PROCESSING", "ORDER_COMPLETED", "ORDER_FAILED"}) {
            types.put(name, RevolutOrderEvent.class);
        }
        return Collections.unmodifiableMap(types);
    }

    @Override
    public String toString() {
        return "RevolutRamp";
    }
}
