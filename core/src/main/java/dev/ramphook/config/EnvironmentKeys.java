package dev.ramphook.config;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Environment variables to {@code ramphook.*} keys by the documented rule ({@link ReceiverSettings#environmentKeys}).
 * A variable is upper case with {@code _} for both {@code .} and {@code -}, so the way back goes through the known
 * keys: the one whose spelling matches wins, and the endpoint name is what is left between {@code ENDPOINT_} and
 * a known endpoint key.
 */
final class EnvironmentKeys {

    static final String VARIABLE_PREFIX = "RAMPHOOK_";
    private static final String ENDPOINT = "ENDPOINT_";

    private EnvironmentKeys() {
    }

    static Map<String, String> of(Map<String, String> environment) {
        Map<String, String> keys = new TreeMap<>();
        Map<String, String> variableOf = new TreeMap<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(VARIABLE_PREFIX) && name.length() > VARIABLE_PREFIX.length()) {
                String key = key(name.substring(VARIABLE_PREFIX.length()));
                keys.put(key, variable.getValue());
                variableOf.put(key, name);
            }
        }
        // A variable that a *-env key names holds a secret (RAMPHOOK_CONSOLE_PASSWORD): not a key.
        Set<String> secrets = new HashSet<>();
        keys.forEach((key, value) -> {
            if (key.endsWith("-env") && value != null) {
                for (String item : value.split(",")) {
                    secrets.add(item.trim());
                }
            }
        });
        keys.keySet().removeIf(key -> secrets.contains(variableOf.get(key)));
        return keys;
    }

    /** The key a variable spells, without its {@code RAMPHOOK_}. */
    static String key(String rest) {
        if (rest.startsWith(ENDPOINT) && rest.length() > ENDPOINT.length()) {
            String tail = rest.substring(ENDPOINT.length());
            for (String key : longestFirst(ReceiverSettings.ENDPOINT_KEYS)) {
                String spelt = "_" + variable(key);
                if (tail.endsWith(spelt) && tail.length() > spelt.length()) {
                    return Settings.ENDPOINT_PREFIX
                            + lower(tail.substring(0, tail.length() - spelt.length())) + "." + key;
                }
            }
            int underscore = tail.indexOf('_');
            if (underscore > 0) { // RAMPHOOK_ENDPOINT_ZBD_SECERT_ENV: endpoint zbd, a misspelt key
                return Settings.ENDPOINT_PREFIX + lower(tail.substring(0, underscore)) + "."
                        + lower(tail.substring(underscore + 1));
            }
        }
        for (String key : ReceiverSettings.GLOBAL_KEYS) {
            if (variable(key).equals(rest)) {
                return Settings.PREFIX + key;
            }
        }
        return Settings.PREFIX + lower(rest);
    }

    /** How a key after {@code ramphook.} is spelt in a variable name. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String lower(String spelt) {
        return spelt.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> longestFirst(List<String> keys) {
        return keys.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
