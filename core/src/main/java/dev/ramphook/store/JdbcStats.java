package dev.ramphook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link JdbcEventStore#stats}: two read-only statements on one connection, each answered from existing indexes. The
 * unhandled rows (pending and dead: few, unless something is wrong) are grouped by provider, read through the partial
 * indexes of unclaimed, claimed and dead rows; the handled ones, which may be millions within the retention, are only
 * counted: all rows (the smallest index) less the unhandled ones, in one snapshot. Done rows have no index of their
 * own since schema version 7: every completion wrote an entry into it.
 */
final class JdbcStats {

    private final JdbcCalls jdbc;
    private final String unhandled;
    private final String done;

    JdbcStats(JdbcCalls jdbc, JdbcTables tables) {
        this.jdbc = jdbc;
        String t = tables.events();
        // Pending rows as the two partial indexes of V4 hold them (unclaimed, claimed): the planner matches each
        // branch of the OR to one index, where a plain state = 'PENDING' matches neither.
        String unhandledRows = " FROM " + t + " WHERE (state = 'PENDING' AND claimed_by IS NULL)"
                + " OR (state = 'PENDING' AND claimed_by IS NOT NULL) OR state = 'DEAD'";
        this.unhandled = "SELECT provider, state, count(*) AS events,"
                + " count(*) FILTER (WHERE claimed_by IS NOT NULL AND lease_until > ?) AS in_progress,"
                + " min(received_at) AS oldest" + unhandledRows + " GROUP BY provider, state";
        this.done = "SELECT (SELECT count(*) FROM " + t + ") - (SELECT count(*)" + unhandledRows + ")";
    }

    /** The statement counting unhandled rows by provider and state; one parameter, now. */
    String unhandled() {
        return unhandled;
    }

    StoreStats read(Instant now) {
        return jdbc.call("stats", c -> {
            Map<String, long[]> counts = new HashMap<>(); // provider -> pending, in progress, dead
            Instant oldest = null;
            try (PreparedStatement ps = jdbc.prepare(c, unhandled)) {
                JdbcRows.setInstant(ps, 1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] n = counts.computeIfAbsent(rs.getString("provider"), p -> new long[3]);
                        if ("DEAD".equals(rs.getString("state"))) {
                            n[2] = rs.getLong("events");
                            continue;
                        }
                        n[0] = rs.getLong("events");
                        n[1] = rs.getLong("in_progress");
                        Instant received = JdbcRows.instant(rs, "oldest");
                        if (oldest == null || received.isBefore(oldest)) {
                            oldest = received;
                        }
                    }
                }
            }
            Map<String, StoreStats.Counts> providers = new HashMap<>();
            counts.forEach((provider, n) -> providers.put(provider, new StoreStats.Counts(n[0], n[1], n[2])));
            return new StoreStats(providers, count(c, done), Optional.ofNullable(oldest));
        });
    }

    private long count(Connection c, String query) throws SQLException {
        try (PreparedStatement ps = jdbc.prepare(c, query); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
