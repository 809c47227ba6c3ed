package dev.ramphook.store;

import java.util.regex.Pattern;

/**
 * The validated names of the store's tables. Names are spliced into SQL, so only plain lower-case identifiers are
 * accepted: nothing needs quoting and nothing can inject.
 */
record JdbcTables(String schema, String prefix) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    JdbcTables {
        if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must match " + IDENTIFIER + ", got " + schema);
        }
        if (!prefix.isEmpty() && !IDENTIFIER.matcher(prefix).matches()) {
            throw new IllegalArgumentException("table prefix must match " + IDENTIFIER + " or be empty, got " + prefix);
        }
    }

    /** The events table, schema-qualified when a schema is configured. */
    String events() {
        return qualified("events");
    }

    /** The table that lists applied schema versions. */
    String versions() {
        return qualified("schema_version");
    }

    private String qualified(String table) {
        return (schema == null ? "" : schema + ".") + prefix + table;
    }

    /**
     * Replaces the placeholders of a SQL template: {@code ${events}}, the table; {@code ${prefix}}, the prefix of a
     * name created beside it (an index is created in its table's schema); {@code ${index_prefix}}, the same prefix
     * schema-qualified, to name an existing index (DROP INDEX looks for an unqualified name on the search path).
     */
    String render(String sql) {
        return sql.replace("${events}", events()).replace("${index_prefix}", qualified(""))
                .replace("${prefix}", prefix);
    }
}
