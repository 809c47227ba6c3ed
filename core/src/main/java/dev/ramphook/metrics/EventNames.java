package dev.ramphook.metrics;

import dev.ramphook.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code event} tag: an event name the provider documents, else {@code unknown}. Event names are the sender's
 * text; a tag per name would let any sender (or a provider's new event) add series without end.
 */
final class EventNames {

    static final String UNKNOWN = "unknown";
    static final String NONE = "none";

    private final Map<String, Set<String>> documented = new HashMap<>();

    EventNames(List<Provider> providers) {
        for (Provider provider : providers) {
            documented.put(provider.id(), Set.copyOf(provider.eventTypes().keySet()));
        }
    }

    /** The tag value for {@code name} delivered to {@code provider} (either may be null). */
    String tag(String provider, String name) {
        if (name == null) {
            return NONE;
        }
        Set<String> names = provider == null ? null : documented.get(provider);
        return names != null && names.contains(name) ? name : UNKNOWN;
    }
}
