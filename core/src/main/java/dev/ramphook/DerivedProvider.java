package dev.ramphook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A provider with its dedup key rule or its subject rule replaced: {@link Provider#withDedupKey},
 * {@link Provider#withSubject}.
 */
final class DerivedProvider implements Provider {

    private final Provider base;
    private final Function<WebhookEvent<?>, String> keyRule;               // null: the base's key
    private final Function<WebhookEvent<?>, Optional<String>> subjectRule; // null: the base's subject

    DerivedProvider(Provider base, Function<WebhookEvent<?>, String> keyRule,
                    Function<WebhookEvent<?>, Optional<String>> subjectRule) {
        this.base = Objects.requireNonNull(base, "base");
        this.keyRule = keyRule;
        this.subjectRule = subjectRule;
    }

    /** Derived with {@link Provider#withDedupKey}, directly or under other rules. */
    @Override
    public boolean hasDedupKeyRule() {
        return keyRule != null || base.hasDedupKeyRule();
    }

    @Override
    public String id() {
        return base.id();
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return base.eventTypes();
    }

    @Override
    public String shortName(String eventName) {
        return base.shortName(eventName);
    }

    @Override
    public Authenticator defaultAuthenticator(String... secrets) {
        return base.defaultAuthenticator(secrets);
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        WebhookEvent<?> event = base.parse(json, rawBody);
        return keyRule == null ? event
                : event.withKey(Objects.requireNonNull(keyRule.apply(event), "dedup key rule returned null"));
    }

    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        return subjectRule == null ? base.subject(event) : subjectRule.apply(event);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
