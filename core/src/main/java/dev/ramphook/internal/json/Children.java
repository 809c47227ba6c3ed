package dev.ramphook.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The children of an {@code ObjectNode} that {@link CommonShapeReader} reads: names and values side by side in one
 * array, in insertion order, found by a linear scan. A webhook's objects have a handful of members: building a
 * {@code LinkedHashMap} for each (its table, an entry of 40 bytes per member, the links) was a third of the reader's
 * CPU samples and of its bytes, while a scan of a few names, nearly all cached and so compared by identity first, costs
 * no more than a hash look-up. Past {@link #LINEAR} members (an application that grows a node, a large body) it moves
 * everything into a {@code LinkedHashMap} and delegates to it, so no use turns quadratic.
 *
 * <p>A complete mutable {@link Map} in insertion order, as {@code ObjectNode} expects of its children (every view,
 * iterator removal, write-through {@code setValue}, {@code equals} and {@code hashCode} across map classes):
 * {@code ChildrenTest} holds it to a {@code LinkedHashMap} under random operations. Not thread-safe, as the map
 * {@code ObjectNode} makes by itself is not.
 */
final class Children extends AbstractMap<String, JsonNode> {

    static final int LINEAR = 16;
    private static final int FIRST_CAPACITY = 8;

    /** Name, value, name, value…; {@code null} once {@link #large} holds the members. */
    private Object[] slots = new Object[2 * FIRST_CAPACITY];
    private int size;
    private Map<String, JsonNode> large;
    private Set<Map.Entry<String, JsonNode>> entries;

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean containsKey(Object name) {
        return large != null ? large.containsKey(name) : find(name) >= 0;
    }

    @Override
    public JsonNode get(Object name) {
        if (large != null) {
            return large.get(name);
        }
        int i = find(name);
        return i < 0 ? null : (JsonNode) slots[2 * i + 1];
    }

    @Override
    public JsonNode put(String name, JsonNode value) {
        if (large != null) {
            return large.put(name, value);
        }
        int i = indexOf(name);
        if (i >= 0) {
            JsonNode previous = (JsonNode) slots[2 * i + 1];
            slots[2 * i + 1] = value;
            return previous;
        }
        append(name, value);
        return null;
    }

    @Override
    public JsonNode remove(Object name) {
        if (large != null) {
            return large.remove(name);
        }
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        JsonNode previous = (JsonNode) slots[2 * i + 1];
        removeAt(i);
        return previous;
    }

    @Override
    public void clear() {
        if (large != null) {
            large.clear();
            return;
        }
        Arrays.fill(slots, 0, 2 * size, null);
        size = 0;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        if (large != null) {
            return large.entrySet();
        }
        Set<Map.Entry<String, JsonNode>> set = entries;
        if (set == null) {
            set = new EntrySet();
            entries = set;
        }
        return set;
    }

    /**
     * For a look-up: the members' names compared by identity first, which finds a name asked by a literal (the
     * reader interns the names it caches: {@code CommonShapeReader}), with one read of this array per member, before
     * {@link #indexOf}'s compare of hash codes, which reads each name too.
     */
    private int find(Object name) {
        Object[] s = slots;
        for (int i = 0, n = 2 * size; i < n; i += 2) {
            if (s[i] == name) {
                return i >>> 1;
            }
        }
        return indexOf(name);
    }

    /**
     * The index of the member named {@code name}, or -1: identity (a cached name read again), else the cached hash
     * codes of two strings, and only when they agree the characters.
     */
    private int indexOf(Object name) {
        Object[] s = slots;
        int n = 2 * size;
        if (name == null) {
            for (int i = 0; i < n; i += 2) {
                if (s[i] == null) {
                    return i >>> 1;
                }
            }
            return -1;
        }
        int hash = name.hashCode();
        for (int i = 0; i < n; i += 2) {
            Object k = s[i];
            if (k == name || k != null && k.hashCode() == hash && name.equals(k)) {
                return i >>> 1;
            }
        }
        return -1;
    }

    private void append(String name, JsonNode value) {
        if (size == LINEAR) {
            LinkedHashMap<String, JsonNode> map = new LinkedHashMap<>(4 * LINEAR);
            for (int i = 0; i < size; i++) {
                map.put((String) slots[2 * i], (JsonNode) slots[2 * i + 1]);
            }
            map.put(name, value);
            large = map;
            slots = null;
            size = 0;
            entries = null;
            return;
        }
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, 2 * slots.length);
        }
        slots[2 * size] = name;
        slots[2 * size + 1] = value;
        size++;
    }

    private void removeAt(int i) {
        System.arraycopy(slots, 2 * i + 2, slots, 2 * i, 2 * (size - i - 1));
        size--;
        slots[2 * size] = null;
        slots[2 * size + 1] = null;
    }

    /** The members in order; valid only while this map is small, as {@link #entrySet} hands it out only then. */
    private final class EntrySet extends AbstractSet<Map.Entry<String, JsonNode>> {

        @Override
        public int size() {
            return Children.this.size();
        }

        @Override
        public void clear() {
            Children.this.clear();
        }

        /** As the iterator, without one: {@code JsonFields} copies a provider's metadata so. */
        @Override
        public void forEach(Consumer<? super Map.Entry<String, JsonNode>> action) {
            if (large != null) {
                large.entrySet().forEach(action);
                return;
            }
            int n = size;
            for (int i = 0; i < n; i++) {
                action.accept(new Member((String) slots[2 * i], (JsonNode) slots[2 * i + 1]));
                if (large != null || size != n) {
                    throw new ConcurrentModificationException("a member was added or removed during forEach");
                }
            }
        }

        @Override
        public Iterator<Map.Entry<String, JsonNode>> iterator() {
            if (large != null) { // grown while this view was held
                return large.entrySet().iterator();
            }
            return new Iterator<>() {
                private int next;
                private int last = -1;

                @Override
                public boolean hasNext() {
                    if (large != null) {
                        throw new ConcurrentModificationException("the object grew past " + LINEAR + " members");
                    }
                    return next < size;
                }

                @Override
                public Map.Entry<String, JsonNode> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    last = next++;
                    return new Member((String) slots[2 * last], (JsonNode) slots[2 * last + 1]);
                }

                @Override
                public void remove() {
                    if (last < 0 || large != null) {
                        throw new IllegalStateException();
                    }
                    removeAt(last);
                    next = last;
                    last = -1;
                }
            };
        }
    }

    /** A member as an entry, writing a new value through to the map, as a {@code LinkedHashMap}'s entry does. */
    private final class Member extends AbstractMap.SimpleEntry<String, JsonNode> {

        private static final long serialVersionUID = 1L;

        Member(String name, JsonNode value) {
            super(name, value);
        }

        @Override
        public JsonNode setValue(JsonNode value) {
            JsonNode previous = super.setValue(value);
            if (containsKey(getKey())) { // not once removed: a removed entry is detached, as a LinkedHashMap's is
                put(getKey(), value);
            }
            return previous;
        }
    }
}
