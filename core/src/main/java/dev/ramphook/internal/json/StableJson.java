package dev.ramphook.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text Ramp Network signs: the body as the {@code fast-json-stable-stringify} npm module writes it, object
 * keys sorted (UTF-16 order, as JavaScript sorts them), no whitespace, strings escaped as {@code JSON.stringify}
 * escapes them. Numbers are kept as the body spells them: Ramp's sender is JavaScript, whose
 * {@code JSON.stringify} wrote the body's numbers in the same form the module writes, so the text is the same.
 * Used by the Ramp Network provider to verify and by the test kit to sign.
 */
public final class StableJson {

    private StableJson() {
    }

    /** The canonical text, or {@code null} when the body is not one JSON value within the delivery limits. */
    public static String of(byte[] body) {
        try {
            return of(body, Integer.MAX_VALUE, Integer.MAX_VALUE);
        } catch (TooLarge unbounded) {
            return null; // cannot happen without bounds
        }
    }

    /**
     * The canonical text of a body not yet authenticated, with the work bounded: sorting and copying grow with the
     * number of values and, for nested members, with the depth, so a hostile body must not get them for free.
     *
     * @param body      the body as received
     * @param maxValues the most JSON values (objects, arrays, members' values, items, scalars) it may hold
     * @param maxDepth  the deepest nesting of objects and arrays (the outermost is depth 1)
     * @return the canonical text, or {@code null} when the body is not one JSON value within the delivery limits
     * @throws TooLarge as soon as a bound is passed, without reading the rest of the body
     */
    public static String of(byte[] body, int maxValues, int maxDepth) throws TooLarge {
        Bounds bounds = new Bounds(maxValues, maxDepth);
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(body.length);
            value(parser, first, out, bounds, 1);
            return parser.nextToken() == null ? out.toString() : null;
        } catch (BoundPassed passed) {
            throw new TooLarge(passed.getMessage());
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }

    /** A body over the bounds of {@link #of(byte[], int, int)}; the message says which bound, never the body. */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown through the parser's IOException path; turned into {@link TooLarge}. */
    private static final class BoundPassed extends IOException {
        private static final long serialVersionUID = 1L;

        BoundPassed(String message) {
            super(message);
        }
    }

    private static final class Bounds {
        final int maxValues;
        final int maxDepth;
        int values;

        Bounds(int maxValues, int maxDepth) {
            this.maxValues = maxValues;
            this.maxDepth = maxDepth;
        }

        void count(int depth) throws BoundPassed {
            if (++values > maxValues) {
                throw new BoundPassed("more than " + maxValues + " JSON values");
            }
            if (depth > maxDepth) {
                throw new BoundPassed("nested deeper than " + maxDepth + " levels");
            }
        }
    }

    private static void value(JsonParser parser, JsonToken token, StringBuilder out, Bounds bounds, int depth)
            throws IOException {
        boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        bounds.count(container ? depth : 0);
        switch (token) {
            case START_OBJECT -> object(parser, out, bounds, depth);
            case START_ARRAY -> array(parser, out, bounds, depth);
            case VALUE_STRING -> string(parser.getText(), out);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getText());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IOException("unexpected token");
        }
    }

    private static void object(JsonParser parser, StringBuilder out, Bounds bounds, int depth) throws IOException {
        Map<String, String> members = new TreeMap<>(); // String order is UTF-16 code unit order, as in JavaScript
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            StringBuilder member = new StringBuilder();
            value(parser, parser.nextToken(), member, bounds, depth + 1);
            members.put(name, member.toString()); // duplicates never get here: the reader refuses them
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> m : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(m.getKey(), out);
            out.append(':').append(m.getValue());
        }
        out.append('}');
    }

    private static void array(JsonParser parser, StringBuilder out, Bounds bounds, int depth) throws IOException {
        List<String> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            StringBuilder item = new StringBuilder();
            value(parser, t, item, bounds, depth + 1);
            items.add(item.toString());
        }
        out.append('[').append(String.join(",", items)).append(']');
    }

    /** As JSON.stringify: quote, backslash and controls escaped (short forms where JSON has them), rest literal. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (Character.isSurrogate(c) && !paired(s, i))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** True when the surrogate at {@code i} is half of a well-formed pair (JSON.stringify escapes lone ones). */
    private static boolean paired(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
