package dev.ramphook.zbd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metadata values may be JSON null, which {@link Map#copyOf} refuses; order is kept for readable logs. */
final class Metadata {

    private Metadata() {
    }

    static Map<String, Object> copy(Map<String, Object> metadata) {
        return metadata == null || metadata.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
