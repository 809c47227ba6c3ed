package dev.ramphook.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.internal.text.Printable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Maps one event's JSON data to a typed record, field by field, and remembers the first field that does not fit: a
 * field the provider always sends that is missing, or any field present with a value of another shape ({@code "ten"}
 * as an amount). The record is delivered only when every field fitted ({@link #typedOr}); otherwise the event arrives
 * untyped, with its JSON node as data, and one WARN line names the event and the field (never its value, which may be
 * personal data). So a typed record never holds a {@code null} where the provider documents a value, and a handler
 * taking the record is simply not called for a malformed one.
 *
 * <pre>{@code
 * TypedFields f = TypedFields.of("acme", name);
 * Order order = new Order(f.id(data, "data", "id"), f.decimal(data, "data", "amount"),
 *         f.optionalText(data, "data", "note"));
 * return f.typedOr(order, data);          // the Order, or data after "acme: <name> cannot be typed as Order:
 * data.amount is not a decimal"
 * }</pre>
 *
 * <p>The {@code path} argument of each reader is where the object sits in the document ({@code data},
 * {@code data.quote}); it only names the field in the problem. Readers return {@code null} (or empty) for a field that
 * does not fit, so a record can still be constructed; {@link #typedOr} then discards it.
 *
 * <p>Not thread-safe: one instance per mapping, on the thread that parses.
 */
public final class TypedFields {

    private static final Logger log = Logs.get(TypedFields.class);

    private final String provider;
    private final String event;
    private String problem;

    private TypedFields(String provider, String event) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.event = Objects.requireNonNull(event, "event");
    }

    /**
     * Starts mapping one event.
     *
     * @param provider the provider id, as in the log lines ({@code zbd})
     * @param event    the event name as delivered; printed escaped and bounded
     * @return a fresh mapping with no problem yet
     */
    public static TypedFields of(String provider, String event) {
        return new TypedFields(provider, event);
    }

    /**
     * The outcome of the mapping: {@code typed} when every field fitted; otherwise {@code untyped}, after one WARN
     * line {@code <provider>: <event> cannot be typed as <Type>: <problem>; delivering it untyped}. A {@code null}
     * {@code typed} (an event name without a record type) gives {@code untyped} without a log line.
     *
     * @param typed   the record built from this mapping's readers, or {@code null}
     * @param untyped what to deliver instead: the JSON {@code data} node
     * @return {@code typed} or {@code untyped}
     */
    public Object typedOr(Object typed, JsonNode untyped) {
        if (typed == null) {
            return untyped;
        }
        if (problem != null) {
            log.warn("{}: {} cannot be typed as {}: {}; delivering it untyped", provider, Printable.of(event),
                    typed.getClass().getSimpleName(), problem);
            return untyped;
        }
        return typed;
    }

    /**
     * Gives up typing for a reason other than one field, with one WARN line
     * {@code <provider>: <event> <reason>; delivering it untyped}.
     *
     * @param untyped what to deliver instead: the JSON {@code data} node, or the whole document
     * @param reason  what is wrong, never a payload value, such as {@code has no data object}
     * @return {@code untyped}
     */
    public JsonNode untyped(JsonNode untyped, String reason) {
        log.warn("{}: {} {}; delivering it untyped", provider, Printable.of(event), reason);
        return untyped;
    }

    /**
     * The first field that did not fit so far.
     *
     * @return such as {@code "data.base_amount is not a decimal"}; empty while every field fitted
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private <T> T missing(String path) {
        if (problem == null) {
            problem = path + " is missing";
        }
        return null;
    }

    private <T> T invalid(String path, String what) {
        if (problem == null) {
            problem = path + " is not " + what;
        }
        return null;
    }

    /** The field's value, looked up once; {@code null} when it is missing or JSON null. */
    private static JsonNode present(JsonNode object, String field) {
        return object == null ? null : JsonFields.present(object.get(field));
    }

    /** {@code read}, or null and the problem recorded: missing when {@code value} is, else not {@code what}. */
    private <T> T checked(JsonNode value, T read, String path, String field, String what) {
        if (read != null) {
            return read;
        }
        return value == null ? missing(path + "." + field) : invalid(path + "." + field, what);
    }

    /**
     * A JSON string, possibly empty.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value, or {@code null} when missing or of another shape (recorded as the {@link #problem()})
     */
    public String text(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return checked(value, JsonFields.textOf(value), path, field, "a string");
    }

    /**
     * A JSON string, possibly empty; empty when the field is missing or null.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value; empty when the field is missing or JSON {@code null}, and also when it has another
     *         shape (recorded as the {@link #problem()})
     */
    public Optional<String> optionalText(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return value == null ? Optional.empty()
                : Optional.ofNullable(checked(value, JsonFields.textOf(value), path, field, "a string"));
    }

    /**
     * An identifier: a non-blank JSON string or a JSON integer ({@link JsonFields#idText}).
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value, or {@code null} when missing or of another shape (recorded as the {@link #problem()})
     */
    public String id(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return checked(value, JsonFields.idTextOf(value), path, field, "an id");
    }

    /**
     * An exact decimal, from a JSON number or a numeric string ({@link JsonFields#decimal}).
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value, or {@code null} when missing or of another shape (recorded as the {@link #problem()})
     */
    public BigDecimal decimal(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return checked(value, JsonFields.decimalOf(value), path, field, "a decimal");
    }

    /**
     * {@link #decimal}, empty when the field is missing or null.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value; empty when the field is missing or JSON {@code null}, and also when it has another
     *         shape (recorded as the {@link #problem()})
     */
    public Optional<BigDecimal> optionalDecimal(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return value == null ? Optional.empty()
                : Optional.ofNullable(checked(value, JsonFields.decimalOf(value), path, field, "a decimal"));
    }

    /**
     * An ISO-8601 instant with a zone or offset.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value, or {@code null} when missing or of another shape (recorded as the {@link #problem()})
     */
    public Instant instant(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return checked(value, JsonFields.instantOf(value), path, field, "an ISO-8601 instant");
    }

    /**
     * {@link #instant}, empty when the field is missing or null.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value; empty when the field is missing or JSON {@code null}, and also when it has another
     *         shape (recorded as the {@link #problem()})
     */
    public Optional<Instant> optionalInstant(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return value == null ? Optional.empty()
                : Optional.ofNullable(checked(value, JsonFields.instantOf(value), path, field, "an ISO-8601 instant"));
    }

    /**
     * A Unix epoch time in seconds or milliseconds ({@link JsonFields#epochInstant}).
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value, or {@code null} when missing or of another shape (recorded as the {@link #problem()})
     */
    public Instant epochInstant(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return checked(value, JsonFields.epochInstantOf(value), path, field, "a Unix time");
    }

    /**
     * A date-time in UTC: zone-less as sent ({@code 2025-01-08T12:23:51.908663}), or with a zone or offset, converted
     * to UTC ({@code …908663Z}): the same texts {@link JsonFields#instantAssumingUtc} accepts.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value, or {@code null} when missing or of another shape (recorded as the {@link #problem()})
     */
    public LocalDateTime utcDateTime(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return checked(value, JsonFields.utcDateTimeOf(value), path, field, "an ISO-8601 date-time");
    }

    /**
     * {@link #utcDateTime}, empty when the field is missing or null.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value; empty when the field is missing or JSON {@code null}, and also when it has another
     *         shape (recorded as the {@link #problem()})
     */
    public Optional<LocalDateTime> optionalUtcDateTime(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return value == null ? Optional.empty()
                : Optional.ofNullable(checked(value, JsonFields.utcDateTimeOf(value), path, field, "an ISO-8601 date-time"));
    }

    /**
     * A JSON object.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the node (shared, not copied), or {@code null} when missing or of another shape (recorded as the
     *         {@link #problem()})
     */
    public JsonNode object(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return checked(value, JsonFields.objectOf(value), path, field, "an object");
    }

    /**
     * A JSON object, empty when the field is missing or null.
     *
     * @param object the JSON object that holds the field (a {@code null} object reads as a missing field)
     * @param path   where {@code object} sits in the document, such as {@code data}; only for the problem's text
     * @param field  the field name
     * @return the value; empty when the field is missing or JSON {@code null}, and also when it has another
     *         shape (recorded as the {@link #problem()})
     */
    public Optional<JsonNode> optionalObject(JsonNode object, String path, String field) {
        JsonNode value = present(object, field);
        return value == null ? Optional.empty()
                : Optional.ofNullable(checked(value, JsonFields.objectOf(value), path, field, "an object"));
    }

    /**
     * Records that {@code path} has none of the shapes the provider documents, for checks the readers cannot make.
     *
     * @param path the field, such as {@code data.recipient}
     * @param what what it should have been, such as {@code an object or an array}
     */
    public void unexpected(String path, String what) {
        invalid(path, what);
    }
}
