package dev.ramphook.config;

import java.util.ArrayList;
import java.util.Collection;
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

    /** {@link #positiveInt} for values that may pass 2 GiB (byte counts); null when the key is absent. */
    Long positiveLong(String key) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.get().replace("_", ""));
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

    /**
     * Fails naming every key that is neither one of {@code globalKeys} ({@code ramphook.<key>}) nor one of
     * {@code endpointKeys} ({@code ramphook.endpoint.<name>.<key>}), each with the closest known key when one is
     * close. Called before anything else reads: a misspelt key is the cause, the missing key it left is a symptom.
     */
    void rejectUnknown(Collection<String> globalKeys, Collection<String> endpointKeys) {
        Set<String> names = new TreeSet<>();
        Set<String> withPath = new TreeSet<>();
        for (String key : values.keySet()) {
            String[] parts = endpointKey(key);
            if (parts != null) {
                names.add(parts[0]);
                if (parts[1].equals("path")) {
                    withPath.add(parts[0]);
                }
            }
        }
        Set<String> known = new TreeSet<>();
        globalKeys.forEach(k -> known.add(PREFIX + k));
        for (String name : names) {
            endpointKeys.forEach(k -> known.add(ENDPOINT_PREFIX + name + "." + k));
        }
        List<String> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            String[] parts = endpointKey(key);
            if (parts != null && endpointKeys.contains(parts[1])) {
                // A known key of an endpoint that has no path: likely a misspelt endpoint name.
                if (!withPath.contains(parts[0])) {
                    Set<String> others = new TreeSet<>(withPath);
                    KeySpelling.closest(parts[0], others).ifPresent(name -> problems.add(key + " belongs to no"
                            + " endpoint (" + ENDPOINT_PREFIX + parts[0] + ".path is not set); did you mean "
                            + ENDPOINT_PREFIX + name + "." + parts[1] + "?"));
                }
                continue;
            }
            if (parts == null && key.startsWith(PREFIX) && globalKeys.contains(key.substring(PREFIX.length()))) {
                continue;
            }
            Set<String> candidates = new TreeSet<>(known);
            String[] guess = key.split("\\.", -1);
            if (guess.length == 4 && !guess[1].equals("endpoint")) { // ramphook.endpiont.zbd.path
                endpointKeys.forEach(k -> candidates.add(ENDPOINT_PREFIX + guess[2] + "." + k));
            }
            problems.add(key + " is not a known ramphook key" + KeySpelling.closest(key, candidates)
                    .map(k -> "; did you mean " + k + "?").orElse(" (see the keys in docs/configuration.md)"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    /** {@code {name, key}} of {@code ramphook.endpoint.<name>.<key>}, or null for any other shape. */
    private static String[] endpointKey(String key) {
        if (!key.startsWith(ENDPOINT_PREFIX)) {
            return null;
        }
        String rest = key.substring(ENDPOINT_PREFIX.length());
        int dot = rest.indexOf('.');
        return dot > 0 && dot < rest.length() - 1 ? new String[] {rest.substring(0, dot), rest.substring(dot + 1)}
                : null;
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
