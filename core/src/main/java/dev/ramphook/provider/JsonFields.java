package dev.ramphook.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tolerant readers of one field of a JSON object, for {@link dev.ramphook.Provider} implementations: money as
 * {@link BigDecimal} (never through {@code double}), times as {@code java.time} values in the lenient shapes providers
 * send (with or without a zone, 0 to 9 fractional digits, Unix seconds or milliseconds), ids from strings or
 * integers.
 *
 * <p>Every reader answers {@code null} (or an empty map) when the object is {@code null} or not an object, or the
 * field is missing, JSON {@code null} or of another shape than asked for, and never throws: a delivery with one odd
 * field still becomes an event. To map a typed record and learn <em>which</em> field did not fit, use
 * {@link TypedFields}, which reads through these.
 *
 * <pre>{@code
 * String name = JsonFields.nonBlankText(json, "type");                 // null when absent, blank or not a string
 * BigDecimal amount = JsonFields.decimal(data, "amount");              // 12.50, "12.50" -> 12.50; "ten" -> null
 * Instant at = JsonFields.instant(json, "created_at");                 // 2025-01-18T10:30:00Z, ...+01:00
 * Instant when = JsonFields.epochInstant(json, "timestamp");           // 1737196200 or 1737196200000
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonFields {

    /** Longest amount string we parse; longer ones are not money, and would cost time to read. */
    private static final int MAX_AMOUNT_CHARS = 64;
    /** {@code 1e999999999} is short but would make {@code toPlainString()} allocate gigabytes in a handler. */
    private static final int MAX_AMOUNT_SCALE = 100;
    /** Below this an integral timestamp is seconds (until the year 5138), above it milliseconds. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

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

    /**
     * The field's text, or {@code null} when it is missing or not a JSON string.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the string, or {@code null}
     */
    public static String text(JsonNode object, String field) {
        return textOf(field(object, field));
    }

    /** {@link #text} of a field's value already looked up ({@code null} when absent). */
    static String textOf(JsonNode value) {
        if (value instanceof TextNode) { // a type check, not two calls that no call site can inline (see present)
            return value.textValue();
        }
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * The field's text when it is a JSON string with at least one non-blank character, else {@code null}.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the string, or {@code null}
     */
    public static String nonBlankText(JsonNode object, String field) {
        String text = text(object, field);
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * The field as an object node, or {@code null} when it is missing or not an object.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the object node (shared, not copied), or {@code null}
     */
    public static JsonNode object(JsonNode object, String field) {
        return objectOf(field(object, field));
    }

    static JsonNode objectOf(JsonNode value) {
        if (value instanceof ObjectNode) {
            return value;
        }
        return value != null && value.isObject() ? value : null;
    }

    /**
     * The field as an exact decimal: a JSON number (read through {@link JsonNode#decimalValue()}, exact when the
     * reader uses {@code USE_BIG_DECIMAL_FOR_FLOATS}) or a JSON string such as {@code "100.00"}. {@code null} when
     * missing, of another shape, not a number, or absurdly long or scaled.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the exact value, or {@code null}
     */
    public static BigDecimal decimal(JsonNode object, String field) {
        return decimalOf(field(object, field));
    }

    static BigDecimal decimalOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        BigDecimal decimal;
        if (value instanceof TextNode) { // the shape amounts come in, tried first
            decimal = textDecimal(value.textValue());
            if (decimal == null) {
                return null;
            }
        } else if (value.isNumber()) {
            if (value.isDouble() || value.isFloat()) {
                double d = value.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return null;
                }
            }
            decimal = value.decimalValue();
        } else if (value.isTextual()) {
            decimal = textDecimal(value.textValue());
            if (decimal == null) {
                return null;
            }
        } else {
            return null;
        }
        return Math.abs(decimal.scale()) > MAX_AMOUNT_SCALE ? null : decimal;
    }

    /** A decimal written as a JSON string, or {@code null} when it is none (or too long to be money). */
    private static BigDecimal textDecimal(String value) {
        BigDecimal plain = plainDecimal(value); // the shape amounts come in: nothing to strip, never too long
        if (plain != null) {
            return plain;
        }
        String text = value.strip();
        if (text.isEmpty() || text.length() > MAX_AMOUNT_CHARS) {
            return null;
        }
        BigDecimal decimal = plainDecimal(text);
        if (decimal != null) {
            return decimal;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code new BigDecimal(text)} for the shape amounts come in ({@code 100.00}: an optional sign, at most 18 digits,
     * at most one point, no exponent), from the digits' value and scale, without the character array the
     * constructor copies the text into; {@code null} for any other text, which the constructor then reads. Same
     * value, same scale.
     */
    static BigDecimal plainDecimal(String text) {
        int length = text.length();
        int i = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        boolean negative = i == 1 && text.charAt(0) == '-';
        long unscaled = 0;
        int digits = 0;
        int point = -1;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
            } else if (c == '.' && point < 0) {
                point = i;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, point < 0 ? 0 : length - point - 1);
    }

    /**
     * An ISO-8601 instant with a zone or offset ({@code 2025-01-18T10:30:00Z}), or {@code null}.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the instant, or {@code null} when absent or not such a date-time
     */
    public static Instant instant(JsonNode object, String field) {
        return instantOf(field(object, field));
    }

    static Instant instantOf(JsonNode value) {
        String text = textOf(value);
        if (text == null) {
            return null;
        }
        try {
            Instant utc = IsoTimes.canonicalInstant(text, true);
            if (utc != null) {
                return utc;
            }
            if (!IsoTimes.mayHaveOffset(text)) {
                return null; // the formatter would only throw, and an exception costs more than the parse
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A zone-less ISO-8601 date-time with 0 to 9 fractional digits, or {@code null}.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the date-time as written, or {@code null} when absent or not such a date-time
     */
    public static LocalDateTime localDateTime(JsonNode object, String field) {
        return localDateTimeOf(field(object, field));
    }

    static LocalDateTime localDateTimeOf(JsonNode value) {
        String text = textOf(value);
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
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the instant, or {@code null}
     */
    public static Instant instantAssumingUtc(JsonNode object, String field) {
        return instantAssumingUtcOf(field(object, field));
    }

    static Instant instantAssumingUtcOf(JsonNode value) {
        Instant instant = instantOf(value);
        if (instant != null) {
            return instant;
        }
        LocalDateTime local = localDateTimeOf(value);
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }

    /**
     * {@link TypedFields#utcDateTime}'s reader: {@link #instantAssumingUtc} at UTC, except that a canonical zone-less
     * text (meCash's every time) is read as it stands, not through an {@code Instant} and back.
     */
    static LocalDateTime utcDateTimeOf(JsonNode value) {
        String text = textOf(value);
        if (text != null) {
            try {
                LocalDateTime local = IsoTimes.canonical(text, false);
                if (local != null) {
                    return local;
                }
            } catch (DateTimeException e) {
                return null; // instantAssumingUtc refuses it too: no zone to try, and the local parse threw
            }
        }
        Instant instant = instantAssumingUtcOf(value);
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * A point in time given as a Unix epoch number: a JSON integer (or a string of digits) counting seconds, or
     * milliseconds when its magnitude is 10<sup>11</sup> or more (seconds would be after the year 5138). {@code null}
     * when the field is anything else.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the instant, or {@code null}
     */
    public static Instant epochInstant(JsonNode object, String field) {
        return epochInstantOf(field(object, field));
    }

    static Instant epochInstantOf(JsonNode value) {
        long epoch;
        if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
            epoch = value.longValue();
        } else if (value != null && value.isTextual() && value.textValue().matches("-?[0-9]{1,18}")) {
            epoch = Long.parseLong(value.textValue());
        } else {
            return null;
        }
        // Not Math.abs: abs(Long.MIN_VALUE) is negative, and ofEpochSecond(Long.MIN_VALUE) throws
        boolean seconds = epoch > -MILLIS_THRESHOLD && epoch < MILLIS_THRESHOLD;
        try {
            return seconds ? Instant.ofEpochSecond(epoch) : Instant.ofEpochMilli(epoch);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A free-form JSON object as an unmodifiable map in delivery order: strings stay strings, numbers become {@link
     * BigDecimal} (integers {@link java.math.BigInteger} or {@link Long}), booleans {@link Boolean}, JSON null {@code
     * null}, objects nested maps and arrays lists. Empty when the field is missing or not an object.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return an unmodifiable map, never {@code null}
     */
    public static Map<String, Object> map(JsonNode object, String field) {
        JsonNode value = object(object, field);
        return value == null ? Map.of() : toMap(value);
    }

    /**
     * An identifier: the field's text when it is a non-blank JSON string, or the digits of a JSON integer ({@code 42}
     * and {@code "42"} name the same thing); else {@code null}.
     *
     * @param object the JSON object to read from; {@code null} or a non-object reads as absent
     * @param field  the field name
     * @return the id as text, or {@code null}
     */
    public static String idText(JsonNode object, String field) {
        return idTextOf(field(object, field));
    }

    static String idTextOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            // int and long nodes without a BigInteger: the same digits
            return value.canConvertToLong() ? Long.toString(value.longValue()) : value.bigIntegerValue().toString();
        }
        String text = textOf(value);
        return text == null || text.isBlank() ? null : text;
    }

    /** The field's value, {@code null} when {@code object} is not an object or the field is absent or JSON null. */
    static JsonNode field(JsonNode object, String field) {
        if (!(object instanceof ObjectNode) && (object == null || !object.isObject())) {
            return null;
        }
        return present(object.get(field));
    }

    /**
     * {@code value}, or {@code null} when it is absent, JSON null or missing. Strings and containers (nearly every
     * value read) are told by a type check: {@code isNull} and {@code isMissingNode} are calls on a node whose class
     * varies from field to field, so no call site can inline them (JFR: a quarter of ZBD's typed mapping).
     */
    static JsonNode present(JsonNode value) {
        if (value == null || value instanceof TextNode || value instanceof ContainerNode) {
            return value;
        }
        return value.isNull() || value.isMissingNode() ? null : value;
    }

    private static Map<String, Object> toMap(JsonNode object) {
        int size = object.size();
        if (size == 0) {
            return SmallMap.EMPTY; // not Map.of(), whose get(null) throws
        }
        if (size <= SmallMap.MAX_ENTRIES) {
            Object[] entries = new Object[size * 2];
            int i = 0;
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                entries[i++] = e.getKey();
                entries[i++] = toValue(e.getValue());
            }
            return new SmallMap(entries);
        }
        // Built at its size: no resize on the way
        Map<String, Object> out = new LinkedHashMap<>(size + 1 + size / 3, 1f);
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            out.put(e.getKey(), toValue(e.getValue()));
        }
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
