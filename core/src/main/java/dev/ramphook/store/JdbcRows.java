package dev.ramphook.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.internal.text.InstantText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
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

    /**
     * Binds an instant for a timestamptz parameter: its ISO-8601 text, of a type the statement infers (as the
     * arrays' texts are bound). Not as an {@code OffsetDateTime}: the driver built a {@code TimestampUtils} and its
     * {@code GregorianCalendar} per statement for that (a tenth of the completion writer's CPU, issue 21). PostgreSQL
     * keeps microseconds; finer digits are rounded half up first, as the driver rounded them, so the stored instants
     * are the ones it stored (JdbcInstantBindingTest). A null is bound of the same inferred type, so a statement is
     * not prepared again when its parameter alternates between null and an instant.
     */
    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, java.sql.Types.OTHER);
        } else {
            ps.setObject(index, text(toMicros(instant)), java.sql.Types.OTHER);
        }
    }

    /** The instant to the microsecond, half up, as the driver rounds an {@code OffsetDateTime} it binds. */
    static Instant toMicros(Instant instant) {
        int finer = instant.getNano() % 1_000;
        if (finer == 0) {
            return instant;
        }
        Instant truncated = instant.minusNanos(finer);
        return finer > 499 ? truncated.plusNanos(1_000) : truncated;
    }

    /**
     * The headers as a JSON object of string arrays, the text Jackson writes for the map (same order, same escapes),
     * written by hand: this runs for every recorded event on the group commit's thread, where Jackson's serializer
     * look-ups and buffers were a quarter of its CPU.
     */
    static String headers(Map<String, List<String>> headers) {
        if (headers.isEmpty()) {
            return "{}";
        }
        StringBuilder b = new StringBuilder(64 * headers.size()); // a header and its value: rarely more
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            if (h.getKey() == null) {
                return toJson(headers); // Jackson's own answer for what no request can carry
            }
            string(b, h.getKey());
            b.append(':');
            strings(b, h.getValue());
        }
        return b.append('}').toString();
    }

    /** Sorted, so that the stored text does not depend on set iteration order. */
    static String handlerIds(Set<String> ids) {
        if (ids.isEmpty()) {
            return "[]"; // every first attempt
        }
        return strings(new StringBuilder(16 * ids.size() + 2), new TreeSet<>(ids)).toString();
    }

    private static StringBuilder strings(StringBuilder b, java.util.Collection<String> values) {
        if (values == null) {
            return b.append("null");
        }
        b.append('[');
        boolean first = true;
        for (String v : values) {
            if (!first) {
                b.append(',');
            }
            first = false;
            if (v == null) {
                b.append("null");
            } else {
                string(b, v);
            }
        }
        return b.append(']');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A JSON string as Jackson writes it by default: quote, backslash and control characters escaped, nothing else. */
    private static void string(StringBuilder b, String s) {
        b.append('"');
        int from = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        b.append(s, from, s.length()).append('"');
    }

    /**
     * {@link Instant#toString()}'s text (ISO-8601, UTC), which PostgreSQL reads as timestamptz, written without a
     * formatter ({@link InstantText}): four per recorded event.
     */
    static String text(Instant instant) {
        return instant == null ? null : InstantText.append(new StringBuilder(30), instant).toString();
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
