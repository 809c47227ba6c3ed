package dev.ramphook.mecash;

import dev.ramphook.internal.text.NameTable;
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
    private static final NameTable<Known> TABLE = new NameTable<>(TYPES, 0, Known::new);

    private MeCashNames() {
    }

    /** The documented names and their record types, in documentation order. */
    static Map<String, Class<?>> types() {
        return TYPES;
    }

    /** {@code name}'s entry, or {@code null} for a name meCash does not document. */
    static Known find(String name) {
        return TABLE.find(name);
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
