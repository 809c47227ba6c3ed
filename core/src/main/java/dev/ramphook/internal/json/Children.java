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
    /**
     * One bit per member name, picked by its hash code ({@link #bit}): a name whose bit is clear is not a member, so
     * the reader's duplicate check of each new name and a look-up of an absent field (an optional one, say) cost a
     * hash code already cached in the name and one test, not a scan that reads every member's name. Bits of removed
     * members stay set (a clear bit still proves absence); {@link #clear} resets them. An {@code int}: it fits in
     * the padding this object has anyway.
     */
    private int names;
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
        names = 0;
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

    /** The bit of {@link #names} for a name of this hash code: its two halves mixed, as {@code HashMap} mixes. */
    private static int bit(int hash) {
        return 1 << (hash ^ (hash >>> 16)); // a shift takes the low five bits
    }

    /**
     * For a look-up: absent at once when the name's bit is clear (an optional field not sent); else the members'
     * names compared by identity first, which finds a name asked by a literal (the reader interns the names it
     * caches: {@code CommonShapeReader}), with one read of this array per member, before the compare of hash codes,
     * which reads each name too.
     */
    private int find(Object name) {
        if (name == null) {
            return indexOf(null);
        }
        int hash = name.hashCode();
        if ((names & bit(hash)) == 0) {
            return -1;
        }
        Object[] s = slots;
        for (int i = 0, n = 2 * size; i < n; i += 2) {
            if (s[i] == name) {
                return i >>> 1;
            }
        }
        return scan(name, hash);
    }

    /**
     * The index of the member named {@code name}, or -1: absent when its bit is clear (nearly every new name the
     * reader puts), else identity (a cached name read again), else the cached hash codes of two strings, and only
     * when they agree the characters.
     */
    private int indexOf(Object name) {
        if (name == null) {
            Object[] s = slots;
            for (int i = 0, n = 2 * size; i < n; i += 2) {
                if (s[i] == null) {
                    return i >>> 1;
                }
            }
            return -1;
        }
        int hash = name.hashCode();
        return (names & bit(hash)) == 0 ? -1 : scan(name, hash);
    }

    /** The member whose name is {@code name} (not {@code null}, of hash code {@code hash}), by a scan; or -1. */
    private int scan(Object name, int hash) {
        Object[] s = slots;
        int n = 2 * size;
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
        if (name != null) {
            names |= bit(name.hashCode());
        }
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
