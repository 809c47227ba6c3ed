package dev.ramphook.zbd;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Metadata values may be JSON null, which {@link Map#copyOf} refuses; order is kept for readable logs. */
final class Metadata {

    private Metadata() {
    }

    static Map<String, Object> copy(Map<String, Object> metadata) {
        if (metadata instanceof Parsed) {
            return metadata; // made here, never empty, from a map nobody else holds: already the unmodifiable copy
        }
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        return new Parsed(Collections.unmodifiableMap(new LinkedHashMap<>(metadata)));
    }

    /**
     * The provider's own metadata map, given to a record without a second copy: {@code parsed} must be a fresh
     * unmodifiable map that nobody else holds ({@code JsonFields.map}'s result). A delivery's metadata was copied
     * twice, once by the reader and once by the record, about 0.3 KB of each ZBD delivery.
     */
    static Map<String, Object> parsed(Map<String, Object> parsed) {
        return parsed.isEmpty() ? Map.of() : new Parsed(parsed);
    }

    /**
     * An unmodifiable map only this class makes, so that {@link #copy} can tell its own copies from a caller's map
     * (which it must copy: the caller may change it later). Equal to any map with the same entries.
     */
    private static final class Parsed extends AbstractMap<String, Object> {
        private final Map<String, Object> entries;

        Parsed(Map<String, Object> unmodifiable) {
            this.entries = unmodifiable;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }
}
