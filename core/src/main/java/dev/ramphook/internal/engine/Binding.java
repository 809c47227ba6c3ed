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
        return wants(event.provider(), event.data().getClass(), event.name(), event.shortName());
    }

    /** {@link #wants(WebhookEvent)} for an event of this provider, name and short name carrying a {@code dataClass}. */
    boolean wants(String eventProvider, Class<?> dataClass, String name, String shortName) {
        if (!provider.isEmpty() && !provider.equals(eventProvider)) {
            return false;
        }
        if (dataType != null && !dataType.isAssignableFrom(dataClass)) {
            return false;
        }
        return matchesName(name, shortName);
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
