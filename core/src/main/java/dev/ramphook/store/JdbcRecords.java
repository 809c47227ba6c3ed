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
import java.util.function.LongSupplier;

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
    private final LongSupplier ticker;
    private final String insert;
    private final String locked;
    private final String states;

    JdbcRecords(JdbcCalls jdbc, JdbcTables tables, LongSupplier ticker) {
        this.jdbc = jdbc;
        this.ticker = ticker;
        String t = tables.events();
        // WITH ORDINALITY ... ORDER BY: rows get their ids in the order given (sorted by key, see below). A row to
        // hand off (an owner given) is inserted claimed by that owner, under its lease, as its first attempt, unless
        // its subject has another pending event: then it waits for a claim in subject order like any other. Its lease
        // counts from the insert: the time it waited for the subjects' locks is added here, the time it waited
        // before the statement in write(); in the caller's clock either way (only durations are added), as every
        // other lease is, so that a claimer comparing with its own clock never sees a fresh hand-off as expired.
        // The subject's earlier pending event is looked up row by row in the subjects' index whatever the statistics
        // (HandoffInsertPlanTest): a LATERAL with LIMIT cannot become a hashed subplan, and its ORDER BY is that
        // index's order, so no other index ties with it. As NOT EXISTS, the plan a connection kept from an empty
        // table read every pending row through the due index, three times per statement (once per use of h).
        this.insert = "INSERT INTO " + t + " (provider, event_key, name, endpoint, body, headers, received_at, state,"
                + " attempts, next_attempt_at, completed_handlers, last_error, subject, occurred_at, claimed_by,"
                + " lease_until, trace_parent)"
                + " SELECT provider, event_key, name, endpoint, body, headers, received_at, 'PENDING',"
                + " attempts + CASE WHEN h THEN 1 ELSE 0 END, next_attempt_at, completed_handlers, last_error, subject,"
                + " occurred_at, CASE WHEN h THEN owner END,"
                + " CASE WHEN h THEN lease_until + (clock_timestamp() - transaction_timestamp()) END, trace_parent"
                + " FROM (SELECT r.*, r.owner IS NOT NULL AND (r.subject IS NULL OR b.busy IS NULL) AS h"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::timestamptz[],"
                + " ?::int4[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],"
                + " ?::timestamptz[], ?::text[]) WITH ORDINALITY"
                + " AS r(provider, event_key, name, endpoint, body, headers, received_at, attempts, next_attempt_at,"
                + " completed_handlers, last_error, subject, occurred_at, owner, lease_until, trace_parent, n)"
                + " LEFT JOIN LATERAL (SELECT true AS busy FROM " + t + " o WHERE o.provider = r.provider"
                + " AND o.subject = r.subject AND o.state = 'PENDING' ORDER BY o.provider, o.subject LIMIT 1) b"
                + " ON true) r"
                + " ORDER BY n"
                + " ON CONFLICT (provider, event_key) DO NOTHING RETURNING provider, event_key, claimed_by IS NOT NULL";
        // Before a hand-off, the subjects' locks that claimers take (JdbcStatements), in one order, held to the
        // commit: the insert's check for an earlier pending event then runs in a snapshot taken after every other
        // claim or hand-off of those subjects committed, and none starts before ours commits. Sent with the insert
        // as one statement text (the driver sends both at once), in a transaction of its own.
        this.locked = "SELECT count(pg_advisory_xact_lock(" + t.hashCode() + ", h)) FROM (SELECT DISTINCT"
                + " hashtext(p || ':' || s) AS h FROM unnest(?::text[], ?::text[]) AS k(p, s) WHERE s IS NOT NULL"
                + " ORDER BY 1) l; " + insert;
        this.states = "SELECT e.provider, e.event_key, e.state, e.claimed_by, e.lease_until FROM " + t + " e"
                + " JOIN unnest(?::text[], ?::text[]) AS k(provider, event_key)"
                + " ON e.provider = k.provider AND e.event_key = k.event_key";
    }

    /**
     * One event to record, with its caller's receive time; with an owner, to be handed off: recorded already
     * claimed by {@code owner} until {@code leaseUntil} when it is new and its subject has no other pending event,
     * {@code leaseUntil} moved on by however long the row waited after {@code queuedAt} (the store's ticker).
     */
    record Row(StoredEvent event, Instant now, String owner, Instant leaseUntil, long queuedAt) {
        Row(StoredEvent event, Instant now) {
            this(event, now, null, null, 0);
        }

        Row withoutHandoff() {
            return owner == null ? this : new Row(event, now);
        }

        /** This row with its lease moved on by the time it waited since it was queued, up to {@code writing}. */
        Row leaseFrom(long writing) {
            long waited = writing - queuedAt;
            return owner == null || waited <= 0 ? this
                    : new Row(event, now, owner, leaseUntil.plusNanos(waited), writing);
        }
    }

    /** The answers, in the rows' order, and which rows were recorded claimed by their owner (handed off). */
    record Written(Recorded[] answers, boolean[] handed) {
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
    Written recordAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return new Written(new Recorded[0], new boolean[0]);
        }
        for (Row r : rows) {
            if (r.owner() != null) {
                // A hand-off takes its subjects' locks first: a transaction, so that they are held to the commit.
                return jdbc.transaction("record", c -> write(c, rows));
            }
        }
        return jdbc.call("record", c -> write(c, rows));
    }

    private Written write(Connection c, List<Row> rows) throws SQLException {
        Map<Key, Integer> firsts = new HashMap<>();
        List<Row> unique = new ArrayList<>(rows.size());
        Map<String, Integer> subjects = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (firsts.putIfAbsent(Key.of(r.event()), i) == null) {
                unique.add(r);
                if (r.event().subject() != null) {
                    subjects.merge(r.event().provider() + ':' + r.event().subject(), 1, Integer::sum);
                }
            }
        }
        // Two new events of one subject in one batch: neither is handed off (the claim decides their order).
        boolean handoff = false;
        for (int i = 0; i < unique.size(); i++) {
            Row r = unique.get(i);
            if (r.owner() != null && r.event().subject() != null
                    && subjects.get(r.event().provider() + ':' + r.event().subject()) > 1) {
                unique.set(i, r.withoutHandoff());
            }
            handoff |= unique.get(i).owner() != null;
        }
        // A hand-off's lease counts from now, not from when its delivery was received: it may have waited for a
        // committer, a connection, a slow database, longer than the lease itself, and been taken over at once.
        long writing = ticker.getAsLong();
        for (int i = 0; i < unique.size(); i++) {
            unique.set(i, unique.get(i).leaseFrom(writing));
        }
        // Every writer inserts in key order, so two batches sharing keys wait on each other, never deadlock.
        unique.sort(BY_KEY);
        Map<Key, Recorded> found = new HashMap<>();
        Set<Key> handed = new HashSet<>();
        List<Row> todo = unique;
        for (int tries = 0; !todo.isEmpty(); tries++) {
            if (tries == VANISHED_TRIES) {
                throw new SQLException("event vanished while being recorded");
            }
            Set<Key> inserted = insert(c, todo, handoff, handed);
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
        boolean[] handedOff = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Key key = Key.of(rows.get(i).event());
            Recorded first = found.get(key);
            boolean firstCopy = firsts.get(key) == i;
            answers[i] = firstCopy || first != Recorded.NEW ? first : Recorded.PENDING;
            handedOff[i] = firstCopy && first == Recorded.NEW && handed.contains(key);
        }
        return new Written(answers, handedOff);
    }

    /** Inserts {@code rows}; returns the keys inserted, and puts those recorded claimed into {@code handed}. */
    private Set<Key> insert(Connection c, List<Row> rows, boolean handoff, Set<Key> handed) throws SQLException {
        try (PreparedStatement ps = jdbc.prepare(c, handoff ? locked : insert)) {
            int p = 0;
            if (handoff) {
                // The subjects of the rows to hand off, for their locks.
                ps.setArray(1, texts(c, rows, e -> handing(rows, e) ? rows.get(e).event().provider() : null));
                ps.setArray(2, texts(c, rows, e -> handing(rows, e) ? rows.get(e).event().subject() : null));
                p = 2;
            }
            bindRows(c, ps, p, rows);
            if (handoff) {
                ps.execute(); // the locks' count, then the insert's rows
                if (!ps.getMoreResults()) {
                    throw new SQLException("the driver returned no rows for the insert after the subject locks");
                }
            }
            Set<Key> inserted = new HashSet<>();
            try (ResultSet rs = handoff ? ps.getResultSet() : ps.executeQuery()) {
                while (rs.next()) {
                    Key key = new Key(rs.getString(1), rs.getString(2));
                    inserted.add(key);
                    if (rs.getBoolean(3)) {
                        handed.add(key);
                    }
                }
            }
            return inserted;
        }
    }

    private static boolean handing(List<Row> rows, int row) {
        return rows.get(row).owner() != null;
    }

    /** The insert of {@link #write} without the subjects' locks before it; its parameters as {@link #bindRows} binds them. */
    String insert() {
        return insert;
    }

    static void bindRows(Connection c, PreparedStatement ps, int p, List<Row> rows) throws SQLException {
        ps.setArray(p + 1, texts(c, rows, e -> rows.get(e).event().provider()));
        ps.setArray(p + 2, texts(c, rows, e -> rows.get(e).event().key()));
        ps.setArray(p + 3, texts(c, rows, e -> rows.get(e).event().name()));
        ps.setArray(p + 4, texts(c, rows, e -> rows.get(e).event().endpoint()));
        byte[][] bodies = new byte[rows.size()][];
        Integer[] attempts = new Integer[rows.size()];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = rows.get(i).event().sharedBody();
            attempts[i] = rows.get(i).event().attempts();
        }
        ps.setArray(p + 5, c.createArrayOf("bytea", bodies));
        ps.setArray(p + 6, texts(c, rows, e -> JdbcRows.headers(rows.get(e).event().headers())));
        ps.setArray(p + 7, texts(c, rows, e -> text(rows.get(e).event().receivedAt())));
        ps.setArray(p + 8, c.createArrayOf("int4", attempts));
        ps.setArray(p + 9, texts(c, rows, e -> text(rows.get(e).now())));
        ps.setArray(p + 10, texts(c, rows, e -> JdbcRows.handlerIds(rows.get(e).event().completedHandlers())));
        ps.setArray(p + 11, texts(c, rows, e -> JdbcRows.error(rows.get(e).event().lastError())));
        ps.setArray(p + 12, texts(c, rows, e -> rows.get(e).event().subject()));
        ps.setArray(p + 13, texts(c, rows, e -> text(rows.get(e).event().occurredAt())));
        ps.setArray(p + 14, texts(c, rows, e -> rows.get(e).owner()));
        ps.setArray(p + 15, texts(c, rows, e -> text(rows.get(e).leaseUntil())));
        ps.setArray(p + 16, texts(c, rows, e -> rows.get(e).event().traceParent()));
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
        return JdbcRows.text(instant);
    }
}
