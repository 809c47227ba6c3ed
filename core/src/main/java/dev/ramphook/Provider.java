package dev.ramphook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A webhook provider: how its deliveries name events, how their data maps to types, and what makes two
 * deliveries the same event. Built in: {@code ZbdRamp.provider()} and {@code MeCash.provider()}.
 *
 * <p>Implementations are immutable and thread-safe. {@link #parse} runs only after the delivery was
 * authenticated, on a body that is already known to be a JSON object.
 */
public interface Provider {

    /**
     * {@return a short stable id, such as {@code zbd}: stored with every event, usable in {@link OnEvent#provider()}
     * and as {@code ramphook.endpoint.<name>.provider}} Never change it once events are stored: it is part of their
     * deduplication key.
     */
    String id();

    /**
     * The documented event names and the data type each one parses to. Used when the receiver is built, to
     * check that every {@link OnEvent} method can be called for some event; undocumented names still parse.
     *
     * @return event name to data type, such as {@code RAMP_WIDGET.V1.PAYMENT.SETTLED} to {@code ZbdPayment}
     */
    Map<String, Class<?>> eventTypes();

    /**
     * The name without the provider's namespace, which {@link OnEvent} patterns may use instead of the full name.
     *
     * @param eventName the event name as delivered
     * @return the short name ({@code PAYMENT.SETTLED}); by default the name itself
     */
    default String shortName(String eventName) {
        return eventName;
    }

    /**
     * Turns an authenticated delivery into an event. Unknown event names and unknown or oddly shaped fields must
     * not fail: the data falls back to the JSON node. Called on the delivering thread, possibly concurrently.
     *
     * @param json    the delivered document, already known to be a JSON object; do not modify it
     * @param rawBody the body bytes exactly as received (for a key derived from them); do not modify them
     * @return the event, with its name, deduplication key, typed (or JSON) data and the document
     * @throws InvalidPayloadException when the document has no event name
     */
    WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException;

    /**
     * The authentication this provider documents, keyed with {@code secrets}: what an endpoint for it uses when
     * nothing else is chosen ({@code ramphook.endpoint.<name>.auth} left out, or
     * {@link dev.ramphook.receiver.WebhookReceiver.Builder#endpoint(String, Provider, String...)}). Several secrets are
     * for rotation: any one of them may have signed a delivery. {@code MeCash} answers its {@code X-Signature}
     * HMAC-SHA512, {@code ZbdRamp} a {@code ?token=} in the URL.
     *
     * @param secrets the secrets (or tokens) as the provider's dashboard shows them, at least one
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret is given, or one is empty or malformed
     * @throws UnsupportedOperationException when the provider documents no authentication (the default): choose an
     *                                       {@link dev.ramphook.Authenticator} explicitly
     */
    default Authenticator defaultAuthenticator(String... secrets) {
        throw new UnsupportedOperationException("provider " + id() + " names no default authentication: choose an"
                + " authenticator explicitly");
    }

    /**
     * What the event is about, such as the payment or session it moves along. Events of one subject are handled
     * one at a time, in the order they occurred ({@link WebhookEvent#occurredAt()}, then receipt), by every worker
     * and receiver instance sharing the store; events of different subjects run in parallel. Empty (the default
     * for providers that do not override it) means no ordering: the event runs whenever a worker is free.
     * {@code ZbdRamp} names the session ({@code data.session_id}), {@code MeCash} the transaction or payout id.
     *
     * @param event an event this provider parsed
     * @return what the event is about; empty for no ordering
     */
    default Optional<String> subject(WebhookEvent<?> event) {
        return Optional.empty();
    }

    /**
     * This provider with another subject rule ({@link #subject}); the rule returns {@code null} for an event with
     * no subject, so {@code withSubject(e -> null)} turns ordering off for a built-in provider.
     *
     * @param rule the subject of an event, or {@code null} for none; must be thread-safe
     * @return a provider that is this one in every other respect (same id)
     * @throws NullPointerException when {@code rule} is null
     */
    default Provider withSubject(Function<WebhookEvent<?>, String> rule) {
        Objects.requireNonNull(rule, "rule");
        return new DerivedProvider(this, null, event -> Optional.ofNullable(rule.apply(event)));
    }

    /**
     * This provider with another deduplication rule, for integrators whose events need a different key (two
     * deliveries are the same event exactly when the rule gives them the same key).
     *
     * <p><b>Which key wins.</b> The receiver decides each event's key in one place, taking the first of:
     * <ol>
     *   <li>this rule, when the endpoint's provider was derived with {@code withDedupKey} (also under a later
     *       {@link #withSubject});</li>
     *   <li>the event id the endpoint's authenticator supplied ({@link dev.ramphook.Verification#ok(String)}:
     *       a Standard Webhooks {@code webhook-id});</li>
     *   <li>the provider's own key, {@link WebhookEvent#key()} as {@link #parse} made it.</li>
     * </ol>
     * The key chosen is then bounded ({@link dev.ramphook.provider.EventKeys#bounded}: longer than 200 characters,
     * or with a control character, it is hashed). So a rule given here wins over a {@code webhook-id}; to keep
     * deduplicating on the sender's id, leave the rule out. The rule sees the event as the provider parsed it, with
     * the provider's own key in {@link WebhookEvent#key()}. Changing the rule of an endpoint whose events are
     * stored changes their keys: a redelivery of an event recorded under the old key is not recognised.
     *
     * @param rule the key of an event, never {@code null}; must be thread-safe
     * @return a provider that is this one in every other respect (same id)
     * @throws NullPointerException when {@code rule} is null
     */
    default Provider withDedupKey(Function<WebhookEvent<?>, String> rule) {
        Objects.requireNonNull(rule, "rule");
        return new DerivedProvider(this, rule, null);
    }

    /**
     * Whether this provider was derived with {@link #withDedupKey} (also under a later {@link #withSubject}): the
     * receiver then records its events under the rule's key, not under an event id the authenticator supplies (the
     * precedence described at {@code withDedupKey}). A provider implementation keeps the default.
     *
     * @return true for a provider derived with a deduplication rule; false otherwise (the default)
     */
    default boolean hasDedupKeyRule() {
        return false;
    }
}
