package dev.ramphook.crash;

import dev.ramphook.EventHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A table in the test database where handlers write down every run: which event, which attempt, which receiver.
 * It has no unique constraint on purpose, so a second run of one event shows up as a second row, even when the
 * run happened in a process that was killed afterwards.
 */
public final class HandledLog {

    private final DataSource dataSource;
    private final String table;

    public HandledLog(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.table = prefix + "handled";
    }

    public HandledLog create() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id bigserial PRIMARY KEY,"
                    + " event_key text NOT NULL, attempt int NOT NULL, receiver text NOT NULL)");
        }
        return this;
    }

    /** A handler that writes one row per run, committed before it returns. */
    public EventHandler handler(String receiver) {
        return (event, context) -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         "INSERT INTO " + table + " (event_key, attempt, receiver) VALUES (?, ?, ?)")) {
                ps.setString(1, event.key());
                ps.setInt(2, context.attempt());
                ps.setString(3, receiver);
                ps.executeUpdate();
            }
        };
    }

    /** Every run so far, per event key: the attempt numbers, in the order they ran. */
    public Map<String, List<Integer>> runs() throws SQLException {
        Map<String, List<Integer>> runs = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_key, attempt FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                runs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
            }
        }
        return runs;
    }

    /** The keys of the events that {@code receiver} ran. */
    public java.util.Set<String> keysRunBy(String receiver) throws SQLException {
        java.util.Set<String> keys = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT event_key FROM " + table + " WHERE receiver = ?")) {
            ps.setString(1, receiver);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /** Which receivers ran anything. */
    public List<String> receivers() throws SQLException {
        List<String> receivers = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT receiver FROM " + table + " ORDER BY receiver")) {
            while (rs.next()) {
                receivers.add(rs.getString(1));
            }
        }
        return receivers;
    }
}
