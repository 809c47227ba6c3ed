package dev.ramphook.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The history column of migration V5: a named replay appends its line in the replay's own statement; failed
 * attempts are appended by the table's trigger; reading parses the JSON array. Console work only, never on the
 * delivery path.
 */
final class JdbcHistory {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The column with the oldest line dropped when it is full, so the new one keeps it at {@link HistoryEntry#KEPT}. */
    private static final String ROOM = "CASE WHEN jsonb_array_length(COALESCE(history, '[]'::jsonb)) >= "
            + HistoryEntry.KEPT + " THEN history - 0 ELSE COALESCE(history, '[]'::jsonb) END";

    private final String replay;
    private final String read;

    JdbcHistory(JdbcTables tables) {
        String t = tables.events();
        // As the store's replay, plus its line: the attempts made before it, when, and by whom.
        this.replay = "UPDATE " + t + " SET state = 'PENDING', attempts = 0, next_attempt_at = ?, done_at = NULL,"
                + " claimed_by = NULL, lease_until = NULL, history = " + ROOM + " || jsonb_build_array("
                + "jsonb_build_object('at', ?::bigint, 'kind', 'REPLAYED', 'attempt', attempts, 'by', ?::text))"
                + " WHERE provider = ? AND event_key = ? AND state = 'DEAD'";
        this.read = "SELECT history FROM " + t + " WHERE provider = ? AND event_key = ?";
    }

    boolean replay(JdbcCalls jdbc, Connection c, String provider, String key, Instant now, String by)
            throws SQLException {
        try (PreparedStatement ps = jdbc.prepare(c, replay)) {
            JdbcRows.setInstant(ps, 1, now);
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, by);
            ps.setString(4, provider);
            ps.setString(5, key);
            return ps.executeUpdate() == 1;
        }
    }

    List<HistoryEntry> read(JdbcCalls jdbc, Connection c, String provider, String key) throws SQLException {
        String text;
        try (PreparedStatement ps = jdbc.prepare(c, read)) {
            ps.setString(1, provider);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                text = rs.next() ? rs.getString(1) : null;
            }
        }
        if (text == null) {
            return List.of();
        }
        List<HistoryEntry> lines = new ArrayList<>();
        try {
            for (JsonNode line : JSON.readTree(text)) {
                lines.add(new HistoryEntry(Instant.ofEpochMilli(line.path("at").asLong()),
                        HistoryEntry.Kind.valueOf(line.path("kind").asText()), line.path("attempt").asInt(),
                        textOrNull(line, "error"), textOrNull(line, "by")));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SQLException("unreadable event history for " + provider + "/" + key, e);
        }
        return lines;
    }

    private static String textOrNull(JsonNode line, String field) {
        JsonNode v = line.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
