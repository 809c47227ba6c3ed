package dev.ramphook.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates or upgrades the store's tables. Each version is a SQL resource applied once, recorded in the version
 * table. Everything runs in one transaction under a PostgreSQL advisory lock, so several instances starting at
 * once migrate one after the other, and a failed migration leaves nothing half-done.
 */
final class JdbcSchema {

    /**
     * Migrations in version order, each named {@code V<n>__<what>.sql}. Append only, never edit a released one.
     * Versions are read from the names, not from positions.
     */
    private static final List<String> MIGRATIONS = List.of("V1__create_events.sql", "V2__subjects.sql",
            "V3__console_queries.sql", "V4__unclaimed_and_leased.sql", "V5__attempt_history.sql",
            "V6__trace_parent.sql", "V7__fewer_indexes.sql", "V8__fewer_index_entries.sql");

    /** High half of the advisory lock key, so that our lock does not collide with an application's own ones. */
    private static final long LOCK_NAMESPACE = 0x7261_6D70L << 32; // "ramp"

    private JdbcSchema() {
    }

    /** The schema version this code writes and reads. */
    static int latestVersion() {
        return version(MIGRATIONS.get(MIGRATIONS.size() - 1));
    }

    /** The version in a migration's name: 7 for {@code V6__trace_parent.sql}. */
    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /** Brings the tables to {@link #latestVersion()}; returns the version found before. */
    static int migrate(DataSource dataSource, JdbcTables tables) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int found = migrate(c, tables);
                c.commit();
                return found;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static int migrate(Connection c, JdbcTables tables) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_NAMESPACE | (tables.events().hashCode() & 0xFFFF_FFFFL));
            lock.execute();
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + tables.versions() + " (version integer PRIMARY KEY,"
                    + " script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        }
        java.util.Set<Integer> applied = new java.util.HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + tables.versions())) {
            while (rs.next()) {
                applied.add(rs.getInt(1));
            }
        }
        int found = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (found > latestVersion()) {
            throw new SQLException("event store schema " + tables.versions() + " is at version " + found
                    + ", newer than this ramphook understands (" + latestVersion() + "); upgrade ramphook");
        }
        for (String script : MIGRATIONS) {
            int version = version(script);
            if (applied.contains(version)) { // by version, not by the highest: a gap is filled when it arrives
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String statement : statements(tables.render(resource(script)))) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement done = c.prepareStatement(
                    "INSERT INTO " + tables.versions() + " (version, script) VALUES (?, ?)")) {
                done.setInt(1, version);
                done.setString(2, script);
                done.executeUpdate();
            }
        }
        return found;
    }

    /** Splits a script at semicolons that end a line, dropping comment lines. */
    static List<String> statements(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(sql.toString().split(";\\s*\n"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = JdbcSchema.class.getResourceAsStream("postgresql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
