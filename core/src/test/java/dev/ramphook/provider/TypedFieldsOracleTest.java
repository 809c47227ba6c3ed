package dev.ramphook.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link TypedFields}' readers, which look a field up once, against what they did until 2026-12-06 (a look-up for
 * absence, then {@link JsonFields}' reader over the object: the public readers are the oracle), on random values:
 * the same value and the same problem for every reader and value.
 */
class TypedFieldsOracleTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] TEXTS = {
            "", " ", "x", "42", "-7", "1.50", " 2.5 ", "ten", "1e3", "NaN", "2025-01-18T11:05:00Z",
            "2025-01-18T11:05:00.123+01:00", "2025-01-08T12:23:51.908663", "2025-02-30T10:00:00", "2025-01-18",
            "1737196200", "1737196200000", "99999999999999999999"};

    @Test
    void everyReaderAgreesWithTheOldLookUps() {
        Random random = new Random(21);
        for (int i = 0; i < 20_000; i++) {
            ObjectNode object = NODES.objectNode();
            JsonNode value = value(random);
            if (value != null) {
                object.set("f", value);
            }
            JsonNode holder = random.nextInt(20) == 0 ? null : object;
            String where = "value " + value;
            agree(where, holder, TypedFields::text, JsonFields::text, "a string");
            agree(where, holder, TypedFields::id, JsonFields::idText, "an id");
            agree(where, holder, TypedFields::decimal, JsonFields::decimal, "a decimal");
            agree(where, holder, TypedFields::instant, JsonFields::instant, "an ISO-8601 instant");
            agree(where, holder, TypedFields::epochInstant, JsonFields::epochInstant, "a Unix time");
            agree(where, holder, TypedFields::object, JsonFields::object, "an object");
            agree(where, holder, TypedFields::utcDateTime,
                    (o, f) -> Optional.ofNullable(JsonFields.instantAssumingUtc(o, f))
                            .map(t -> java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC)).orElse(null),
                    "an ISO-8601 date-time");
            agreeOptional(where, holder, TypedFields::optionalText, JsonFields::text, "a string");
            agreeOptional(where, holder, TypedFields::optionalDecimal, JsonFields::decimal, "a decimal");
            agreeOptional(where, holder, TypedFields::optionalInstant, JsonFields::instant, "an ISO-8601 instant");
            agreeOptional(where, holder, TypedFields::optionalObject, JsonFields::object, "an object");
            if (holder != null && value != null && value.isIntegralNumber()) {
                assertThat(JsonFields.idText(holder, "f")).as(where).isEqualTo(value.bigIntegerValue().toString());
            }
        }
    }

    interface Reader<T> {
        T read(TypedFields fields, JsonNode object, String path, String field);
    }

    /** The old required reader: missing when absent, else the public reader's value or "not {@code what}". */
    private static <T> void agree(String where, JsonNode object, Reader<T> reader,
                                  BiFunction<JsonNode, String, T> oracle, String what) {
        TypedFields f = TypedFields.of("test", "event");
        T actual = reader.read(f, object, "data", "f");
        boolean absent = absent(object);
        T expected = absent ? null : oracle.apply(object, "f");
        assertThat(actual).as(where).isEqualTo(expected);
        assertThat(f.problem()).as(where).isEqualTo(absent ? Optional.of("data.f is missing")
                : expected == null ? Optional.of("data.f is not " + what) : Optional.empty());
    }

    private static <T> void agreeOptional(String where, JsonNode object, Reader<Optional<T>> reader,
                                          BiFunction<JsonNode, String, T> oracle, String what) {
        TypedFields f = TypedFields.of("test", "event");
        Optional<T> actual = reader.read(f, object, "data", "f");
        boolean absent = absent(object);
        T expected = absent ? null : oracle.apply(object, "f");
        assertThat(actual).as(where).isEqualTo(Optional.ofNullable(expected));
        assertThat(f.problem()).as(where).isEqualTo(absent || expected != null ? Optional.empty()
                : Optional.of("data.f is not " + what));
    }

    private static boolean absent(JsonNode object) {
        JsonNode value = object == null ? null : object.get("f");
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static JsonNode value(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> NODES.nullNode();
            case 2, 3 -> NODES.textNode(TEXTS[random.nextInt(TEXTS.length)]);
            case 4 -> NODES.numberNode(random.nextInt());
            case 5 -> NODES.numberNode(random.nextLong());
            case 6 -> NODES.numberNode(new BigInteger(90, random).negate());
            case 7 -> NODES.numberNode(BigDecimal.valueOf(random.nextLong(), random.nextInt(12)));
            case 8 -> NODES.booleanNode(random.nextBoolean());
            default -> random.nextBoolean() ? NODES.objectNode().put("a", 1) : NODES.arrayNode().add(1);
        };
    }
}
