package dev.ramphook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Orders rows by provider, then event key: the order every writer inserts in (see {@link #write}). */
    private static int compareKeys(StoredEvent a, StoredEvent b) {
        int byProvider = a.provider().compareTo(b.provider());
        return byProvider != 0 ? byProvider : a.key().compareTo(b.key());
    }

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

    /**
     * Keys are found by position, not hashed: the rows are sorted by key once (which the insert needs anyway), a
     * key's copies are then neighbours, and an answer row is found by binary search in that order. On the group
     * commit's thread the old maps of key records (six per row, with the subjects' concatenated texts) were a
     * quarter of its CPU (issue 21).
     */
    private Written write(Connection c, List<Row> rows) throws SQLException {
        int n = rows.size();
        // Every writer inserts in key order, so two batches sharing keys wait on each other, never deadlock. The
        // sort is stable: of a key's copies, the first given comes first and is the one written.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> compareKeys(rows.get(a).event(), rows.get(b).event()));
        int[] uniqueOf = new int[n]; // each row's position in unique: the first copy of its key
        boolean[] firstCopy = new boolean[n];
        List<Row> unique = new ArrayList<>(n);
        boolean subjectHandoff = false;
        for (int s = 0; s < n; s++) {
            int i = order[s];
            Row r = rows.get(i);
            if (!unique.isEmpty() && compareKeys(unique.get(unique.size() - 1).event(), r.event()) == 0) {
                uniqueOf[i] = unique.size() - 1;
                continue;
            }
            uniqueOf[i] = unique.size();
            firstCopy[i] = true;
            unique.add(r);
            subjectHandoff |= r.owner() != null && r.event().subject() != null;
        }
        // Two new events of one subject in one batch: neither is handed off (the claim decides their order).
        if (subjectHandoff) {
            boolean[] shared = sharedSubjects(unique);
            for (int u = 0; u < unique.size(); u++) {
                if (shared[u]) {
                    unique.set(u, unique.get(u).withoutHandoff());
                }
            }
        }
        boolean handoff = false;
        // A hand-off's lease counts from now, not from when its delivery was received: it may have waited for a
        // committer, a connection, a slow database, longer than the lease itself, and been taken over at once.
        long writing = ticker.getAsLong();
        for (int u = 0; u < unique.size(); u++) {
            Row r = unique.get(u).leaseFrom(writing);
            unique.set(u, r);
            handoff |= r.owner() != null;
        }
        Recorded[] found = new Recorded[unique.size()];
        boolean[] handed = new boolean[unique.size()];
        int[] todo = new int[unique.size()];
        for (int u = 0; u < todo.length; u++) {
            todo[u] = u;
        }
        for (int tries = 0; todo.length > 0; tries++) {
            if (tries == VANISHED_TRIES) {
                throw new SQLException("event vanished while being recorded");
            }
            boolean[] inserted = insert(c, tries == 0 ? unique : rowsAt(unique, todo), handoff, todo, handed);
            int conflicting = 0;
            for (int t = 0; t < todo.length; t++) {
                if (inserted[t]) {
                    found[todo[t]] = Recorded.NEW;
                } else {
                    todo[conflicting++] = todo[t];
                }
            }
            todo = states(c, unique, Arrays.copyOf(todo, conflicting), found);
        }
        Recorded[] answers = new Recorded[n];
        boolean[] handedOff = new boolean[n];
        for (int i = 0; i < n; i++) {
            int u = uniqueOf[i];
            Recorded first = found[u];
            answers[i] = firstCopy[i] || first != Recorded.NEW ? first : Recorded.PENDING;
            handedOff[i] = firstCopy[i] && first == Recorded.NEW && handed[u];
        }
        return new Written(answers, handedOff);
    }

    /** Which of {@code unique} share their provider and subject with another of them. */
    private static boolean[] sharedSubjects(List<Row> unique) {
        boolean[] shared = new boolean[unique.size()];
        Map<String, Integer> firstWith = new HashMap<>(); // by the subject's text alone: its hash is cached
        for (int u = 0; u < unique.size(); u++) {
            StoredEvent e = unique.get(u).event();
            if (e.subject() == null) {
                continue;
            }
            Integer seen = firstWith.putIfAbsent(e.subject(), u);
            if (seen == null) {
                continue;
            }
            for (int v = seen; v < u; v++) { // the same text of another provider is another subject
                StoredEvent other = unique.get(v).event();
                if (e.subject().equals(other.subject()) && e.provider().equals(other.provider())) {
                    shared[v] = true;
                    shared[u] = true;
                }
            }
        }
        return shared;
    }

    private static List<Row> rowsAt(List<Row> rows, int[] positions) {
        List<Row> at = new ArrayList<>(positions.length);
        for (int p : positions) {
            at.add(rows.get(p));
        }
        return at;
    }

    /**
     * The position in {@code rows} (sorted by key) of the row of {@code provider} and {@code key}, or -1. An answer
     * row is usually the next one ({@code from}): the insert returns them in the order given.
     */
    private static int find(List<Row> rows, int from, String provider, String key) {
        if (from < rows.size() && isKey(rows.get(from).event(), provider, key)) {
            return from;
        }
        int low = 0;
        int high = rows.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            StoredEvent e = rows.get(mid).event();
            int cmp = e.provider().compareTo(provider);
            if (cmp == 0) {
                cmp = e.key().compareTo(key);
            }
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static boolean isKey(StoredEvent e, String provider, String key) {
        return e.key().equals(key) && e.provider().equals(provider);
    }

    /**
     * Inserts {@code rows} (sorted by key; {@code positions} their places in the batch's unique rows); returns which
     * of them were inserted, and marks in {@code handed} (by place) those recorded claimed.
     */
    private boolean[] insert(Connection c, List<Row> rows, boolean handoff, int[] positions, boolean[] handed)
            throws SQLException {
        try (PreparedStatement ps = jdbc.prepare(c, handoff ? locked : insert)) {
            int p = 0;
            if (handoff) {
                // The subjects of the rows to hand off, for their locks.
                ps.setObject(1, texts(rows, e -> handing(rows, e) ? rows.get(e).event().provider() : null));
                ps.setObject(2, texts(rows, e -> handing(rows, e) ? rows.get(e).event().subject() : null));
                p = 2;
            }
            bindRows(c, ps, p, rows);
            if (handoff) {
                ps.execute(); // the locks' count, then the insert's rows
                if (!ps.getMoreResults()) {
                    throw new SQLException("the driver returned no rows for the insert after the subject locks");
                }
            }
            boolean[] inserted = new boolean[rows.size()];
            try (ResultSet rs = handoff ? ps.getResultSet() : ps.executeQuery()) {
                int next = 0;
                while (rs.next()) {
                    int at = find(rows, next, rs.getString(1), rs.getString(2));
                    if (at < 0) {
                        throw new SQLException("the insert returned a row it was not given");
                    }
                    inserted[at] = true;
                    if (rs.getBoolean(3)) {
                        handed[positions[at]] = true;
                    }
                    next = at + 1;
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

    /**
     * Binds the rows' columns as arrays, one per column. Each array is given to {@code setObject} as the Java array
     * it is, which the PostgreSQL driver binds in its binary form at once: through {@code createArrayOf} it looked
     * the type up by name and built an {@code Array} first, one more call through the pool's proxy (reflective in
     * the driver's own pool) for each of 16 arrays per batch (issue 21).
     */
    static void bindRows(Connection c, PreparedStatement ps, int p, List<Row> rows) throws SQLException {
        ps.setObject(p + 1, texts(rows, e -> rows.get(e).event().provider()));
        ps.setObject(p + 2, texts(rows, e -> rows.get(e).event().key()));
        ps.setObject(p + 3, texts(rows, e -> rows.get(e).event().name()));
        ps.setObject(p + 4, texts(rows, e -> rows.get(e).event().endpoint()));
        byte[][] bodies = new byte[rows.size()][];
        int[] attempts = new int[rows.size()];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = rows.get(i).event().sharedBody();
            attempts[i] = rows.get(i).event().attempts();
        }
        ps.setObject(p + 5, bodies);
        ps.setObject(p + 6, texts(rows, e -> JdbcRows.headers(rows.get(e).event().headers())));
        String[] received = texts(rows, e -> text(rows.get(e).event().receivedAt()));
        ps.setObject(p + 7, received);
        ps.setObject(p + 8, attempts);
        // A delivery's record time is its receive time (the receiver reads its clock once): the same text.
        ps.setObject(p + 9, texts(rows, e -> rows.get(e).now().equals(rows.get(e).event().receivedAt())
                ? received[e] : text(rows.get(e).now())));
        ps.setObject(p + 10, texts(rows, e -> JdbcRows.handlerIds(rows.get(e).event().completedHandlers())));
        ps.setObject(p + 11, texts(rows, e -> JdbcRows.error(rows.get(e).event().lastError())));
        ps.setObject(p + 12, texts(rows, e -> rows.get(e).event().subject()));
        ps.setObject(p + 13, texts(rows, e -> text(rows.get(e).event().occurredAt())));
        ps.setObject(p + 14, texts(rows, e -> rows.get(e).owner()));
        ps.setObject(p + 15, texts(rows, e -> text(rows.get(e).leaseUntil())));
        ps.setObject(p + 16, texts(rows, e -> rows.get(e).event().traceParent()));
    }

    /**
     * Puts the states of the rows of {@code unique} at {@code positions} into {@code found} (by position); returns
     * the positions of those that were not there (pruned since).
     */
    private int[] states(Connection c, List<Row> unique, int[] positions, Recorded[] found) throws SQLException {
        if (positions.length == 0) {
            return positions;
        }
        List<Row> rows = rowsAt(unique, positions);
        boolean[] read = new boolean[rows.size()];
        try (PreparedStatement ps = jdbc.prepare(c, states)) {
            ps.setObject(1, texts(rows, e -> rows.get(e).event().provider()));
            ps.setObject(2, texts(rows, e -> rows.get(e).event().key()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int at = find(rows, 0, rs.getString("provider"), rs.getString("event_key"));
                    if (at < 0) {
                        continue; // not one of ours (cannot happen: the join is on our keys)
                    }
                    read[at] = true;
                    String state = rs.getString("state");
                    String claimedBy = rs.getString("claimed_by");
                    Instant leaseUntil = JdbcRows.instant(rs, "lease_until");
                    boolean claimed = claimedBy != null && leaseUntil != null
                            && leaseUntil.isAfter(rows.get(at).now());
                    found[positions[at]] = switch (state) {
                        case "DONE" -> Recorded.DONE;
                        case "DEAD" -> Recorded.DEAD;
                        default -> claimed ? Recorded.IN_PROGRESS : Recorded.PENDING;
                    };
                }
            }
        }
        int vanished = 0;
        for (int at = 0; at < rows.size(); at++) {
            if (!read[at]) {
                positions[vanished++] = positions[at];
            }
        }
        return Arrays.copyOf(positions, vanished);
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

    /** A column's values, bound with {@code setObject} as a text array (see {@link #bindRows}). */
    private static String[] texts(List<Row> rows, IntFunction<String> value) {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(i);
        }
        return values;
    }

    /** ISO-8601, which PostgreSQL reads as timestamptz (to the microsecond, like a bound instant). */
    private static String text(Instant instant) {
        return JdbcRows.text(instant);
    }
}
