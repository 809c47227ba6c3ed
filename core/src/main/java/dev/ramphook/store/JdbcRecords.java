package dev.ramphook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Records many events in one transaction: one multi-row {@code INSERT ... ON CONFLICT DO NOTHING RETURNING} over
 * arrays (one statement text whatever the batch size, so the driver's prepared statement is reused), then, only when
 * some keys were there already, one {@code SELECT} of those rows' states. Each event gets what {@link
 * EventStore#record} would have answered it alone: {@code NEW} for the first copy of a key, the recorded copy's state
 * for the others (a later copy of a key new in this batch is {@code PENDING}, as it would be right after the first).
 */
final class JdbcRecords {

    /** A row the database reported gone between our insert's conflict and our read (pruned); inserted again. */
    private static final int VANISHED_TRIES = 3;

    private final JdbcCalls jdbc;
    private final String insert;
    private final String states;

    JdbcRecords(JdbcCalls jdbc, JdbcTables tables) {
        this.jdbc = jdbc;
        String t = tables.events();
        // WITH ORDINALITY ... ORDER BY: rows get their ids in the order given (sorted by key, see below).
        this.insert = "INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at, state,"
                + " attempts, next_attempt_at, completed_handlers, last_error, subject, occurred_at, trace_parent)"
                + " SELECT provider, event_key, name, endpoint, body, headers, received_at, 'PENDING', attempts,"
                + " next_attempt_at, completed_handlers, last_error, subject, occurred_at, trace_parent"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::timestamptz[],"
                + " ?::int4[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])"
                + " WITH ORDINALITY AS r(provider, event_key, name, endpoint, body, headers, received_at, attempts,"
                + " next_attempt_at, completed_handlers, last_error, subject, occurred_at, trace_parent, n) ORDER BY n"
                + " ON CONFLICT (provider, event_key) DO NOTHING RETURNING provider, event_key";
        this.states = "SELECT e.provider, e.event_key, e.state, e.claimed_by, e.lease_until FROM " + t + " e"
                + " JOIN unnest(?::text[], ?::text[]) AS k(provider, event_key)"
                + " ON e.provider = k.provider AND e.event_key = k.event_key";
    }

    /** One event to record, with its caller's receive time. */
    record Row(StoredEvent event, Instant now) {
    }

    private record Key(String provider, String key) {
        static Key of(StoredEvent e) {
            return new Key(e.provider(), e.key());
        }
    }

    private static final Comparator<Row> BY_KEY = Comparator.comparing((Row r) -> r.event().provider())
            .thenComparing(r -> r.event().key());

    /**
     * Records {@code rows} with one insert statement, which commits on its own (auto-commit: no extra round trip for
     * a COMMIT, so a record alone costs what a single-row insert does); the duplicates' states are read after it,
     * as a later delivery of the same key would read them. The answers are in the rows' order.
     *
     * @throws StoreException when the insert failed (nothing of it was recorded), or the read after it
     */
    Recorded[] recordAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return new Recorded[0];
        }
        return jdbc.call("record", c -> write(c, rows));
    }

    private Recorded[] write(Connection c, List<Row> rows) throws SQLException {
        Map<Key, Integer> firsts = new HashMap<>();
        List<Row> unique = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (firsts.putIfAbsent(Key.of(rows.get(i).event()), i) == null) {
                unique.add(rows.get(i));
            }
        }
        // Every writer inserts in key order, so two batches sharing keys wait on each other, never deadlock.
        unique.sort(BY_KEY);
        Map<Key, Recorded> found = new HashMap<>();
        List<Row> todo = unique;
        for (int tries = 0; !todo.isEmpty(); tries++) {
            if (tries == VANISHED_TRIES) {
                throw new SQLException("event vanished while being recorded");
            }
            Set<Key> inserted = insert(c, todo);
            List<Row> conflicting = new ArrayList<>();
            for (Row r : todo) {
                if (inserted.contains(Key.of(r.event()))) {
                    found.put(Key.of(r.event()), Recorded.NEW);
                } else {
                    conflicting.add(r);
                }
            }
            todo = states(c, conflicting, found);
        }
        Recorded[] answers = new Recorded[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Key key = Key.of(rows.get(i).event());
            Recorded first = found.get(key);
            answers[i] = firsts.get(key) == i || first != Recorded.NEW ? first : Recorded.PENDING;
        }
        return answers;
    }

    private Set<Key> insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = jdbc.prepare(c, insert)) {
            ps.setArray(1, texts(c, rows, e -> rows.get(e).event().provider()));
            ps.setArray(2, texts(c, rows, e -> rows.get(e).event().key()));
            ps.setArray(3, texts(c, rows, e -> rows.get(e).event().name()));
            ps.setArray(4, texts(c, rows, e -> rows.get(e).event().endpoint()));
            byte[][] bodies = new byte[rows.size()][];
            Integer[] attempts = new Integer[rows.size()];
            for (int i = 0; i < bodies.length; i++) {
                bodies[i] = rows.get(i).event().sharedBody();
                attempts[i] = rows.get(i).event().attempts();
            }
            ps.setArray(5, c.createArrayOf("bytea", bodies));
            ps.setArray(6, texts(c, rows, e -> JdbcRows.headers(rows.get(e).event().headers())));
            ps.setArray(7, texts(c, rows, e -> text(rows.get(e).event().receivedAt())));
            ps.setArray(8, c.createArrayOf("int4", attempts));
            ps.setArray(9, texts(c, rows, e -> text(rows.get(e).now())));
            ps.setArray(10, texts(c, rows, e -> JdbcRows.handlerIds(rows.get(e).event().completedHandlers())));
            ps.setArray(11, texts(c, rows, e -> JdbcRows.error(rows.get(e).event().lastError())));
            ps.setArray(12, texts(c, rows, e -> rows.get(e).event().subject()));
            ps.setArray(13, texts(c, rows, e -> text(rows.get(e).event().occurredAt())));
            ps.setArray(14, texts(c, rows, e -> rows.get(e).event().traceParent()));
            Set<Key> inserted = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(new Key(rs.getString(1), rs.getString(2)));
                }
            }
            return inserted;
        }
    }

    /** Puts the states of {@code rows} into {@code found}; returns the rows that were not there (pruned since). */
    private List<Row> states(Connection c, List<Row> rows, Map<Key, Recorded> found) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        record State(String state, String claimedBy, Instant leaseUntil) {
        }
        Map<Key, State> read = new HashMap<>();
        try (PreparedStatement ps = jdbc.prepare(c, states)) {
            ps.setArray(1, texts(c, rows, e -> rows.get(e).event().provider()));
            ps.setArray(2, texts(c, rows, e -> rows.get(e).event().key()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.put(new Key(rs.getString("provider"), rs.getString("event_key")),
                            new State(rs.getString("state"), rs.getString("claimed_by"),
                                    JdbcRows.instant(rs, "lease_until")));
                }
            }
        }
        List<Row> vanished = new ArrayList<>();
        for (Row r : rows) {
            State s = read.get(Key.of(r.event()));
            if (s == null) {
                vanished.add(r);
                continue;
            }
            boolean claimed = s.claimedBy() != null && s.leaseUntil() != null && s.leaseUntil().isAfter(r.now());
            found.put(Key.of(r.event()), switch (s.state()) {
                case "DONE" -> Recorded.DONE;
                case "DEAD" -> Recorded.DEAD;
                default -> claimed ? Recorded.IN_PROGRESS : Recorded.PENDING;
            });
        }
        return vanished;
    }

    /**
     * True when a failed batch may have failed for one of its rows (a value the database refused, a deadlock), so
     * that recording its rows one by one lets the others through; false when the database is unreachable or too slow,
     * where trying again row by row would only multiply the wait.
     */
    static boolean mayBeOneRow(StoreException failure) {
        if (!(failure.getCause() instanceof SQLException e) || e instanceof SQLTimeoutException) {
            return false;
        }
        String state = e.getSQLState();
        return state != null && !state.startsWith("08") && !state.equals("57014");
    }

    private static java.sql.Array texts(Connection c, List<Row> rows, IntFunction<String> value) throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(i);
        }
        return c.createArrayOf("text", values);
    }

    /** ISO-8601, which PostgreSQL reads as timestamptz (to the microsecond, like a bound instant). */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
