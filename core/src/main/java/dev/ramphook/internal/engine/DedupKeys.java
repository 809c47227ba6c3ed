package dev.ramphook.internal.engine;

import dev.ramphook.WebhookEvent;
import dev.ramphook.Provider;
import dev.ramphook.Verification;
import dev.ramphook.internal.provider.BoundedKeys;
import dev.ramphook.provider.EventKeys;

/**
 * The one place that decides an event's deduplication key. Three parties may name one; the first that does wins:
 * <ol>
 *   <li>an explicit rule of the integrator ({@code Provider.withDedupKey}), already applied by the provider's
 *       {@code parse};</li>
 *   <li>the event id the authenticator supplied ({@link Verification#eventId()}, a Standard Webhooks
 *       {@code webhook-id});</li>
 *   <li>the provider's own key ({@link WebhookEvent#key()} from {@code parse}).</li>
 * </ol>
 * The winner is then {@linkplain EventKeys#bounded bounded}, so that no store refuses it. The integrator's rule
 * comes first because it is the most specific choice: it was made for this endpoint, knowing its events. A built-in
 * provider's own key is bounded already ({@link BoundedKeys}): it is not scanned again.
 */
final class DedupKeys {

    private DedupKeys() {
    }

    /**
     * The key of one accepted, parsed delivery, by the precedence above.
     *
     * @param parsed       the event as the endpoint's provider parsed it (with an explicit rule, its key is the rule's)
     * @param explicitRule whether the provider carries a {@code withDedupKey} rule
     * @param verification the authenticator's accepting verification
     * @param provider     the endpoint's provider, which parsed the event
     * @return the key to record the event under
     */
    static String decide(WebhookEvent<?> parsed, boolean explicitRule, Verification verification,
            Provider provider) {
        // Verification.ok() (every authenticator but Standard Webhooks) names no event: no Optional asked of it
        if (explicitRule || verification == Verification.ok()) {
            // with a rule the provider is a derived one, never BoundedKeys: the rule's key is bounded here
            return provider instanceof BoundedKeys ? parsed.key() : EventKeys.bounded(parsed.key());
        }
        String eventId = verification.eventId().orElse(null);
        return eventId != null ? EventKeys.bounded(eventId)
                : provider instanceof BoundedKeys ? parsed.key() : EventKeys.bounded(parsed.key());
    }
}
