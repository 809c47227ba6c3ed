package dev.ramphook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads the fields of one typed record and remembers the first one that does not fit: a field the provider always
 * sends that is missing, or any field that is present with a value of the wrong shape ({@code "ten"} as an amount).
 * A provider maps to its typed record only when {@link #problem()} is empty; otherwise the data arrives untyped, as
 * the JSON node, so a typed record never holds a null where the provider documents a value. Problems name the
 * field, never its value. Not thread-safe; one per mapping.
 */
public final class TypedFields {

    private String problem;

    /** The first field that did not fit, as {@code "data.base_amount is not a decimal"}; empty when all did. */
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

    private static boolean absent(JsonNode object, String field) {
        JsonNode value = object == null ? null : object.get(field);
        return value == null || value.isNull() || value.isMissingNode();
    }

    /** The field read by {@code reader}; null, and the problem recorded, when it is missing or not {@code what}. */
    private <T> T required(JsonNode object, String path, String field, BiFunction<JsonNode, String, T> reader,
                           String what) {
        if (absent(object, field)) {
            return missing(path + "." + field);
        }
        T value = reader.apply(object, field);
        return value != null ? value : invalid(path + "." + field, what);
    }

    /** A JSON string, possibly empty. */
    public String text(JsonNode object, String path, String field) {
        return required(object, path, field, JsonFields::text, "a string");
    }

    /** A JSON string, possibly empty; empty when the field is missing or null. */
    public Optional<String> optionalText(JsonNode object, String path, String field) {
        return absent(object, field) ? Optional.empty() : Optional.ofNullable(text(object, path, field));
    }

    /** An identifier: a non-blank JSON string or a JSON integer ({@link JsonFields#idText}). */
    public String id(JsonNode object, String path, String field) {
        return required(object, path, field, JsonFields::idText, "an id");
    }

    /** An exact decimal, from a JSON number or a numeric string ({@link JsonFields#decimal}). */
    public BigDecimal decimal(JsonNode object, String path, String field) {
        return required(object, path, field, JsonFields::decimal, "a decimal");
    }

    /** {@link #decimal}, empty when the field is missing or null. */
    public Optional<BigDecimal> optionalDecimal(JsonNode object, String path, String field) {
        return absent(object, field) ? Optional.empty() : Optional.ofNullable(decimal(object, path, field));
    }

    /** An ISO-8601 instant with a zone or offset. */
    public Instant instant(JsonNode object, String path, String field) {
        return required(object, path, field, JsonFields::instant, "an ISO-8601 instant");
    }

    /**
     * A date-time in UTC: zone-less as sent ({@code 2025-01-08T12:23:51.908663}), or with a zone or offset, converted
     * to UTC ({@code …908663Z}): the same texts {@link JsonFields#instantAssumingUtc} accepts.
     */
    public LocalDateTime utcDateTime(JsonNode object, String path, String field) {
        Instant value = required(object, path, field, JsonFields::instantAssumingUtc, "an ISO-8601 date-time");
        return value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC);
    }

    /** {@link #utcDateTime}, empty when the field is missing or null. */
    public Optional<LocalDateTime> optionalUtcDateTime(JsonNode object, String path, String field) {
        return absent(object, field) ? Optional.empty() : Optional.ofNullable(utcDateTime(object, path, field));
    }

    /** A JSON object. */
    public JsonNode object(JsonNode object, String path, String field) {
        return required(object, path, field, JsonFields::object, "an object");
    }

    /** A JSON object, empty when the field is missing or null. */
    public Optional<JsonNode> optionalObject(JsonNode object, String path, String field) {
        return absent(object, field) ? Optional.empty() : Optional.ofNullable(object(object, path, field));
    }

    /** Records that {@code path} has none of the shapes the provider documents. */
    public void unexpected(String path, String what) {
        invalid(path, what);
    }
}
