package dev.ramphook.internal.text;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * A provider's documented event names, found without hashing the delivered name: a {@code HashMap} look-up computes a
 * fresh name's {@code String.hashCode} on every delivery (one multiply per character: JDK 17 does not vectorise it).
 * Here a slot comes from the name's length and two of its characters (the first after a common prefix, and the one
 * before the last), and one {@code equals} confirms it. The entry holds the table's own {@code String}, whose hash is
 * computed once per JVM, so later look-ups of the delivered name go by identity. Open addressing in a power-of-two
 * array at most half full; immutable once built, so any thread reads it.
 *
 * @param <T> what a name is found with (the provider's record of it)
 */
public final class NameTable<T> {

    private final String[] names;
    private final Object[] entries;
    private final int mask;
    private final int skip;

    /**
     * @param names the documented names and their record types
     * @param skip  the length of a prefix every name shares (0 for none), skipped when a slot is chosen
     * @param entry what each name is found with, from the table's own name and its record type
     */
    public NameTable(Map<String, Class<?>> names, int skip, BiFunction<String, Class<?>, T> entry) {
        int size = Integer.highestOneBit(Math.max(1, names.size()) * 4 - 1);
        this.names = new String[size];
        this.entries = new Object[size];
        this.mask = size - 1;
        this.skip = skip;
        names.forEach((name, type) -> {
            int i = slot(name);
            while (this.names[i] != null) {
                i = (i + 1) & mask;
            }
            this.names[i] = name;
            this.entries[i] = entry.apply(name, type);
        });
    }

    /**
     * @param name a delivered event name
     * @return its entry, or {@code null} for a name the provider does not document
     */
    @SuppressWarnings("unchecked")
    public T find(String name) {
        if (name.length() <= skip + 1) {
            return null;
        }
        for (int i = slot(name); ; i = (i + 1) & mask) {
            String known = names[i];
            if (known == null) {
                return null;
            }
            if (known.equals(name)) {
                return (T) entries[i];
            }
        }
    }

    private int slot(String name) {
        int length = name.length();
        return (length * 7 + name.charAt(skip) * 3 + name.charAt(length - 2)) & mask;
    }
}
