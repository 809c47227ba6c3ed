package dev.ramphook.servlet;

import dev.ramphook.internal.text.Logs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code ramphook.*} keys of a Spring {@link Environment} (application properties or YAML, profiles, environment
 * variables, system properties, command-line arguments), as the flat {@code key=value} map that {@link Settings}
 * validates for {@code ramphook.properties}: one parser for every source.
 *
 * <p>Spring's relaxed names are folded onto the documented spelling here, and nowhere else:
 * {@code ramphook.maxBodyBytes}, {@code ramphook.max_body_bytes} and the environment variable
 * {@code RAMPHOOK_MAXBODYBYTES} all become {@code ramphook.max-body-bytes}; YAML lists and indexed keys
 * ({@code ramphook.handlers[0]}) become the comma-separated value a properties file would hold. A name that folds
 * onto no known key is passed on as written (in its lower-case dashed form), so {@link Settings} rejects it by name;
 * except an environment variable {@code RAMPHOOK_*} outside {@code RAMPHOOK_ENDPOINT_*} that is none of the five
 * global keys: the environment is shared with other programs, so such a variable is ignored, with a warning.
 */
final class SpringSettings {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("ramphook");
    private static final String ENDPOINT = "endpoint";
    /** The keys the parser knows (one list, the parser's): below {@code ramphook.} and per endpoint. */
    static final List<String> GLOBAL_KEYS = ReceiverConfig.GLOBAL_KEYS;
    static final List<String> ENDPOINT_KEYS = ReceiverConfig.ENDPOINT_KEYS;

    private static final Logger log = Logs.get(SpringSettings.class);

    private SpringSettings() {
    }

    /** Every {@code ramphook.*} key the environment holds, with the value that wins by Spring's precedence. */
    static Map<String, String> read(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigurationPropertyName> key : keys(environment, true).entrySet()) {
            // The binder applies precedence, placeholders and both list forms ("a,b" and [0]/[1]) across sources.
            binder.bind(key.getValue(), Bindable.listOf(String.class))
                    .ifBound(list -> values.put(key.getKey(), String.join(",", list)));
        }
        return values;
    }

    /** True when some property source holds a {@code ramphook.*} key. */
    static boolean present(Environment environment) {
        return !keys(environment, false).isEmpty();
    }

    /**
     * Documented key to the name it was first found under, sorted by key. Sources come in precedence order, so that
     * name belongs to the source whose value wins, also when another source spells the key another way.
     */
    private static Map<String, ConfigurationPropertyName> keys(Environment environment, boolean warn) {
        Map<String, ConfigurationPropertyName> keys = new TreeMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean variables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.filter(ROOT::isAncestorOf).stream().map(SpringSettings::withoutIndex).forEach(name -> {
                String key = documentedKey(name);
                if (variables && !key.startsWith(Settings.ENDPOINT_PREFIX)
                        && !GLOBAL_KEYS.contains(key.substring(Settings.PREFIX.length()))) {
                    // The process environment is shared with other programs (ramphook's own examples read
                    // RAMPHOOK_JDBC_URL, RAMPHOOK_ALLOWED_IPS ...): such a variable is no ramphook.* key.
                    if (warn) {
                        log.warn("ignoring the environment variable behind {}: not a ramphook.* key", key);
                    }
                    return;
                }
                keys.putIfAbsent(key, name);
            });
        }
        return keys;
    }

    /** {@code ramphook.handlers[1]} to {@code ramphook.handlers}: list items are bound together. */
    private static ConfigurationPropertyName withoutIndex(ConfigurationPropertyName name) {
        ConfigurationPropertyName current = name;
        while (current.getNumberOfElements() > 1 && current.isLastElementIndexed()) {
            current = current.getParent();
        }
        return current;
    }

    /**
     * The key as documented. The environment variable {@code RAMPHOOK_MAX_BODY_BYTES} arrives as
     * {@code ramphook.max.body.bytes} (Spring turns every underscore into a dot): the elements after the endpoint
     * name, or after {@code ramphook}, are folded together before they are compared with the known keys.
     */
    private static String documentedKey(ConfigurationPropertyName name) {
        int elements = name.getNumberOfElements();
        if (elements >= 4 && name.getElement(1, Form.UNIFORM).equals(ENDPOINT)) {
            return Settings.ENDPOINT_PREFIX + name.getElement(2, Form.DASHED) + "." + known(name, 3, ENDPOINT_KEYS);
        }
        if (elements >= 2 && !name.getElement(1, Form.UNIFORM).equals(ENDPOINT)) {
            return Settings.PREFIX + known(name, 1, GLOBAL_KEYS);
        }
        return name.toString();
    }

    /** The documented spelling of the elements from {@code first} on, else those elements as written. */
    private static String known(ConfigurationPropertyName name, int first, List<String> keys) {
        StringBuilder uniform = new StringBuilder();
        StringBuilder dashed = new StringBuilder();
        for (int i = first; i < name.getNumberOfElements(); i++) {
            uniform.append(name.getElement(i, Form.UNIFORM));
            dashed.append(i > first ? "." : "").append(name.getElement(i, Form.DASHED));
        }
        for (String key : keys) {
            if (key.replace("-", "").replace(".", "").equals(uniform.toString())) { // console.path, health.max-pending-age
                return key;
            }
        }
        return dashed.toString();
    }
}
