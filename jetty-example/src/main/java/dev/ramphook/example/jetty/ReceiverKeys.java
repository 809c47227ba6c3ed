package dev.ramphook.example.jetty;

import dev.ramphook.config.ConfigException;
import dev.ramphook.config.ReceiverSettings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example's receiver as {@code ramphook.*} keys, parsed by the library's one parser: the example's defaults
 * (one endpoint per provider, the console, the body limits) under the keys that the process environment spells by
 * the documented rule ({@code RAMPHOOK_ALLOWED_IPS} is {@code ramphook.allowed-ips}, {@code RAMPHOOK_JDBC_URL} is
 * {@code ramphook.jdbc.url}, any other {@code RAMPHOOK_*} variable the key it spells). Its own variables that hold
 * secrets ({@code RAMPHOOK_CONSOLE_PASSWORD}, {@code RAMPHOOK_JDBC_PASSWORD}) are what its default {@code *-env}
 * keys name.
 */
final class ReceiverKeys {

    static final String CONSOLE_PASSWORD = "RAMPHOOK_CONSOLE_PASSWORD";
    static final String JDBC_PASSWORD = "RAMPHOOK_JDBC_PASSWORD";
    private static final String ENDPOINT = "ramphook.endpoint.";
    /** A key in a message: {@code ramphook.} and lower-case words joined by dots and dashes (a final dot is prose). */
    private static final Pattern RECEIVER_WIDE_KEY = Pattern.compile("ramphook\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*");

    private ReceiverKeys() {
    }

    /** The receiver keys the environment's {@code RAMPHOOK_*} variables spell, with the example's defaults. */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> variables = new HashMap<>(env);
        // The example's demo retry variables configure its own builder call (Retries), not a ramphook.* key.
        variables.remove(Retries.MAX_ATTEMPTS);
        variables.remove(Retries.BACKOFF);
        variables.putIfAbsent("RAMPHOOK_CONSOLE_PASSWORD_ENV", CONSOLE_PASSWORD);
        if (present(env, "RAMPHOOK_JDBC_URL")) {
            variables.putIfAbsent("RAMPHOOK_STORE", "jdbc");
            if (present(env, JDBC_PASSWORD)) {
                variables.putIfAbsent("RAMPHOOK_JDBC_PASSWORD_ENV", JDBC_PASSWORD);
            }
        }
        return ReceiverSettings.environmentKeys(variables);
    }

    /**
     * Every key of the example's receiver: one endpoint {@code /webhooks/<id>} per provider id in
     * {@code secretVariables} (id to the variable holding its secret), authenticated as the provider documents, the
     * console at {@link JettyExample#CONSOLE_PATH}, then {@code overrides} (the environment's keys) over them.
     */
    static Map<String, String> all(Map<String, String> secretVariables, int maxBodyBytes, long bodyReadTimeoutSeconds,
                                   Map<String, String> overrides) {
        Map<String, String> keys = new TreeMap<>();
        secretVariables.forEach((id, variable) -> {
            keys.put(ENDPOINT + id + ".path", "/webhooks/" + id);
            // ZBD's secret is a URL token; every other provider signs
            keys.put(ENDPOINT + id + (id.equals("zbd") ? ".token-env" : ".secret-env"), variable);
        });
        keys.put("ramphook.console.path", JettyExample.CONSOLE_PATH);
        keys.put("ramphook.console.user", JettyExample.CONSOLE_USER);
        keys.put("ramphook.console.password-env", CONSOLE_PASSWORD);
        keys.put("ramphook.max-body-bytes", Integer.toString(maxBodyBytes));
        keys.put("ramphook.body-read-timeout", Long.toString(Math.max(1, bodyReadTimeoutSeconds)));
        if (overrides != null) {
            keys.putAll(overrides);
        }
        return keys;
    }

    /**
     * Parses the keys; a mistake becomes an IllegalArgumentException whose message names the environment variable
     * of each receiver-wide key ({@code RAMPHOOK_ALLOWED_IPS}, not {@code ramphook.allowed-ips}): that is what the
     * operator of the example sets.
     */
    static ReceiverSettings parse(Map<String, String> keys, Function<String, Optional<String>> secrets) {
        try {
            return ReceiverSettings.from(keys, secrets, JettyExample.class.getClassLoader());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(asVariables(e.getMessage()), e);
        }
    }

    /**
     * {@code ramphook.allowed-ips} to {@code RAMPHOOK_ALLOWED_IPS} in a message, for every receiver-wide key (also a
     * misspelt one, and the key suggested for it): the environment rule backwards. Endpoint keys stay keys; the
     * example writes them itself.
     */
    static String asVariables(String message) {
        Matcher keys = RECEIVER_WIDE_KEY.matcher(message);
        StringBuilder out = new StringBuilder();
        while (keys.find()) {
            String key = keys.group();
            String variable = key.startsWith(ENDPOINT) ? key
                    : key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            keys.appendReplacement(out, Matcher.quoteReplacement(variable));
        }
        keys.appendTail(out);
        return out.toString();
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
