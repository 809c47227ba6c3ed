package dev.ramphook.internal.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The first value of each parameter of a query string or a form body; at most 64 parameters are read. */
final class Params {

    private static final int MAX_PARAMS = 64;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Params() {
    }

    static Params parse(String urlEncoded) {
        Params p = new Params();
        if (urlEncoded == null || urlEncoded.isEmpty()) {
            return p;
        }
        int n = 0;
        for (String pair : urlEncoded.split("&")) {
            if (n++ >= MAX_PARAMS) {
                break;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            p.values.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return p;
    }

    /** The string fields of a JSON object body (the API's POSTs); an empty body has none. */
    static Params fromJson(String body) {
        Params p = new Params();
        if (body.isBlank()) {
            return p;
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = dev.ramphook.internal.json.Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new BadRequest("the body must be a JSON object");
        }
        if (tree == null || !tree.isObject()) {
            throw new BadRequest("the body must be a JSON object");
        }
        tree.properties().forEach(f -> {
            if (p.values.size() < MAX_PARAMS && f.getValue().isValueNode()) {
                p.values.put(f.getKey(), f.getValue().asText());
            }
        });
        return p;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new BadRequest("a parameter is not URL-encoded");
        }
    }

    /** The value, trimmed; empty when absent or blank. */
    Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    String getOrNull(String name) {
        return get(name).orElse(null);
    }

    /** A non-negative whole number, or {@code fallback} when absent. */
    int number(String name, int fallback, int max) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new BadRequest(name, name + " must be a whole number from 0 to " + max);
    }

    /**
     * A refusal of the console's own input: 400 with this message, which names the parameter, not its value. A page
     * shows it next to the form field it names ({@link #field()}); the JSON API answers it as the error text.
     */
    static final class BadRequest extends RuntimeException {
        private final String field;

        BadRequest(String message) {
            this(null, message);
        }

        BadRequest(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        /** The parameter at fault, or null when the request as a whole is. */
        String field() {
            return field;
        }
    }
}
