package dev.ramphook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A webhook provider: how its deliveries name events, how their data maps to types, and what makes two
 * deliveries the same event. Built in: {@code ZbdRamp.provider()} and {@code MeCash.provider()}.
 *
 * <p>Implementations are immutable and thread-safe. {@link #parse} runs only after the delivery was
 * authenticated, on a body that is already known to be a JSON object.
 */
public interface Provider {

    /** A short stable id, such as {@code zbd}: stored with every event and usable in {@link OnEvent#provider()}. */
    String id();

    /**
     * The documented event names and the data type each one parses to. Used when the receiver is built, to
     * check that every {@link OnEvent} method can be called for some event; undocumented names still parse.
     */
    Map<String, Class<?>> eventTypes();

    /** The name without the provider's namespace ({@code PAYMENT.SETTLED}); the name itself when there is none. */
    default String shortName(String eventName) {
        return eventName;
    }

    /**
     * Turns an authenticated delivery into an event. Unknown event names and unknown or oddly shaped fields must
     * not fail: the data falls back to the JSON node.
     *
     * @throws InvalidPayloadException when the document has no event name
     */
    WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException;

    /** This provider with another deduplication rule, for integrators whose events need a different key. */
    default Provider withDedupKey(Function<WebhookEvent<?>, String> rule) {
        Objects.requireNonNull(rule, "rule");
        Provider self = this;
        return new Provider() {
            @Override
            public String id() {
                return self.id();
            }

            @Override
            public Map<String, Class<?>> eventTypes() {
                return self.eventTypes();
            }

            @Override
            public String shortName(String eventName) {
                return self.shortName(eventName);
            }

            @Override
            public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
                WebhookEvent<?> event = self.parse(json, rawBody);
                return event.withKey(Objects.requireNonNull(rule.apply(event), "dedup key rule returned null"));
            }
        };
    }
}
