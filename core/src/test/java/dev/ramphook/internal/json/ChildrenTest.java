package dev.ramphook.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Children} is a {@code LinkedHashMap} for every use an {@code ObjectNode} and its callers make of it: the same
 * random operations on both, through the map and through every view, give the same members in the same order, the
 * same answers, and equal maps with equal hash codes, below and past the size where it changes representation.
 */
class ChildrenTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void behavesAsALinkedHashMapUnderRandomOperations() {
        Random random = new Random(2026120623);
        int grown = 0;
        for (int run = 0; run < 3_000; run++) {
            Children actual = new Children();
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            boolean past = false;
            int pool = 1 + random.nextInt(random.nextBoolean() ? 6 : 40); // past LINEAR in some runs
            for (int op = 0; op < 60; op++) {
                String name = random.nextInt(30) == 0 ? null : name(random.nextInt(pool));
                JsonNode value = NODES.numberNode(random.nextInt(5));
                String where = "run " + run + " op " + op;
                switch (random.nextInt(14)) {
                    case 0, 1, 2, 12, 13 -> assertThat(actual.put(name, value)).as(where)
                            .isEqualTo(expected.put(name, value));
                    case 3 -> assertThat(actual.get(name)).as(where).isEqualTo(expected.get(name));
                    case 4 -> assertThat(actual.containsKey(name)).as(where).isEqualTo(expected.containsKey(name));
                    case 5 -> assertThat(actual.remove(name)).as(where).isEqualTo(expected.remove(name));
                    case 6 -> { // iterator removal of every member whose value is the drawn one
                        removeByIterator(actual, value);
                        removeByIterator(expected, value);
                    }
                    case 7 -> { // setValue through the entries
                        setThroughEntries(actual, name, value);
                        setThroughEntries(expected, name, value);
                    }
                    case 8 -> assertThat(actual.putIfAbsent(name, value)).as(where)
                            .isEqualTo(expected.putIfAbsent(name, value));
                    case 9 -> {
                        assertThat(actual.keySet().remove(name)).as(where).isEqualTo(expected.keySet().remove(name));
                        assertThat(actual.values().removeIf(value::equals)).as(where)
                                .isEqualTo(expected.values().removeIf(value::equals));
                    }
                    case 10 -> {
                        List<Map.Entry<String, JsonNode>> seen = new ArrayList<>();
                        actual.entrySet().forEach(seen::add);
                        assertThat(seen).as(where).containsExactlyElementsOf(expected.entrySet());
                        if (random.nextInt(10) == 0) {
                            actual.clear();
                            expected.clear();
                        }
                    }
                    default -> {
                        Map<String, JsonNode> more = new LinkedHashMap<>();
                        more.put(name(random.nextInt(pool)), value);
                        more.put(name(random.nextInt(pool)), value);
                        actual.putAll(more);
                        expected.putAll(more);
                    }
                }
                assertSameMap(expected, actual, where);
                past |= actual.size() > Children.LINEAR;
            }
            grown += past ? 1 : 0;
        }
        assertThat(grown).as("runs that went past the linear size").isGreaterThan(100);
    }

    @Test
    void anObjectNodeOverItReadsWritesAndComparesAsOneOverALinkedHashMap() throws Exception {
        byte[] body = "{\"b\":1,\"a\":{\"x\":[1,\"s\"],\"y\":null},\"c\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        ObjectNode read = new CommonShapeReader(Json.MAPPER.getNodeFactory()).read(body);
        ObjectNode plain = (ObjectNode) Json.MAPPER.readTree(body);
        assertThat(read).isEqualTo(plain);
        assertThat(plain).isEqualTo(read);
        assertThat(read.hashCode()).isEqualTo(plain.hashCode());
        assertThat(Json.MAPPER.writeValueAsString(read)).isEqualTo(Json.MAPPER.writeValueAsString(plain));
        assertThat(read.deepCopy()).isEqualTo(plain);
        for (ObjectNode node : List.of(read, plain)) {
            node.put("d", 4);
            node.remove("b");
            node.retain("a", "c", "d");
            ((ObjectNode) node.get("a")).without("y");
            for (int i = 0; i < 2 * Children.LINEAR; i++) {
                node.put("n" + i, i);
            }
        }
        assertThat(Json.MAPPER.writeValueAsString(read)).isEqualTo(Json.MAPPER.writeValueAsString(plain));
        assertThat(read).isEqualTo(plain);
    }

    /**
     * Absent names are told at once by a bit of their hash code: a name that shares its bit with a member, a member
     * removed (its bit stays set) and a cleared map must still answer by the names' text.
     */
    @Test
    void namesSharingAHashBitRemovedNamesAndAClearedMapAnswerByText() {
        Children children = new Children();
        for (int i = 0; i < Children.LINEAR; i++) {
            children.put(name(i), NODES.numberNode(i)); // 16 names over 32 bits: many shared
        }
        for (int i = 0; i < 200; i++) {
            assertThat(children.get(name(i))).as("name%d", i)
                    .isEqualTo(i < Children.LINEAR ? NODES.numberNode(i) : null);
            assertThat(children.containsKey(name(i))).as("name%d", i).isEqualTo(i < Children.LINEAR);
        }
        children.remove(name(3));
        assertThat(children.get(name(3))).isNull();
        assertThat(children.put(name(3), NODES.nullNode())).isNull();
        assertThat(children.put(name(3), NODES.textNode("again"))).isEqualTo(NODES.nullNode());
        children.clear();
        assertThat(children.get(name(0))).isNull();
        assertThat(children.put(name(0), NODES.nullNode())).isNull();
        assertThat(children).hasSize(1);
    }

    @Test
    void anIteratorFailsWhenTheMapGrowsPastTheLinearSize() {
        Children children = new Children();
        children.put("a", NODES.nullNode());
        Iterator<Map.Entry<String, JsonNode>> it = children.entrySet().iterator();
        for (int i = 0; i < Children.LINEAR; i++) {
            children.put("n" + i, NODES.nullNode());
        }
        assertThatThrownBy(it::hasNext).isInstanceOf(ConcurrentModificationException.class);
    }

    private static String name(int i) {
        return new String("name" + i); // a new instance each time: found by equality, not identity
    }

    private static void removeByIterator(Map<String, JsonNode> map, JsonNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().equals(value)) {
                it.remove();
            }
        }
    }

    private static void setThroughEntries(Map<String, JsonNode> map, String name, JsonNode value) {
        for (Map.Entry<String, JsonNode> e : map.entrySet()) {
            if (java.util.Objects.equals(e.getKey(), name)) {
                e.setValue(value);
            }
        }
    }

    private static void assertSameMap(Map<String, JsonNode> expected, Children actual, String where) {
        assertThat(new ArrayList<>(actual.entrySet())).as(where).containsExactlyElementsOf(expected.entrySet());
        assertThat(new ArrayList<>(actual.keySet())).as(where).containsExactlyElementsOf(expected.keySet());
        assertThat(actual.size()).as(where).isEqualTo(expected.size());
        assertThat(actual.isEmpty()).as(where).isEqualTo(expected.isEmpty());
        assertThat(actual).as(where).isEqualTo(expected);
        assertThat(expected).as(where).isEqualTo(actual);
        assertThat(actual.hashCode()).as(where).isEqualTo(expected.hashCode());
    }
}
