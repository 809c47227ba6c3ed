package dev.ramphook.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Converts between {@link StoredEvent} and table rows: times as timestamptz, headers and handler ids as JSON text. */
final class JdbcRows {

    /** The columns {@link #event(ResultSet)} reads, in a SELECT or RETURNING list. */
    static final String EVENT_COLUMNS =
            "provider, event_key, name, endpoint, body, headers, received_at, attempts, completed_handlers, last_error,"
            + " subject, occurred_at, trace_parent";

    /** Errors are kept for people to read; a handler's multi-megabyte message is cut rather than stored. */
    static final int MAX_ERROR_CHARS = 4000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() { };
    private static final TypeReference<List<String>> IDS = new TypeReference<>() { };

    private JdbcRows() {
    }

    static StoredEvent event(ResultSet rs) throws SQLException {
        byte[] body = rs.getBytes("body");
        return new StoredEvent(rs.getString("provider"), rs.getString("event_key"), rs.getString("name"),
                rs.getString("endpoint"), body == null ? new byte[0] : body,
                fromJson(rs.getString("headers"), HEADERS), instant(rs, "received_at"), rs.getInt("attempts"),
                Set.copyOf(fromJson(rs.getString("completed_handlers"), IDS)), rs.getString("last_error"),
                rs.getString("subject"), instant(rs, "occurred_at"), rs.getString("trace_parent"),
                StoredEvent.Owned.BODY); // the driver's array
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Binds an instant as timestamptz; PostgreSQL keeps microseconds, so finer digits are dropped. */
    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static String headers(Map<String, List<String>> headers) {
        return toJson(headers);
    }

    /** Sorted, so that the stored text does not depend on set iteration order. */
    static String handlerIds(Set<String> ids) {
        return toJson(new TreeSet<>(ids));
    }

    static String error(String error) {
        return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS);
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T fromJson(String text, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            // Only a hand-edited row gets here; name the column type, never the content.
            throw new SQLException("unreadable JSON column in event store row", "22P02", e);
        }
    }
}
