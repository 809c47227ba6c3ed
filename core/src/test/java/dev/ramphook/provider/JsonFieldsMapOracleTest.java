package dev.ramphook.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFields#map}, whose small objects are one array ({@code SmallMap}) since 2026-12-06, against the
 * unmodifiable {@code LinkedHashMap} it built before (kept below): the same entries in the same order, equal both
 * ways with the same hash code and text, the same look-ups, and unmodifiable.
 */
class JsonFieldsMapOracleTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void everyMapIsTheOldOne() {
        SplittableRandom random = new SplittableRandom(612);
        for (int i = 0; i < 20_000; i++) {
            ObjectNode holder = NODES.objectNode();
            ObjectNode object = object(random, 0);
            holder.set("m", object);
            Map<String, Object> map = JsonFields.map(holder, "m");
            Map<String, Object> old = oldMap(object);
            String where = object.toString();

            assertThat(map).as(where).isEqualTo(old);
            assertThat(old).as(where).isEqualTo(map);
            assertThat(map.hashCode()).as(where).isEqualTo(old.hashCode());
            assertThat(map.toString()).as(where).isEqualTo(old.toString());
            assertThat(new ArrayList<>(map.keySet())).as(where).containsExactlyElementsOf(old.keySet());
            assertThat(new ArrayList<>(map.values())).as(where).containsExactlyElementsOf(old.values());
            assertThat(map.size()).isEqualTo(old.size());
            assertThat(map.isEmpty()).isEqualTo(old.isEmpty());
            for (String name : new String[] {"k0", "k1", "k7", "k8", "k11", "absent", ""}) {
                assertThat(map.get(name)).as(where + " " + name).isEqualTo(old.get(name));
                assertThat(map.containsKey(name)).as(where + " " + name).isEqualTo(old.containsKey(name));
            }
            assertThat(map.get(null)).isNull();
            assertThat(map.containsKey(null)).isFalse();
            assertThat(map.containsKey(42)).isFalse();
        }
    }

    @Test
    void aSmallMapCannotBeChanged() {
        ObjectNode holder = NODES.objectNode();
        holder.putObject("m").put("a", 1).put("b", "x").putNull("c");
        Map<String, Object> map = JsonFields.map(holder, "m");

        assertThatThrownBy(() -> map.put("d", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(2))
                .isInstanceOf(UnsupportedOperationException.class);
        Iterator<Map.Entry<String, Object>> entries = map.entrySet().iterator();
        entries.next();
        assertThatThrownBy(entries::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(map).containsEntry("c", null).hasSize(3);
    }

    private static ObjectNode object(SplittableRandom random, int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(5) == 0 ? random.nextInt(0, 13) : random.nextInt(0, 4);
        for (int i = 0; i < size; i++) {
            String name = "k" + random.nextInt(12);
            switch (random.nextInt(depth < 2 ? 8 : 6)) {
                case 0 -> object.put(name, "v" + random.nextInt(100));
                case 1 -> object.put(name, random.nextLong());
                case 2 -> object.put(name, new BigDecimal(random.nextInt(10_000)).movePointLeft(2));
                case 3 -> object.put(name, random.nextBoolean());
                case 4 -> object.putNull(name);
                case 5 -> object.put(name, random.nextInt());
                case 6 -> object.set(name, object(random, depth + 1));
                default -> object.putArray(name).add(1).add("two").add(object(random, depth + 1));
            }
        }
        return object;
    }

    // ---- the conversion until 2026-12-06, kept as the oracle

    private static Map<String, Object> oldMap(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), oldValue(e.getValue())));
        return Collections.unmodifiableMap(out);
    }

    private static Object oldValue(JsonNode node) {
        if (node.isObject()) {
            return oldMap(node);
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(element -> out.add(oldValue(element)));
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
