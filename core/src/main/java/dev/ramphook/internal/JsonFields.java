package dev.ramphook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tolerant field readers for provider parsers. Every reader answers {@code null} (or an empty map) when the field
 * is missing or has another shape than the provider documents, and never throws: a delivery with one odd field
 * still becomes an event. Not part of the public API.
 */
public final class JsonFields {

    /** Longest amount string we parse; longer ones are not money, and would cost time to read. */
    private static final int MAX_AMOUNT_CHARS = 64;
    /** {@code 1e999999999} is short but would make {@code toPlainString()} allocate gigabytes in a handler. */
    private static final int MAX_AMOUNT_SCALE = 100;
    /** Longest dedup key handed to a store; see {@link #boundedKey}. */
    public static final int MAX_KEY_CHARS = 200;

    /** Zone-less ISO date-time with 0 to 9 fractional digits, as meCash sends ({@code 2025-01-08T12:23:51.908663}). */
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private JsonFields() {
    }

    /** The field's text, or {@code null} when it is missing or not a JSON string. */
    public static String text(JsonNode object, String field) {
        JsonNode value = field(object, field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The field's text when it is a JSON string with at least one non-blank character, else {@code null}. */
    public static String nonBlankText(JsonNode object, String field) {
        String text = text(object, field);
        return text == null || text.isBlank() ? null : text;
    }

    /** The field as an object node, or {@code null} when it is missing or not an object. */
    public static JsonNode object(JsonNode object, String field) {
        JsonNode value = field(object, field);
        return value != null && value.isObject() ? value : null;
    }

    /**
     * The field as an exact decimal: a JSON number (read through {@link JsonNode#decimalValue()}, exact when the
     * reader uses {@code USE_BIG_DECIMAL_FOR_FLOATS}) or a JSON string such as {@code "100.00"}. {@code null} when
     * missing, of another shape, not a number, or absurdly long or scaled.
     */
    public static BigDecimal decimal(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (value == null) {
            return null;
        }
        BigDecimal decimal;
        if (value.isNumber()) {
            if (value.isDouble() || value.isFloat()) {
                double d = value.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return null;
                }
            }
            decimal = value.decimalValue();
        } else if (value.isTextual()) {
            String text = value.textValue().strip();
            if (text.isEmpty() || text.length() > MAX_AMOUNT_CHARS) {
                return null;
            }
            try {
                decimal = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Math.abs(decimal.scale()) > MAX_AMOUNT_SCALE ? null : decimal;
    }

    /** An ISO-8601 instant with a zone or offset ({@code 2025-01-18T10:30:00Z}), or {@code null}. */
    public static Instant instant(JsonNode object, String field) {
        String text = text(object, field);
        if (text == null) {
            return null;
        }
        try {
            LocalDateTime utc = IsoTimes.canonical(text, true);
            if (utc != null) {
                return utc.toInstant(ZoneOffset.UTC);
            }
            if (!IsoTimes.mayHaveOffset(text)) {
                return null; // the formatter would only throw, and an exception costs more than the parse
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A zone-less ISO-8601 date-time with 0 to 9 fractional digits, or {@code null}. */
    public static LocalDateTime localDateTime(JsonNode object, String field) {
        String text = text(object, field);
        if (text == null) {
            return null;
        }
        try {
            LocalDateTime fast = IsoTimes.canonical(text, false);
            return fast != null ? fast : LocalDateTime.parse(text, LOCAL_DATE_TIME);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A point in time in either form: with a zone or offset, or zone-less and taken as UTC. {@code null} when the
     * field is neither.
     */
    public static Instant instantAssumingUtc(JsonNode object, String field) {
        Instant instant = instant(object, field);
        if (instant != null) {
            return instant;
        }
        LocalDateTime local = localDateTime(object, field);
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }

    /**
     * A free-form JSON object as an unmodifiable map in delivery order: strings stay strings, numbers become
     * {@link BigDecimal} (integers {@link java.math.BigInteger} or {@link Long}), booleans {@link Boolean}, JSON
     * null {@code null}, objects nested maps and arrays lists. Empty when the field is missing or not an object.
     */
    public static Map<String, Object> map(JsonNode object, String field) {
        JsonNode value = object(object, field);
        return value == null ? Map.of() : toMap(value);
    }

    /**
     * An identifier: the field's text when it is a non-blank JSON string, or the digits of a JSON integer
     * ({@code 42} and {@code "42"} name the same thing); else {@code null}.
     */
    public static String idText(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (value != null && value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return nonBlankText(object, field);
    }

    /**
     * {@code json-sha256:} and the hex SHA-256 of the document's canonical form: the dedup key of last resort, for
     * a body without an id. The form is built from parsed values, so a redelivery that differs only in whitespace,
     * key order, escapes (a backslash-u escape of {@code A} is {@code A}) or number spelling ({@code 1.50},
     * {@code 1.5}, {@code 15e-1}) has the same key: see {@code canonical}.
     */
    public static String canonicalHashKey(JsonNode document) {
        StringBuilder out = new StringBuilder(256);
        canonical(document, out);
        return "json-sha256:" + sha256Hex(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends {@code node} without whitespace: object members sorted by name (UTF-16 order), strings as JSON
     * strings, every number as its exact value with trailing zeros stripped ({@link BigDecimal#toString()} of the
     * stripped value, so 100, 100.0 and 1E+2 agree), {@code true}, {@code false}, {@code null}.
     */
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

    /**
     * The key itself, or when longer than {@value #MAX_KEY_CHARS} characters or holding a control character (a NUL
     * that PostgreSQL's text type refuses would turn into an endless 503 loop), {@code sha256:} and the hex SHA-256
     * of its UTF-8 bytes: stable across redeliveries, yet bounded, so a store's key column never refuses an event
     * because a sender put a very long id in it.
     */
    public static String boundedKey(String key) {
        return key.length() <= MAX_KEY_CHARS && !hasControlCharacter(key)
                ? key : "sha256:" + sha256Hex(key.getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code s} holds a control character (NUL included), which a database text column may refuse. */
    public static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static JsonNode field(JsonNode object, String field) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode value = object.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    private static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), toValue(e.getValue())));
        return Collections.unmodifiableMap(out);
    }

    private static Object toValue(JsonNode node) {
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(element -> out.add(toValue(element)));
            return Collections.unmodifiableList(out);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return null;
    }
}
