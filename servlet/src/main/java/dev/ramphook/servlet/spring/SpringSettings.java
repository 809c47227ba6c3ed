package dev.ramphook.servlet.spring;

import dev.ramphook.config.ReceiverSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code ramphook.*} keys of a Spring {@link Environment} (application properties or YAML, profiles, environment
 * variables, system properties, command-line arguments), as the flat {@code key=value} map that
 * {@link ReceiverSettings} validates for {@code ramphook.properties}: one parser for every source.
 *
 * <p>Spring's relaxed names are folded onto the documented spelling here, and nowhere else:
 * {@code ramphook.maxBodyBytes} and {@code ramphook.max_body_bytes} become {@code ramphook.max-body-bytes}; YAML
 * lists and indexed keys ({@code ramphook.handlers[0]}) become the comma-separated value a properties file would hold.
 * A name that folds onto no known key is passed on as written (in its lower-case dashed form), so that the parser
 * rejects it by name, with the key it was meant to be.
 *
 * <p>Environment variables (every {@link SystemEnvironmentPropertySource}) follow core's rule,
 * {@link ReceiverSettings#environmentKeys}, as they do for the JDK server and the Jetty example:
 * {@code RAMPHOOK_ENDPOINT_ZBD_EU_TOKEN_ENV} is {@code ramphook.endpoint.zbd-eu.token-env}, which Spring's own
 * reading ({@code ramphook.endpoint.zbd.eu.token.env}) gets wrong. A variable that the rule reads as no known key but
 * Spring's reading does ({@code RAMPHOOK_MAXBODYBYTES}, {@code RAMPHOOK_ENDPOINT_ZBD_TOKENENV},
 * {@code RAMPHOOK_HANDLERS_0_}) keeps Spring's meaning; one that neither reads as a known key reaches the parser as
 * the rule spells it, so the message is the one every other stack gives. Each variable is one key, and the sources
 * keep Spring's precedence: command-line arguments and system properties over environment variables, those over
 * {@code application.properties}. A variable that a {@code *-env} key names holds a secret and is no key.
 */
final class SpringSettings {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("ramphook");
    private static final String ENDPOINT = "endpoint";
    private static final String PREFIX = "ramphook.";
    private static final String ENDPOINT_PREFIX = PREFIX + "endpoint.";
    private static final String ENDPOINT_KEY = ENDPOINT_PREFIX + "<name>.";
    private static final String VARIABLE_PREFIX = "RAMPHOOK_";
    /** The keys the parser knows (one list, the parser's): below {@code ramphook.} and per endpoint. */
    static final List<String> GLOBAL_KEYS = ReceiverSettings.keys().stream().map(ReceiverSettings.Key::name)
            .filter(key -> !key.startsWith(ENDPOINT_KEY)).map(key -> key.substring(PREFIX.length())).toList();
    static final List<String> ENDPOINT_KEYS = ReceiverSettings.keys().stream().map(ReceiverSettings.Key::name)
            .filter(key -> key.startsWith(ENDPOINT_KEY)).map(key -> key.substring(ENDPOINT_KEY.length())).toList();

    private SpringSettings() {
    }

    /** Every {@code ramphook.*} key the environment holds, with the value that wins by Spring's precedence. */
    static Map<String, String> read(Environment environment) {
        PlaceholdersResolver placeholders = new PropertySourcesPlaceholdersResolver(environment);
        // Properties are bound without the environment variables, which the loop below reads by core's rule: a
        // variable means one key, never also the key that Spring's relaxed look-up would find it under.
        Binder properties = new Binder(ConfigurationPropertySources.from(withoutVariables(environment)), placeholders);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> variableOf = new TreeMap<>(); // key to the variable whose value won
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource variables) {
                Map<String, String> from = new TreeMap<>();
                variables(variables, placeholders, from).forEach((key, value) -> {
                    if (values.putIfAbsent(key, value) == null) {
                        variableOf.put(key, from.get(key));
                    }
                });
            } else if (source instanceof IterableConfigurationPropertySource iterable) {
                for (ConfigurationPropertyName name : names(iterable).values()) {
                    String key = documentedKey(name);
                    if (!values.containsKey(key)) {
                        // The binder applies precedence, placeholders and both list forms ("a,b" and [0]/[1]).
                        properties.bind(name, Bindable.listOf(String.class))
                                .ifBound(list -> values.put(key, String.join(",", list)));
                    }
                }
            }
        }
        Set<String> secrets = new HashSet<>();
        values.forEach((key, value) -> {
            if (key.endsWith("-env")) {
                for (String name : value.split(",")) {
                    secrets.add(name.trim());
                }
            }
        });
        values.keySet().removeIf(key -> variableOf.containsKey(key) && secrets.contains(variableOf.get(key)));
        return new TreeMap<>(values);
    }

    /** True when some property source holds a {@code ramphook.*} key. */
    static boolean present(Environment environment) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable && !names(iterable).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The keys of one source of environment variables: by core's rule when it names a known key, else by Spring's
     * reading when that does, else as core's rule spells it (for the parser to reject). Records the variable each
     * key came from in {@code variableOf}.
     */
    private static Map<String, String> variables(SystemEnvironmentPropertySource source,
                                                 PlaceholdersResolver placeholders, Map<String, String> variableOf) {
        Map<String, String> keys = new TreeMap<>();
        Map<String, Map<String, Object>> springForms = new TreeMap<>();
        Map<String, ConfigurationPropertyName> springNames = new TreeMap<>();
        List<String> names = new ArrayList<>(List.of(source.getPropertyNames()));
        names.sort(null);
        for (String variable : names) {
            if (!variable.regionMatches(true, 0, ROOT.toString(), 0, ROOT.toString().length())) {
                continue; // neither rule reads it as a ramphook key
            }
            Object value = source.getProperty(variable);
            String text = value == null ? "" : placeholders.resolvePlaceholders(value.toString()).toString();
            String ruled = variable.startsWith(VARIABLE_PREFIX)
                    ? ReceiverSettings.environmentKeys(Map.of(variable, text)).keySet().stream().findFirst().orElse(null)
                    : null;
            if (ruled != null && known(ruled)) {
                put(keys, variableOf, ruled, text, variable);
                continue;
            }
            ConfigurationPropertyName springName = springName(source.getName(), variable, value);
            String spring = springName == null ? null : documentedKey(springName);
            if (spring != null && known(spring)) {
                springForms.computeIfAbsent(spring, k -> new TreeMap<>()).put(variable, value);
                springNames.putIfAbsent(spring, springName);
                variableOf.putIfAbsent(spring, variable);
            } else if (ruled != null || spring != null) {
                put(keys, variableOf, ruled != null ? ruled : spring, text, variable);
            }
        }
        // Spring's forms, bound over their own variables only: RAMPHOOK_HANDLERS_0_ and _1_ are one list.
        springForms.forEach((key, group) -> {
            if (!keys.containsKey(key)) {
                Binder binder = new Binder(ConfigurationPropertySources.from(
                        new SystemEnvironmentPropertySource(source.getName(), group)), placeholders);
                binder.bind(springNames.get(key), Bindable.listOf(String.class))
                        .ifBound(list -> keys.put(key, String.join(",", list)));
            }
        });
        return keys;
    }

    private static void put(Map<String, String> keys, Map<String, String> variableOf, String key, String value,
                            String variable) {
        if (keys.putIfAbsent(key, value) == null) {
            variableOf.put(key, variable); // over a Spring form of the same key, which loses to it below
        }
    }

    /** How Spring reads one variable under {@code ramphook}: {@code RAMPHOOK_MAXBODYBYTES} is ramphook.maxbodybytes. */
    private static ConfigurationPropertyName springName(String sourceName, String variable, Object value) {
        SystemEnvironmentPropertySource alone = new SystemEnvironmentPropertySource(sourceName,
                Map.of(variable, value == null ? "" : value));
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(alone)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                for (ConfigurationPropertyName name : names(iterable).values()) {
                    return name;
                }
            }
        }
        return null;
    }

    /** The environment's property sources but those of environment variables. */
    private static Iterable<PropertySource<?>> withoutVariables(Environment environment) {
        List<PropertySource<?>> sources = new ArrayList<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            configurable.getPropertySources().stream()
                    .filter(source -> !(source instanceof SystemEnvironmentPropertySource))
                    .forEach(sources::add);
        }
        return sources;
    }

    /** Whether the parser knows {@code key}: a global key, or a key of an endpoint with a name. */
    private static boolean known(String key) {
        if (key.startsWith(ENDPOINT_PREFIX)) {
            String rest = key.substring(ENDPOINT_PREFIX.length());
            int dot = rest.indexOf('.');
            return dot > 0 && ENDPOINT_KEYS.contains(rest.substring(dot + 1));
        }
        return key.startsWith(PREFIX) && GLOBAL_KEYS.contains(key.substring(PREFIX.length()));
    }

    /** The source's {@code ramphook.*} names, by documented key, without list indexes: handlers[1] is handlers. */
    private static Map<String, ConfigurationPropertyName> names(IterableConfigurationPropertySource source) {
        Map<String, ConfigurationPropertyName> names = new TreeMap<>();
        source.filter(ROOT::isAncestorOf).stream().map(SpringSettings::withoutIndex)
                .forEach(name -> names.putIfAbsent(documentedKey(name), name));
        return names;
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
     * The key as documented. Spring reads {@code ramphook.maxBodyBytes} as {@code ramphook.maxbodybytes} and the
     * variable {@code RAMPHOOK_MAXBODYBYTES} the same way: the elements after the endpoint name, or after
     * {@code ramphook}, are folded together before they are compared with the known keys.
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
