package dev.ramphook.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.provider.TypedFields;
import java.util.function.Function;

/**
 * Maps an event's data to a record whose constructor refuses nulls: a field the provider always sends that is
 * missing leaves a problem in {@link TypedFields} and makes the constructor throw, and the data is then delivered
 * untyped with one WARN line naming the field (never a value), as {@link TypedFields#typedOr} does. Not part of
 * the public API.
 */
public final class TypedData {

    private TypedData() {
    }

    /**
     * {@code mapper}'s record, or {@code untyped} with one WARN line when a field did not fit or the mapping threw (a
     * shape nobody foresaw must not lose the event; an exception's message may quote values, so only its type is
     * named).
     */
    public static Object map(TypedFields fields, JsonNode untyped, Function<TypedFields, Object> mapper) {
        Object typed;
        try {
            typed = mapper.apply(fields);
        } catch (RuntimeException e) {
            return fields.untyped(untyped, fields.problem().map(p -> "cannot be typed: " + p)
                    .orElse("could not be mapped (" + e.getClass().getName() + ")"));
        }
        if (typed == null) {
            return fields.problem().isPresent() ? fields.untyped(untyped, "cannot be typed: " + fields.problem().get())
                    : untyped;
        }
        return fields.typedOr(typed, untyped);
    }
}
