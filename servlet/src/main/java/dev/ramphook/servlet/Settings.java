package dev.ramphook.servlet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code ramphook.*} keys from {@code ramphook.properties} and the context init parameters (which win), with
 * typed readers that name the key in every error. Remembers which keys were read so that a misspelt key is reported
 * instead of being silently ignored.
 */
final class Settings {

    static final String PREFIX = "ramphook.";
    static final String ENDPOINT_PREFIX = PREFIX + "endpoint.";

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    Settings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    Optional<String> optional(String key) {
        read.add(key);
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String required(String key, String hint) {
        return optional(key).orElseThrow(() -> new ConfigException(key + " is required: " + hint));
    }

    int positiveInt(String key, int fallback) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get().replace("_", ""));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the key
        }
        throw new ConfigException(key + " must be a positive whole number, got '" + text.get() + "'");
    }

    /** A comma-separated list; empty when the key is absent. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        optional(key).ifPresent(text -> {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        });
        return out;
    }

    /** The {@code <name>} of every {@code ramphook.endpoint.<name>.<key>}, sorted. */
    Set<String> endpointNames() {
        Set<String> names = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(ENDPOINT_PREFIX)) {
                String rest = key.substring(ENDPOINT_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    throw new ConfigException(key + " is not a valid key: use " + ENDPOINT_PREFIX + "<name>.path");
                }
                names.add(rest.substring(0, dot));
            }
        }
        return names;
    }

    /** Fails on the first key that no reader asked for: a typo must not silently disable a check. */
    void rejectUnread() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException(key + " is not a known ramphook key (see the configuration table in the"
                        + " README)");
            }
        }
    }
}
