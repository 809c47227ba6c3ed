package dev.ramphook.internal.json;

import static dev.ramphook.internal.json.DirectReaderTest.assertSame;
import static dev.ramphook.internal.json.DirectReaderTest.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Json#parseLazily} against the eager readers ({@link Json#parseObject} and {@link ReadTreeOracle}, the
 * {@code readTree} they replaced): the same refusal of every body, and for every accepted body the same tree, node
 * class for node class, scale for scale, name order for name order, whether it is read whole at once or a few members
 * by name first (the order a provider reads in), and the same node instance for a member however and how often it is
 * reached, from any thread.
 */
class LazyTreeTest {

    private static final int DOCUMENTS = 40_000;
    private static final DocumentIndex INDEX =
            new DocumentIndex(new CommonShapeReader(Json.MAPPER.getNodeFactory()));
    private static final String[] PROBES = {"a", "b", "id", "data", "amount", "é", "", "x\ny", "missing", "c"};

    @Test
    void agreesWithTheEagerReadersOnRandomDocuments() {
        Random seeds = new Random(2112);
        Map<String, Integer> outcomes = new TreeMap<>();
        int indexed = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            long seed = seeds.nextLong();
            byte[] body = new DirectReaderTest.Documents(new Random(seed)).body();
            outcomes.merge(compare(seed, body, new Random(seed ^ 0x5DEECE66DL)), 1, Integer::sum);
            indexed += body.length > 0 && Utf8.isWellFormedWithoutNul(body) && INDEX.read(body) != null ? 1 : 0;
        }
        assertThat(outcomes).as("outcomes").containsOnlyKeys("accepted", "empty body", "body is not UTF-8",
                "body is not valid JSON", "body is not a JSON object",
                "body is not UTF-8: a string holds an unpaired surrogate escape");
        // The index must take a good share of the accepted bodies, or this test would not check it.
        assertThat(indexed).as("documents indexed; all outcomes %s", outcomes)
                .isGreaterThan(outcomes.get("accepted") / 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", " {} ", "{\"a\":1}", "{\"a\":-0}", "{\"a\":-0.0}", "{\"a\":1.10}", "{\"a\":1e400}", "{\"a\":1E-400}",
            "{\"a\":2147483647,\"b\":2147483648,\"c\":-2147483649,\"d\":9223372036854775807}",
            "{\"a\":9223372036854775808,\"b\":-9223372036854775809,\"c\":123456789012345678901234567890}",
            "{\"a\":1.0e+2,\"b\":0.000,\"c\":100.10}", "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\\ud800\"}",
            "{\"\\udc00\":1}", "{\"a\":\"\\\\ud800\"}", "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":1,\"a\":1}",
            "{\"a\":1,\"\\u0061\":2}", "{\"a\":[{\"x\":1},{\"x\":1}]}", "{} {}", "{}x", "{}]", "{} 1", "{\"a\":1",
            "[1]", "[1", "1", "\"s\"", "null", "", " ", "\n", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1.}", "{'a':1}",
            "{\"a\":1}/*c*/", "\uFEFF{\"a\":1}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":[1,]}", "{\"a\":1,}",
            "{\"a\":\"\t\"}", "{\"a\":1e9999999999}", "{\"a\":-}", "{\"a\":[true,false,null,\"x\",-1.5,{}]}",
            "{\"a\":\"x\\n\\\"\\\\\\/\\b\\f\\r\\t\\u00e9\\u20ac\\u0000y\",\"\\u0062\":\"é€中\u007f\"}",
            "{\"é\":1,\"\":2}", "{\"a\":[1,[2,[3,{\"b\":[]}]]]}"})
    void agreesWithTheEagerReadersOnKnownShapes(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        for (int order = 0; order < 4; order++) {
            compare(order, body, new Random(order));
        }
    }

    @Test
    void indexesEveryProviderSampleAndReadsItBackEqual() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/resources/META-INF/ramphook/samples"))) {
            files = walk.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            assertThat(INDEX.read(body)).as("indexed: %s", file).isNotNull();
            assertThat(compare(0, body, new Random(file.hashCode()))).as("%s", file).isEqualTo("accepted");
        }
    }

    @Test
    void anObjectOfManyMembersGoesToTheEagerReaderWithTheSameOutcome() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= DocumentIndex.MAX_MEMBERS; i++) {
            many.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        byte[] distinct = many.append('}').toString().getBytes(StandardCharsets.UTF_8);
        assertThat(INDEX.read(distinct)).isNull();
        compare(1, distinct, new Random(1));
        byte[] duplicate = many.insert(many.length() - 1, ",\"m3\":0").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(compare(2, duplicate, new Random(2))).isEqualTo("body is not valid JSON");
    }

    @Test
    void aMemberIsOneNodeHoweverItIsReached() throws InvalidPayloadException {
        ObjectNode lazy = Json.parseLazily(
                "{\"data\":{\"s\":\"x\",\"n\":1.50,\"o\":{\"k\":[1,{\"z\":null}]}},\"t\":true}".getBytes(StandardCharsets.UTF_8));
        JsonNode data = lazy.get("data");
        JsonNode s = data.get("s");
        assertThat(lazy.get("data")).isSameAs(data);
        assertThat(data.get("s")).isSameAs(s);
        assertThat(lazy.properties().iterator().next().getValue()).isSameAs(data); // the map is built of the same nodes
        assertThat(data.properties().iterator().next().getValue()).isSameAs(s);
        assertThat(data.get("o").get("k").get(1)).isSameAs(data.path("o").path("k").path(1));
    }

    @Test
    void aChangedTreeKeepsTheChange() throws InvalidPayloadException {
        byte[] body = "{\"a\":{\"b\":1},\"c\":\"d\"}".getBytes(StandardCharsets.UTF_8);
        ObjectNode lazy = Json.parseLazily(body);
        ObjectNode eager = Json.parseObject(body);
        ((ObjectNode) lazy.get("a")).put("e", 2);
        ((ObjectNode) eager.get("a")).put("e", 2);
        lazy.remove("c");
        eager.remove("c");
        lazy.put("f", "g");
        eager.put("f", "g");
        assertSame(eager, lazy, "changed");
        assertThat(lazy).isEqualTo(eager);
        assertThat(lazy.get("c")).isNull();
        assertThat(lazy.toString()).isEqualTo(eager.toString());
    }

    @Test
    void threadsReadingOneTreeAtOnceGetTheSameNodes() throws Exception {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            text.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":{\"v\":\"").append(i).append("\"}");
        }
        byte[] body = text.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ObjectNode eager = Json.parseObject(body);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                ObjectNode lazy = Json.parseLazily(body);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<List<JsonNode>>> seen = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    boolean whole = t % 2 == 0;
                    Callable<List<JsonNode>> read = () -> {
                        start.await();
                        List<JsonNode> nodes = new ArrayList<>();
                        for (int i = 0; i < 40; i++) {
                            JsonNode member = whole ? lazy.properties().stream().skip(i).findFirst().orElseThrow()
                                    .getValue() : lazy.get("m" + i);
                            nodes.add(member);
                            nodes.add(member.get("v"));
                        }
                        return nodes;
                    };
                    seen.add(pool.submit(read));
                }
                List<JsonNode> first = seen.get(0).get();
                for (Future<List<JsonNode>> other : seen) {
                    List<JsonNode> nodes = other.get();
                    for (int i = 0; i < nodes.size(); i++) {
                        assertThat(nodes.get(i)).as("round %d, node %d", round, i).isSameAs(first.get(i));
                    }
                }
                assertThat(lazy).isEqualTo(eager);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * "accepted" or the refusal; fails on any disagreement. The lazy tree is first read by name in a random order
     * (members, nested members, absent names), then compared whole; its identity per member is checked on the way.
     */
    private static String compare(long seed, byte[] body, Random order) {
        ObjectNode expected = null;
        String expectedRefusal = null;
        try {
            expected = ReadTreeOracle.parseObject(body);
        } catch (InvalidPayloadException e) {
            expectedRefusal = e.getMessage();
        }
        ObjectNode lazy = null;
        String lazyRefusal = null;
        try {
            lazy = Json.parseLazily(body);
        } catch (InvalidPayloadException e) {
            lazyRefusal = e.getMessage();
        } catch (RuntimeException e) {
            fail("seed %d: %s escaped for %s", seed, e, show(body));
        }
        assertThat(lazyRefusal).as("seed %d: refusal of %s", seed, show(body)).isEqualTo(expectedRefusal);
        if (expected == null) {
            return expectedRefusal;
        }
        String where = "seed " + seed + ": " + show(body) + " at $";
        Map<JsonNode, Boolean> handedOut = new IdentityHashMap<>();
        probe(expected, lazy, order, handedOut, where, 0);
        assertSame(expected, lazy, where);
        assertThat(lazy).as(where).isEqualTo(expected);
        assertThat(expected).as(where).isEqualTo(lazy);
        assertThat(lazy.hashCode()).as(where).isEqualTo(expected.hashCode());
        assertThat(lazy.toString()).as(where).isEqualTo(expected.toString());
        assertThat(lazy.size()).as(where).isEqualTo(expected.size());
        Set<JsonNode> reached = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        collect(lazy, reached);
        assertThat(reached).as("%s: nodes handed out before the whole read are the tree's", where)
                .containsAll(handedOut.keySet());
        return "accepted";
    }

    /** Reads {@code lazy} by name as a provider does, checking each answer against {@code expected}'s. */
    private static void probe(JsonNode expected, JsonNode lazy, Random order, Map<JsonNode, Boolean> handedOut,
                              String where, int depth) {
        if (!expected.isObject() || depth > 4) {
            return;
        }
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        names.addAll(List.of(PROBES));
        int reads = order.nextInt(names.size() + 1);
        for (int r = 0; r < reads; r++) {
            String name = names.get(order.nextInt(names.size()));
            JsonNode e = expected.get(name);
            JsonNode a = lazy.get(name);
            assertThat(lazy.has(name)).as("%s.%s present", where, name).isEqualTo(e != null);
            if (e == null) {
                assertThat(a).as("%s.%s", where, name).isNull();
                continue;
            }
            assertThat(lazy.get(name)).as("%s.%s read twice", where, name).isSameAs(a);
            handedOut.put(a, true);
            if (order.nextBoolean()) {
                probe(e, a, order, handedOut, where + "." + name, depth + 1);
            }
        }
    }

    private static void collect(JsonNode node, Set<JsonNode> into) {
        into.add(node);
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, into));
        }
    }
}
