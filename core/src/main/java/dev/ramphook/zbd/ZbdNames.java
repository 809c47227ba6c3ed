package dev.ramphook.zbd;

import dev.ramphook.internal.text.NameTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 17 documented event names, found without hashing the delivered name: a {@code HashMap} look-up computed the
 * name's {@code String.hashCode} on every delivery (30 characters, one multiply each: JDK 17 does not vectorise it),
 * then compared it twice (short name, record type). Here a slot comes from the name's length and two of its
 * characters and one {@code equals} (a byte array compare) confirms it; the delivery then carries the table's own
 * {@code String}, whose hash is computed once per JVM, so the handler look-up downstream finds it by identity.
 */
final class ZbdNames {

    /** The namespace that short names drop. */
    static final String PREFIX = "RAMP_WIDGET.V1.";

    /** A documented name: this table's own {@code String}, its short name, its record type. */
    record Known(String name, String shortName, Class<?> type) {
    }

    private static final Map<String, Class<?>> TYPES = typeTable();
    private static final NameTable<Known> TABLE = new NameTable<>(TYPES, PREFIX.length(), (name, type) -> new Known(name, name.substring(PREFIX.length()), type));

    private ZbdNames() {
    }

    /** The documented names and their record types, in documentation order. */
    static Map<String, Class<?>> types() {
        return TYPES;
    }

    /** {@code name}'s entry, or {@code null} for a name ZBD does not document. */
    static Known find(String name) {
        return TABLE.find(name);
    }

    private static Map<String, Class<?>> typeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String step : new String[] {"SESSION.INITIATED", "SESSION.CLOSED",
                "CODE_VERIFICATION.SUCCEEDED", "CODE_VERIFICATION.FAILED",
                "KYC.INITIATED", "KYC.PROCESSING", "KYC.COMPLETED", "KYC.REJECTED",
                "BANK_CONNECTION.INITIATED", "BANK_CONNECTION.COMPLETED", "BANK_CONNECTION.FAILED"}) {
            types.put(PREFIX + step, ZbdSession.class);
        }
        types.put(PREFIX + "USER_ACCESS_TOKEN.CREATED", ZbdAccessToken.class);
        for (String outcome : new String[] {"INITIATED", "SETTLED", "FAILED"}) {
            types.put(PREFIX + "PAYMENT." + outcome, ZbdPayment.class);
        }
        types.put(PREFIX + "WITHDRAWAL.SUCCEEDED", ZbdWithdrawal.class);
        types.put(PREFIX + "WITHDRAWAL.FAILED", ZbdWithdrawal.class);
        return Collections.unmodifiableMap(types);
    }
}
