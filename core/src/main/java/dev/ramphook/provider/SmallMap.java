package dev.ramphook.provider;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable map of a few entries in one array, in delivery order, JSON null values allowed: what
 * {@link JsonFields#map} gives for a small object (ZBD's metadata: two or three entries, on every delivery) instead of
 * a {@code LinkedHashMap} behind an unmodifiable view (a map, its table, a node per entry and the view: about 230 B
 * against about 60 here). A look-up compares the few names in order; equality, hash code and text are
 * {@link AbstractMap}'s, the same as any map's with these entries.
 */
final class SmallMap extends AbstractMap<String, Object> {

    /** The most entries kept here; a larger object gets a hash map. */
    static final int MAX_ENTRIES = 8;
    /** An empty object's map. */
    static final SmallMap EMPTY = new SmallMap(new Object[0]);

    private final Object[] entries; // name, value, name, value, ...

    /** Takes {@code entries} (names at even indexes, all distinct and not null) as they are: nobody else holds it. */
    SmallMap(Object[] entries) {
        this.entries = entries;
    }

    @Override
    public int size() {
        return entries.length >> 1;
    }

    @Override
    public boolean isEmpty() {
        return entries.length == 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : entries[i + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < entries.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= entries.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>((String) entries[next],
                                entries[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return entries.length >> 1;
            }
        };
    }
}
