package dev.ramphook.internal.engine;

import dev.ramphook.EventHandler;
import dev.ramphook.WebhookEvent;
import java.util.List;

/**
 * One registered handler: where it comes from (its stable id, used to skip it on a retry once it succeeded),
 * which events it wants, and how to call it.
 *
 * @param id       stable across restarts: {@code Class.method(Params)} or {@code on[index]:pattern}
 * @param provider a provider id, or empty for any
 * @param patterns the event name patterns
 * @param dataType the data type the handler needs, or {@code null} when it takes any data
 * @param handler  the call
 */
record Binding(String id, String provider, List<EventPattern> patterns, Class<?> dataType, EventHandler handler) {

    boolean wants(WebhookEvent<?> event) {
        if (!provider.isEmpty() && !provider.equals(event.provider())) {
            return false;
        }
        if (dataType != null && !dataType.isInstance(event.data())) {
            return false;
        }
        return matchesName(event.name(), event.shortName());
    }

    boolean matchesName(String name, String shortName) {
        for (EventPattern p : patterns) {
            if (p.matches(name) || p.matches(shortName)) {
                return true;
            }
        }
        return false;
    }
}
