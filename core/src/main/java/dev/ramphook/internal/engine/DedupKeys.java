package dev.ramphook.internal.engine;

import dev.ramphook.WebhookEvent;
import dev.ramphook.Verification;
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
 * comes first because it is the most specific choice: it was made for this endpoint, knowing its events.
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
     * @return the key to record the event under
     */
    static String decide(WebhookEvent<?> parsed, boolean explicitRule, Verification verification) {
        // Verification.ok() (every authenticator but Standard Webhooks) names no event: no Optional asked of it
        String key = explicitRule || verification == Verification.ok() ? parsed.key()
                : verification.eventId().orElse(parsed.key());
        return EventKeys.bounded(key);
    }
}
