package dev.ramphook.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Json#parseObject} (a loop over Jackson's parser) against {@link ReadTreeOracle} (the {@code readTree} it
 * replaced): the same tree, node class for node class, decimal scale for decimal scale, name order for name order, on
 * every body the oracle accepts, and the same refusal on every body it refuses. Bodies come from a seeded generator
 * of hostile and ordinary documents, so a failure names its seed and body and replays.
 */
class DirectReaderTest {

    private static final int DOCUMENTS = 40_000;
    private static final CommonShapeReader COMMON = new CommonShapeReader(Json.MAPPER.getNodeFactory());

    @Test
    void agreesWithReadTreeOnRandomDocuments() {
        Random seeds = new Random(21);
        Map<String, Integer> outcomes = new TreeMap<>();
        int common = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            long seed = seeds.nextLong();
            byte[] body = new Documents(new Random(seed)).body();
            outcomes.merge(compare(seed, body), 1, Integer::sum);
            common += compareCommonShape(seed, body) ? 1 : 0;
        }
        // The common-shape reader must take part of them, or this test would not check it.
        assertThat(common).as("documents the common-shape reader took; all outcomes %s", outcomes)
                .isGreaterThan(outcomes.get("accepted") / 5);
        // The generator must exercise every outcome, and acceptance for a good share.
        assertThat(outcomes).as("outcomes").containsOnlyKeys("accepted", "empty body", "body is not UTF-8",
                "body is not valid JSON", "body is not a JSON object",
                "body is not UTF-8: a string holds an unpaired surrogate escape");
        assertThat(outcomes.get("accepted")).as("documents accepted; all outcomes %s", outcomes)
                .isGreaterThan(DOCUMENTS / 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", " {} ", "{\"a\":1}", "{\"a\":-0}", "{\"a\":-0.0}", "{\"a\":1.10}", "{\"a\":1e400}", "{\"a\":1E-400}",
            "{\"a\":2147483647,\"b\":2147483648,\"c\":-2147483649,\"d\":9223372036854775807}",
            "{\"a\":9223372036854775808,\"b\":-9223372036854775809,\"c\":123456789012345678901234567890}",
            "{\"a\":1.0e+2,\"b\":0.000,\"c\":100.10}", "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\\ud800\"}",
            "{\"\\udc00\":1}", "{\"a\":\"\\\\ud800\"}", "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":1,\"a\":1}",
            "{\"a\":[{\"x\":1},{\"x\":1}]}", "{} {}", "{}x", "{}]", "{} 1", "{\"a\":1", "[1]", "[1", "1", "\"s\"",
            "null", "", " ", "\n", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1.}", "{'a':1}", "{\"a\":1}/*c*/",
            "\uFEFF{\"a\":1}", "{\"a\":tru}", "{\"a\":[1,]}", "{\"a\":1,}", "{\"a\":\"\t\"}", "{\"a\":1e9999999999}"})
    void agreesWithReadTreeOnKnownShapes(String text) {
        compare(0, text.getBytes(StandardCharsets.UTF_8));
        compareCommonShape(0, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The shapes providers send, and the edges of what the common-shape reader takes, read by it, not passed on. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{}", " {\"a\" : [ ] , \"b\":{ }}\n", "{\"a\":-0,\"b\":-0.0,\"c\":0.000,\"d\":100.10,\"e\":-1.5}",
            "{\"a\":2147483647,\"b\":2147483648,\"c\":-2147483648,\"d\":-2147483649}",
            "{\"a\":999999999999999999,\"b\":-99999999.9999999999}", "{\"a\":true,\"b\":false,\"c\":null}",
            "{\"a\":\"x\\n\\\"\\\\\\/\\b\\f\\r\\t\\u00e9\\u20ac\\u0000y\",\"\\u0062\":\"é€中\u007f\"}",
            "{\"é\":1,\"\":2}", "{\"a\":[1,[2,[3,{\"b\":[]}]]]}"})
    void readsCommonShapesItself(String text) throws InvalidPayloadException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        assertThat(compareCommonShape(0, body)).as("taken by the common-shape reader: %s", text).isTrue();
        assertSame(ReadTreeOracle.parseObject(body), COMMON.read(body), text);
    }

    @Test
    void readsEveryProviderSampleItself() throws Exception {
        java.nio.file.Path samples = java.nio.file.Path.of("src/main/resources/META-INF/ramphook/samples");
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(samples)) {
            files = walk.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (java.nio.file.Path file : files) {
            byte[] body = java.nio.file.Files.readAllBytes(file);
            assertThat(compareCommonShape(0, body)).as("taken by the common-shape reader: %s", file).isTrue();
        }
    }

    /**
     * Whether the common-shape reader took {@code body}; when it did, the old reader must accept it and build the
     * same tree (it may pass on any body, valid or not).
     */
    private static boolean compareCommonShape(long seed, byte[] body) {
        if (body.length == 0) {
            return false; // Json.parseObject never gives it such a body; malformed UTF-8 it must pass on itself
        }
        ObjectNode common;
        try {
            common = COMMON.read(body);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": " + e + " escaped for " + show(body), e);
        }
        if (common == null) {
            return false;
        }
        ObjectNode expected;
        try {
            expected = ReadTreeOracle.parseObject(body);
        } catch (InvalidPayloadException e) {
            throw new AssertionError("seed " + seed + ": the common-shape reader took " + show(body)
                    + ", which the old reader refuses: " + e.getMessage());
        }
        assertSame(expected, common, "seed " + seed + ": " + show(body) + " at $");
        assertThat(common).isEqualTo(expected);
        return true;
    }

    /** A stop byte (quote, backslash, control, non-ASCII) at every place of a long string: eight bytes are read at once. */
    @Test
    void agreesWithReadTreeOnEveryPlaceOfAStopInAString() {
        String[] stops = {"\"", "\\n", "\\u00e9", "\t", "\u0001", "\u001f", "é", "€", "😀", "\u007f", " "};
        for (String stop : stops) {
            for (int at = 0; at <= 24; at++) {
                String text = "{\"name\":\"" + "abcdefghijklmnopqrstuvwx".substring(0, at) + stop + "yz0123456789\"}";
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                compare(at, body);
                compareCommonShape(at, body);
            }
        }
    }

    /** The same for a field name (read eight bytes at a time too, and hashed for the name cache), twice per body. */
    @Test
    void agreesWithReadTreeOnEveryPlaceOfAStopInAName() {
        String[] stops = {"\"", "\\n", "\\u00e9", "\t", "\u0001", "é", "€", "😀", "\u007f", " "};
        for (String stop : stops) {
            for (int at = 0; at <= 24; at++) {
                String name = "abcdefghijklmnopqrstuvwx".substring(0, at) + stop + "yz0123456789";
                String text = "{\"" + name + "\":1,\"b\":{\"" + name + "\":2,\"" + name.substring(1) + "\":3}}";
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                compare(at, body);
                boolean valid = !stop.equals("\"") && stop.charAt(0) >= 0x20;
                assertThat(compareCommonShape(at, body)).as("taken by the common-shape reader: %s", text)
                        .isEqualTo(valid);
            }
        }
    }

    /**
     * The name cache must hand back a cached name only for the same bytes: names of every length up to 24, each
     * differing from the others in one byte at one place (first, middle, last, across the two words a short name is
     * compared by), read by one reader in rounds so that every name is both stored and hit, and slots are shared.
     */
    @Test
    void nameCacheGivesEachNameItsOwnText() {
        CommonShapeReader reader = new CommonShapeReader(Json.MAPPER.getNodeFactory());
        List<String> names = new ArrayList<>();
        for (int length = 0; length <= 24; length++) {
            String base = "abcdefghijklmnopqrstuvwx".substring(0, length);
            names.add(base);
            for (int at = 0; at < length; at++) {
                for (char c : new char[] {'A', '_', '~'}) {
                    names.add(base.substring(0, at) + c + base.substring(at + 1));
                }
            }
        }
        Random random = new Random(2026120622);
        for (int round = 0; round < 40; round++) {
            StringBuilder text = new StringBuilder("{");
            List<String> order = new ArrayList<>(names);
            java.util.Collections.shuffle(order, random);
            List<String> chosen = order.subList(0, 40);
            for (int i = 0; i < chosen.size(); i++) {
                text.append(i == 0 ? "" : ",").append('"').append(chosen.get(i)).append("\":").append(i);
            }
            byte[] body = text.append("}").toString().getBytes(StandardCharsets.UTF_8);
            ObjectNode read = reader.read(body);
            assertThat(read).as("taken by the common-shape reader: %s", text).isNotNull();
            List<String> actual = new ArrayList<>();
            read.fieldNames().forEachRemaining(actual::add);
            assertThat(actual).as("round %d", round).containsExactlyElementsOf(chosen);
        }
    }

    /**
     * The reader guesses each name from the one before it in the last body: the guess must be taken only when the
     * body holds exactly that name there. Each body of one shape (names of every length up to 17, across the two
     * words a guess is compared by) is read after the shape was taught, with one name replaced by a near miss: one
     * character more or less, one byte changed at each place, an escape, a non-ASCII or a control character after
     * it, a name of another length; and the same near the end of the body, where fewer than 17 bytes are left.
     */
    @Test
    void aGuessedNameIsTakenOnlyWhenTheBodyHoldsIt() {
        CommonShapeReader reader = new CommonShapeReader(Json.MAPPER.getNodeFactory());
        List<String> shape = new ArrayList<>();
        for (int length = 0; length <= 17; length++) {
            shape.add("abcdefghijklmnopq".substring(0, length));
        }
        int checked = 0;
        for (int k = 0; k < shape.size(); k++) {
            String name = shape.get(k);
            List<String> variants = new ArrayList<>(List.of(name + "x", name + "\\n", name + "é", name + "\\u0041",
                    name + "\u0001", name + " ", "\\u0061" + name, "Q" + name, name.replace('a', 'é')));
            if (!name.isEmpty()) {
                variants.add(name.substring(0, name.length() - 1));
                variants.add(name.substring(1));
            }
            for (int at = 0; at < name.length(); at++) {
                variants.add(name.substring(0, at) + 'Z' + name.substring(at + 1));
                variants.add(name.substring(0, at) + '"' + name.substring(at + 1));
                variants.add(name.substring(0, at) + '\\' + name.substring(at + 1));
            }
            for (String variant : variants) {
                for (boolean atEnd : new boolean[] {false, true}) {
                    List<String> probe = new ArrayList<>(atEnd ? shape.subList(0, k + 1) : shape);
                    probe.set(k, variant);
                    List<String> taught = atEnd ? shape.subList(0, k + 1) : shape;
                    reader.read(object(taught)); // teaches the order: each name guesses the next
                    assertThat(reader.read(object(taught))).as("%s", taught).isNotNull();
                    byte[] body = object(probe);
                    ObjectNode expected;
                    try {
                        expected = ReadTreeOracle.parseObject(body);
                    } catch (InvalidPayloadException e) {
                        expected = null;
                    }
                    ObjectNode actual = reader.read(body);
                    if (actual != null) {
                        assertThat(expected).as(show(body)).isNotNull();
                        assertSame(expected, actual, show(body));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("near misses read by the common-shape reader").isGreaterThan(500);
    }

    private static byte[] object(List<String> names) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(i);
        }
        return text.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Cached names are the JVM's interned instances, so a member asked for by a literal is found by identity; but only
     * the first few thousand, so a sender of ever new names cannot grow the string table.
     */
    @Test
    void cachedNamesAreInternedUpToABound() {
        CommonShapeReader reader = new CommonShapeReader(Json.MAPPER.getNodeFactory());
        ObjectNode first = reader.read("{\"session_id\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(first.fieldNames().next()).isSameAs("session_id");
        for (int body = 0; body < 100; body++) { // 5,000 distinct names: past the bound
            StringBuilder text = new StringBuilder("{");
            for (int i = 0; i < 50; i++) {
                text.append(i == 0 ? "" : ",").append("\"n").append(body).append('_').append(i).append("\":1");
            }
            assertThat(reader.read(text.append('}').toString().getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
        ObjectNode late = reader.read("{\"late_literal_name\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(late.fieldNames().next()).isEqualTo("late_literal_name").isNotSameAs("late_literal_name");
    }

    @Test
    void agreesWithReadTreeOnNestingAroundTheLimit() {
        for (int depth = 60; depth <= 68; depth++) {
            compare(depth, ("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
            compare(depth, ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** "accepted", or the oracle's refusal of {@code body}; fails the test on any disagreement. */
    private static String compare(long seed, byte[] body) {
        ObjectNode expected = null;
        String expectedRefusal = null;
        try {
            expected = ReadTreeOracle.parseObject(body);
        } catch (InvalidPayloadException e) {
            expectedRefusal = e.getMessage();
        }
        ObjectNode actual = null;
        String actualRefusal = null;
        try {
            actual = Json.parseObject(body);
        } catch (InvalidPayloadException e) {
            actualRefusal = e.getMessage();
        } catch (RuntimeException e) {
            fail("seed %d: %s escaped for %s", seed, e, show(body));
        }
        assertThat(actualRefusal).as("seed %d: refusal of %s", seed, show(body)).isEqualTo(expectedRefusal);
        if (expected != null) {
            assertSame(expected, actual, "seed " + seed + ": " + show(body) + " at $");
            assertThat(actual).isEqualTo(expected);
        }
        return expected != null ? "accepted" : expectedRefusal;
    }

    /** Deep equality that {@code JsonNode.equals} does not give: node classes, decimal scales, name order. */
    private static void assertSame(JsonNode expected, JsonNode actual, String where) {
        assertThat(actual.getClass()).as(where).isEqualTo(expected.getClass());
        if (expected.isObject()) {
            List<String> names = new ArrayList<>();
            List<String> actualNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(actualNames::add);
            assertThat(actualNames).as(where).containsExactlyElementsOf(names);
            for (Map.Entry<String, JsonNode> e : expected.properties()) {
                assertSame(e.getValue(), actual.get(e.getKey()), where + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(where).isEqualTo(expected.size());
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : expected) {
                assertSame(e, a.next(), where + "[" + i++ + "]");
            }
        } else if (expected.isBigDecimal()) {
            BigDecimal d = expected.decimalValue();
            assertThat(actual.decimalValue().unscaledValue()).as(where).isEqualTo(d.unscaledValue());
            assertThat(actual.decimalValue().scale()).as(where).isEqualTo(d.scale());
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    private static String show(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "…(" + body.length + " bytes)" : s;
    }

    /** Random documents: mostly objects, with every kind of value, then, often, one defect. */
    private static final class Documents {

        private static final String[] NAMES = {
                "a", "b", "id", "amount", "\\u0061", "é", "data", "x\\ny", "", "c", "d", "e", "f", "g", "h", "i", "j",
                "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "\\ud800", "\\ud83d\\ude00"};
        private static final String[] NUMBERS = {
                "0", "-0", "1", "-1", "0.0", "-0.0", "1.10", "100.10", "1e400", "-1e400", "1E-400", "1.5e+3", "2e0",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
                "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "123456789012345678901234567890123456789", "0.1234567890123456789012345678901234567890"};
        private static final String[] BAD_NUMBERS = {
                "1e9999999999", "01", "1.", ".5", "+1", "-", "1e", "NaN", "Infinity", "0x10"};
        private static final String[] ESCAPES = {
                "\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t", "\\u0000", "\\u00e9", "\\u20ac",
                "\\ud83d\\ude00", "\\ud800", "\\udfff", "\\uDBFF\\uDFFF", "\\ude00\\ud83d", "\\\\ud800"};
        private static final String[] RAW = {"é", "€", "😀", "中", "\u007f", " "};
        private static final String[] BAD_STRING_PARTS = {"\\x", "\\u12", "\t", "\u0001"};
        private static final String[] TRAILERS = {" ", "\n", " x", " {}", "]", "}", " 1", ",", " null", "/*c*/"};

        private final Random random;
        private final StringBuilder out = new StringBuilder();

        Documents(Random random) {
            this.random = random;
        }

        byte[] body() {
            int shape = random.nextInt(100);
            if (shape < 88) {
                object(0);
            } else if (shape < 92) {
                array(0);
            } else if (shape < 97) {
                scalar();
            } else {
                space();
            }
            byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
            return defect(body);
        }

        private byte[] defect(byte[] body) {
            int d = random.nextInt(100);
            if (d < 60 || body.length == 0) {
                return body;
            }
            if (d < 70) { // truncated
                return java.util.Arrays.copyOf(body, random.nextInt(body.length));
            }
            if (d < 82) {
                byte[] trailer = TRAILERS[random.nextInt(TRAILERS.length)].getBytes(StandardCharsets.UTF_8);
                byte[] longer = java.util.Arrays.copyOf(body, body.length + trailer.length);
                System.arraycopy(trailer, 0, longer, body.length, trailer.length);
                return longer;
            }
            if (d < 92) { // one byte replaced by a character JSON gives a meaning to, or none
                byte[] copy = body.clone();
                copy[random.nextInt(copy.length)] = (byte) "{}[]:,\"\\ 0-e.tn".charAt(random.nextInt(15));
                return copy;
            }
            byte[] copy = body.clone(); // one arbitrary byte: mostly malformed UTF-8
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            return copy;
        }

        private void value(int depth) {
            int kind = random.nextInt(depth > 70 ? 6 : 10);
            if (kind < 2) {
                string();
            } else if (kind < 4) {
                number();
            } else if (kind < 6) {
                out.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
            } else if (kind < 8 && depth < 8 || random.nextInt(40) == 0) {
                object(depth + 1);
            } else {
                array(depth + 1);
            }
        }

        private void scalar() {
            if (random.nextBoolean()) {
                string();
            } else {
                number();
            }
        }

        private void number() {
            String[] numbers = rarely() ? BAD_NUMBERS : NUMBERS;
            out.append(numbers[random.nextInt(numbers.length)]);
        }

        /** One time in 400: a defect inside the document, beside the ones {@link #defect} makes. */
        private boolean rarely() {
            return random.nextInt(400) == 0;
        }

        private void object(int depth) {
            out.append('{');
            space();
            int fields = depth > 3 ? random.nextInt(3) : random.nextInt(7);
            java.util.Set<String> used = new java.util.HashSet<>();
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    out.append(',');
                    space();
                }
                if (random.nextInt(5) == 0) {
                    string();
                } else {
                    String name = NAMES[random.nextInt(NAMES.length)];
                    if (!used.add(name) && random.nextInt(8) != 0) { // mostly distinct names; one duplicate in eight
                        name = name + used.size();
                    }
                    out.append('"').append(name).append('"');
                }
                space();
                out.append(':');
                space();
                value(depth);
                space();
            }
            out.append('}');
        }

        private void array(int depth) {
            out.append('[');
            int elements = depth > 3 ? random.nextInt(3) : random.nextInt(6);
            for (int i = 0; i < elements; i++) {
                if (i > 0) {
                    out.append(',');
                }
                space();
                value(depth);
            }
            if (random.nextInt(100) == 0) { // deep nesting, around the limit of 64
                int n = 55 + random.nextInt(15);
                out.append("[".repeat(n)).append("]".repeat(n));
            }
            out.append(']');
        }

        private void string() {
            out.append('"');
            int parts = random.nextInt(5);
            for (int i = 0; i < parts; i++) {
                int p = random.nextInt(10);
                if (p < 4) {
                    out.append("abcXYZ019 _-".charAt(random.nextInt(12)));
                    out.append("tx");
                } else if (rarely()) {
                    out.append(BAD_STRING_PARTS[random.nextInt(BAD_STRING_PARTS.length)]);
                } else if (p < 7) {
                    out.append(ESCAPES[random.nextInt(ESCAPES.length)]);
                } else {
                    out.append(RAW[random.nextInt(RAW.length)]);
                }
            }
            out.append('"');
        }

        private void space() {
            if (random.nextInt(4) == 0) {
                out.append(" \n\t\r".charAt(random.nextInt(4)));
            }
        }
    }
}
