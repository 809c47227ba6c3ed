package dev.ramphook.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The members of one object of an {@link IndexedDocument}, as the map an {@code ObjectNode} holds: a look-up by name
 * ({@link #get}, {@link #containsKey}) reads the tape and makes only that member's node; anything else (iteration,
 * size, equality, hashing, a change) first builds the map an eager reader would have built, in document order, from
 * the same nodes, and from then on every call goes to it. Built once, under this object's lock, and published through
 * a volatile field: safe to read from any thread, as a built tree is; a change is as unsafe as on a built tree.
 */
final class LazyChildren extends AbstractMap<String, JsonNode> {

    private final IndexedDocument document;
    private final int object;
    private volatile Map<String, JsonNode> built;

    LazyChildren(IndexedDocument document, int object) {
        this.document = document;
        this.object = object;
    }

    @Override
    public JsonNode get(Object name) {
        Map<String, JsonNode> map = built;
        if (map != null) {
            return map.get(name);
        }
        int member = name instanceof String text ? document.member(object, text) : -1;
        return member < 0 ? null : document.node(member);
    }

    @Override
    public boolean containsKey(Object name) {
        Map<String, JsonNode> map = built;
        if (map != null) {
            return map.containsKey(name);
        }
        return name instanceof String text && document.member(object, text) >= 0;
    }

    @Override
    public int size() {
        Map<String, JsonNode> map = built;
        return map != null ? map.size() : document.size(object);
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return built().entrySet();
    }

    @Override
    public JsonNode put(String name, JsonNode value) {
        return built().put(name, value);
    }

    @Override
    public JsonNode remove(Object name) {
        return built().remove(name);
    }

    @Override
    public void clear() {
        built().clear();
    }

    private Map<String, JsonNode> built() {
        Map<String, JsonNode> map = built;
        if (map == null) {
            synchronized (this) {
                map = built;
                if (map == null) {
                    map = new LinkedHashMap<>();
                    for (int c = object + 1, end = document.next(object); c < end; c = document.next(c)) {
                        map.put(document.name(c), document.node(c));
                    }
                    built = map;
                }
            }
        }
        return map;
    }
}
