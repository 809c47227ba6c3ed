package dev.ramphook.servlet.spring;

import dev.ramphook.config.ReceiverSettings;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * variables, system properties, command-line arguments), as the flat {@code key=value} map that
 * {@link ReceiverSettings} validates for {@code ramphook.properties}: one parser for every source.
 *
 * <p>Spring's relaxed names are folded onto the documented spelling here, and nowhere else:
 * {@code ramphook.maxBodyBytes}, {@code ramphook.max_body_bytes} and the environment variable
 * {@code RAMPHOOK_MAX_BODY_BYTES} all become {@code ramphook.max-body-bytes}; YAML lists and indexed keys
 * ({@code ramphook.handlers[0]}) become the comma-separated value a properties file would hold. A name that folds
 * onto no known key is passed on as written (in its lower-case dashed form), so that the parser rejects it by name,
 * with the key it was meant to be. Environment variables follow {@link ReceiverSettings#environmentKeys}'s rule: a
 * variable that a {@code *-env} key names holds a secret and is no key.
 */
final class SpringSettings {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("ramphook");
    private static final String ENDPOINT = "endpoint";
    private static final String PREFIX = "ramphook.";
    private static final String ENDPOINT_PREFIX = PREFIX + "endpoint.";
    private static final String ENDPOINT_KEY = ENDPOINT_PREFIX + "<name>.";
    /** The keys the parser knows (one list, the parser's): below {@code ramphook.} and per endpoint. */
    static final List<String> GLOBAL_KEYS = ReceiverSettings.keys().stream().map(ReceiverSettings.Key::name)
            .filter(key -> !key.startsWith(ENDPOINT_KEY)).map(key -> key.substring(PREFIX.length())).toList();
    static final List<String> ENDPOINT_KEYS = ReceiverSettings.keys().stream().map(ReceiverSettings.Key::name)
            .filter(key -> key.startsWith(ENDPOINT_KEY)).map(key -> key.substring(ENDPOINT_KEY.length())).toList();

    private SpringSettings() {
    }

    /** Every {@code ramphook.*} key the environment holds, with the value that wins by Spring's precedence. */
    static Map<String, String> read(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> fromVariables = new HashSet<>();
        for (Map.Entry<String, ConfigurationPropertyName> key : keys(environment, fromVariables).entrySet()) {
            // The binder applies precedence, placeholders and both list forms ("a,b" and [0]/[1]) across sources.
            binder.bind(key.getValue(), Bindable.listOf(String.class))
                    .ifBound(list -> values.put(key.getKey(), String.join(",", list)));
        }
        Set<String> secrets = new HashSet<>();
        values.forEach((key, value) -> {
            if (key.endsWith("-env")) {
                for (String name : value.split(",")) {
                    secrets.add(name.trim());
                }
            }
        });
        values.keySet().removeIf(key -> fromVariables.contains(key) && secrets.contains(variable(key)));
        return values;
    }

    /** True when some property source holds a {@code ramphook.*} key. */
    static boolean present(Environment environment) {
        return !keys(environment, new HashSet<>()).isEmpty();
    }

    /** The environment variable that spells {@code key}: {@code RAMPHOOK_CONSOLE_PASSWORD} for ramphook.console.password. */
    private static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Documented key to the name it was first found under, sorted by key. Sources come in precedence order, so that
     * name belongs to the source whose value wins, also when another source spells the key another way. Adds the
     * keys found in the process environment to {@code fromVariables}.
     */
    private static Map<String, ConfigurationPropertyName> keys(Environment environment, Set<String> fromVariables) {
        Map<String, ConfigurationPropertyName> keys = new TreeMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean variables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.filter(ROOT::isAncestorOf).stream().map(SpringSettings::withoutIndex).forEach(name -> {
                String key = documentedKey(name);
                if (keys.putIfAbsent(key, name) == null && variables) {
                    fromVariables.add(key);
                }
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
            return ENDPOINT_PREFIX + name.getElement(2, Form.DASHED) + "." + known(name, 3, ENDPOINT_KEYS);
        }
        if (elements >= 2 && !name.getElement(1, Form.UNIFORM).equals(ENDPOINT)) {
            return PREFIX + known(name, 1, GLOBAL_KEYS);
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
