package dev.ramphook.mecash;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 11 documented event names, found without hashing the delivered name (as {@code ZbdNames} finds ZBD's): a
 * {@code HashMap} look-up computed the fresh name's {@code String.hashCode} on every delivery (about 20 characters,
 * one multiply each), then compared it, and the handler look-up downstream compared it again. Here a slot comes from
 * the name's length and two of its characters and one {@code equals} confirms it; the delivery then carries the
 * table's own {@code String}, whose hash is computed once per JVM, so the handler look-up finds it by identity, and
 * the key need not scan it for control characters (the table's names have none).
 */
final class MeCashNames {

    /** A documented name: this table's own {@code String} and its record type. */
    record Known(String name, Class<?> type) {
    }

    private static final Map<String, Class<?>> TYPES = typeTable();
    private static final int MASK = 31;
    private static final Known[] SLOTS = slots();

    private MeCashNames() {
    }

    /** The documented names and their record types, in documentation order. */
    static Map<String, Class<?>> types() {
        return TYPES;
    }

    /** {@code name}'s entry, or {@code null} for a name meCash does not document. */
    static Known find(String name) {
        int length = name.length();
        if (length < 2) {
            return null;
        }
        for (int i = slot(length, name.charAt(0), name.charAt(length - 2)); ; i = (i + 1) & MASK) {
            Known known = SLOTS[i];
            if (known == null || known.name.equals(name)) {
                return known;
            }
        }
    }

    private static int slot(int length, char first, char last) {
        return (length * 7 + first * 3 + last) & MASK;
    }

    private static Known[] slots() {
        Known[] slots = new Known[MASK + 1];
        TYPES.forEach((name, type) -> {
            int i = slot(name.length(), name.charAt(0), name.charAt(name.length() - 2));
            while (slots[i] != null) {
                i = (i + 1) & MASK;
            }
            slots[i] = new Known(name, type);
        });
        return slots;
    }

    private static Map<String, Class<?>> typeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String state : new String[] {"completed", "failed", "pending", "refund"}) {
            types.put("ramp.payout." + state, MeCashPayout.class);
        }
        for (String name : new String[] {"payout.completed", "payout.failed", "payout.pending",
                "collection.completed", "collection.failed", "virtualaccount.completed", "virtualaccount.failed"}) {
            types.put(name, MeCashFiatTransaction.class);
        }
        return Collections.unmodifiableMap(types);
    }
}
