package dev.ramphook.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * A body that {@link DocumentIndex} read and found valid, with the nodes of its tree made one by one when first asked
 * for: the nodes {@link CommonShapeReader} would make (the same scanners make them), each made once and then the same
 * instance for every reader, as a built tree gives. An object is a plain {@link ObjectNode} over {@link LazyChildren}:
 * a member looked up by name is found on the tape, and the object's map is built only when something needs all of it
 * (iteration, size, equality, a change). So a provider that reads a few fields of a delivery makes those fields'
 * nodes and no map. Safe to read from any thread: a node is published with a compare-and-set, so two threads asking
 * at once get the same node.
 */
final class IndexedDocument {

    private static final VarHandle NODES = MethodHandles.arrayElementVarHandle(JsonNode[].class);

    private final byte[] body;
    private final int[] tape;
    private final String[] names;
    private final CommonShapeReader common;
    private final JsonNodeFactory factory;
    private final JsonNode[] nodes;

    IndexedDocument(byte[] body, int[] tape, String[] names, int count, CommonShapeReader common) {
        this.body = body;
        this.tape = tape;
        this.names = names;
        this.common = common;
        this.factory = common.factory();
        this.nodes = new JsonNode[count];
    }

    /** The document's object. */
    ObjectNode root() {
        return (ObjectNode) node(0);
    }

    /** The value after the subtree of {@code v}: its next sibling, if it has one. */
    int next(int v) {
        return tape[3 * v + 1];
    }

    String name(int v) {
        return names[v];
    }

    /** How many members object {@code v} has. */
    int size(int v) {
        int size = 0;
        for (int c = v + 1, end = next(v); c < end; c = next(c)) {
            size++;
        }
        return size;
    }

    /** The member of object {@code v} named {@code name}, or -1. */
    int member(int v, String name) {
        int hash = name.hashCode(); // cached in both strings: most pairs differ here
        for (int c = v + 1, end = next(v); c < end; c = next(c)) {
            String other = names[c];
            if (other.hashCode() == hash && other.equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /** The node of value {@code v}, made on first use. */
    JsonNode node(int v) {
        JsonNode node = (JsonNode) NODES.getAcquire(nodes, v);
        if (node != null) {
            return node;
        }
        node = make(v);
        JsonNode first = (JsonNode) NODES.compareAndExchange(nodes, v, null, node);
        return first == null ? node : first;
    }

    private JsonNode make(int v) {
        int start = tape[3 * v] & DocumentIndex.MAX_START;
        switch (tape[3 * v] >>> DocumentIndex.KIND_SHIFT) {
            case DocumentIndex.OBJECT:
                return new ObjectNode(factory, new LazyChildren(this, v));
            case DocumentIndex.ARRAY: {
                ArrayNode array = factory.arrayNode();
                for (int e = v + 1, end = next(v); e < end; e = next(e)) {
                    array.add(node(e));
                }
                return array;
            }
            case DocumentIndex.PLAIN_STRING: // ASCII: Latin-1 is the same text, read without a second scan
                return factory.textNode(new String(body, start, tape[3 * v + 2] - 1 - start,
                        StandardCharsets.ISO_8859_1));
            case DocumentIndex.STRING:
                return factory.textNode(checked(CommonShapeReader.string(body, start, null)));
            case DocumentIndex.NUMBER: {
                CommonShapeReader.Cursor c = new CommonShapeReader.Cursor();
                c.at = start;
                return checked(common.number(body, c));
            }
            case DocumentIndex.TRUE:
                return factory.booleanNode(true);
            case DocumentIndex.FALSE:
                return factory.booleanNode(false);
            default:
                return factory.nullNode();
        }
    }

    /** The index read this value as valid, with the same scanner: a {@code null} here is a bug, not bad input. */
    private static <T> T checked(T value) {
        if (value == null) {
            throw new IllegalStateException("an indexed value did not read back");
        }
        return value;
    }
}
