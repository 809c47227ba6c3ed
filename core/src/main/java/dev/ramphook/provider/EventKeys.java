package dev.ramphook.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.json.Json;
import dev.ramphook.internal.crypto.Sha256;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Deduplication keys and subjects for {@link dev.ramphook.Provider} implementations.
 *
 * <p>A key says which deliveries are the same event: a redelivery must produce the same key, a different event a
 * different one. Build it from parsed values (an id as {@link JsonFields#idText}, a time as an {@code Instant}), not
 * from the raw text, so that a redelivery that spells a value differently ({@code 42} / {@code "42"},
 * {@code …11:05:00Z} / {@code …12:05:00+01:00}) is still recognised; pass it through {@link #bounded} so that a
 * store never refuses it. Without any id, {@link #canonicalHash} of the document is the key of last resort.
 *
 * <pre>{@code
 * String id = JsonFields.idText(data, "id");
 * String key = id != null ? EventKeys.bounded(name + ":" + id) : EventKeys.canonicalHash(json);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class EventKeys {

    /** Longest key {@link #bounded} hands on unchanged; longer ones are hashed. */
    public static final int MAX_KEY_CHARS = 200;

    private EventKeys() {
    }

    /**
     * The key itself, or, when it is longer than {@value #MAX_KEY_CHARS} characters or holds a control character
     * (a NUL that PostgreSQL's text type refuses would turn into an endless 503 loop), {@code sha256:} and the hex
     * SHA-256 of its UTF-8 bytes: stable across redeliveries, yet bounded, so that a store's key column never refuses
     * an event because a sender put a very long id in it.
     *
     * @param key the key built from the delivery's values, not {@code null}
     * @return a key of at most {@value #MAX_KEY_CHARS} characters without control characters
     */
    public static String bounded(String key) {
        return key.length() <= MAX_KEY_CHARS && !hasControlCharacter(key)
                ? key : "sha256:" + Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code json-sha256:} and the hex SHA-256 of the document's canonical form: the key of last resort, for a body
     * without an id. The form is built from parsed values (object members sorted by name, no whitespace, strings as
     * JSON strings, numbers by exact value with trailing zeros stripped), so a redelivery that differs only in
     * whitespace, key order, escapes or number spelling ({@code 1.50}, {@code 1.5}, {@code 15e-1}) has the same key.
     *
     * @param document the whole delivered document
     * @return {@code json-sha256:<64 hex digits>}
     */
    public static String canonicalHash(JsonNode document) {
        StringBuilder out = new StringBuilder(256);
        canonical(document, out);
        return "json-sha256:" + Sha256.hex(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A subject ({@link dev.ramphook.Provider#subject}) read from an id field: the field's {@link JsonFields#idText},
     * bounded like a key; empty when the object or the field is absent, blank or not an id.
     *
     * @param object the object holding the field, such as the delivery's {@code data}; may be {@code null}
     * @param field  the field naming what the event is about, such as {@code session_id}
     * @return the subject, or empty for an event without one
     */
    public static Optional<String> subject(JsonNode object, String field) {
        String id = JsonFields.idText(object, field);
        return id == null ? Optional.empty() : Optional.of(bounded(id)); // one Optional, not two (ofNullable, map)
    }

    /**
     * True when {@code s} holds a control character (NUL included), which a database text column may refuse.
     *
     * @param s any text, not {@code null}
     * @return whether {@link #bounded} would hash it for that reason
     */
    public static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Printable ASCII (U+0020 to U+007E) in one unsigned compare; anything else asks the precise rule
            if ((char) (c - 0x20) >= 0x5F && Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    /** Appends {@code node} in the canonical form {@link #canonicalHash} describes. */
    static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(Json.quote(names.get(i))).append(':');
                canonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            out.append(Json.quote(node.textValue()));
        } else if (node.isNumber()) {
            BigDecimal value = node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
            out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toString());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            out.append("null");
        }
    }
}
