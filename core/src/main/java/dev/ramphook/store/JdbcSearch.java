package dev.ramphook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator queries of {@link JdbcEventStore}: search (without bodies or headers, so a page of results stays
 * small whatever the payloads weigh) and one event in full. Every criterion is a bound parameter; the primary key,
 * {@code (received_at, id)} since schema version 8, serves the order and a time range, the dedup index the exact key.
 * A provider, a name, a state or a search text filter the rows read newest first, up to the page
 * (ConsoleSearchPlanTest): a name matches in full or as a short name's tail, an OR no index can serve, and the
 * provider-and-name index that version 3 built for it was never read, only written twice per event (version 8
 * dropped it).
 */
final class JdbcSearch {

    private static final String STATE_COLUMNS = "state, next_attempt_at, ";
    private static final String LIGHT_COLUMNS = JdbcRows.EVENT_COLUMNS
            .replace("body, headers,", "NULL::bytea AS body, '{}' AS headers,");

    private final String table;
    private final JdbcCalls jdbc;

    JdbcSearch(JdbcTables tables, JdbcCalls jdbc) {
        this.table = tables.events();
        this.jdbc = jdbc;
    }

    List<FoundEvent> search(Connection c, EventQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        try (PreparedStatement ps = jdbc.prepare(c, sql(q, args))) {
            bind(ps, q, args);
            List<FoundEvent> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(found(rs));
                }
            }
            return found;
        }
    }

    /** The statement of {@code q}, its criteria's values added to {@code args} (then offset and limit follow). */
    String sql(EventQuery q, List<Object> args) {
        List<String> where = new ArrayList<>();
        criterion(where, args, "provider = ?", q.provider());
        if (q.name() != null) {
            // The full name, or a short name: a tail after a dot (LIKE's wildcards in it escaped, so it stays text).
            // No index serves the OR with a leading wildcard: the rows are read newest first, up to the page.
            where.add("(name = ? OR name LIKE ? ESCAPE '\\')");
            args.add(q.name());
            args.add("%." + q.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        }
        criterion(where, args, "event_key = ?", q.key());
        if (q.text() != null) {
            // strpos, not LIKE: the operator's text is matched as it is, with no pattern characters.
            where.add("(strpos(event_key, ?) > 0 OR strpos(subject, ?) > 0)");
            args.add(q.text());
            args.add(q.text());
        }
        criterion(where, args, "state = ?", q.state() == null ? null : q.state().name());
        criterion(where, args, "received_at >= ?", q.from());
        criterion(where, args, "received_at < ?", q.to());
        return "SELECT " + STATE_COLUMNS + LIGHT_COLUMNS + " FROM " + table
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY received_at DESC, id DESC OFFSET ? LIMIT ?";
    }

    /** Binds the values {@link #sql} collected, then the offset and limit. */
    static void bind(PreparedStatement ps, EventQuery q, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            if (arg instanceof java.time.Instant t) {
                JdbcRows.setInstant(ps, i++, t);
            } else {
                ps.setString(i++, (String) arg);
            }
        }
        ps.setInt(i++, q.offset());
        ps.setInt(i, q.limit());
    }

    Optional<FoundEvent> find(Connection c, String provider, String key) throws SQLException {
        try (PreparedStatement ps = jdbc.prepare(c, "SELECT " + STATE_COLUMNS + JdbcRows.EVENT_COLUMNS + " FROM "
                + table + " WHERE provider = ? AND event_key = ?")) {
            ps.setString(1, provider);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(found(rs)) : Optional.empty();
            }
        }
    }

    private static void criterion(List<String> where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.add(sql);
            args.add(value);
        }
    }

    private static FoundEvent found(ResultSet rs) throws SQLException {
        StoredEvent event = JdbcRows.event(rs);
        EventState state = EventState.valueOf(rs.getString("state"));
        return new FoundEvent(event.provider(), event.key(), state,
                state == EventState.PENDING ? JdbcRows.instant(rs, "next_attempt_at") : null, event);
    }
}
