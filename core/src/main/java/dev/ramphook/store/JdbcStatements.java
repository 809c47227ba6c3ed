package dev.ramphook.store;

/**
 * The store's SQL, rendered once for the configured tables. PostgreSQL dialect: {@code ON CONFLICT},
 * {@code FOR UPDATE SKIP LOCKED}, {@code RETURNING}.
 *
 * <p>A row is claimed when {@code claimed_by} is set and {@code lease_until} is in the future; an expired lease
 * is claimable again. Writes that end a claim (complete, fail, release) match {@code claimed_by = owner}, so an
 * owner whose lease was taken over cannot overwrite the newer claim's outcome.
 */
record JdbcStatements(JdbcTables tables, String claimOne, String claimDue,
                       String take, String renew, String complete, String completeAll, String fail,
                       String release, String deadLetters, String replay, String prune) {

    /** Claims renewed per statement: a renewal of many claims is several short statements, none waiting long. */
    static final int RENEW_BATCH = 1_000;

    /** Rows deleted per prune statement. */
    static final int PRUNE_BATCH = 5_000;

    /**
     * Sent before the statements that update {@code FROM} a list of rows (take, renew, completeAll), in their
     * transaction: the update's target is then found row by row by its primary key whatever the statistics. The plan a
     * connection makes while the table is empty is kept until autovacuum's first ANALYZE, and joined the target by
     * hash over a sequential scan of the whole table (CompletionPlanTest). {@code SET LOCAL}: the connection, the
     * application's, keeps its own settings after the commit.
     */
    static final String PER_ROW = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;"
            + " SET LOCAL enable_seqscan = off; ";

    /**
     * Sent before the group completion, in its transaction: its commit returns without waiting for its WAL to reach
     * the disk (the WAL writer flushes it within {@code wal_writer_delay}, 200 ms by default, or the next
     * synchronous commit does). A database crash in that window loses only done marks, whose events then run again
     * after their lease, as after a process dying before its done mark (docs/durable-storage.md, "At least once, at
     * the edges"). Records, claims, renewals, retries and dead letters stay synchronous: nothing acknowledged, and
     * no claim or outcome that decides who may run an event, is ever lost.
     */
    static final String DONE_MARK_ASYNC = "SET LOCAL synchronous_commit TO off; ";

    private static final String CLAIMABLE = "e.state = 'PENDING' AND (e.lease_until IS NULL OR e.lease_until <= ?)";
    private static final String HELD = "provider = ? AND event_key = ? AND state = 'PENDING' AND claimed_by = ?";

    static JdbcStatements of(JdbcTables tables) {
        String t = tables.events();
        // Recording is JdbcRecords' (many events per statement).
        // Claiming is two statements in one transaction. First the candidates: claimable, and with a subject only
        // the subject's first pending event while no other is claimed; each subject's candidate also takes the
        // subject's advisory lock, so that two claimers never decide about one subject at the same time.
        String inOrder = inOrder(t);
        String lock = " SELECT received_at, id FROM c WHERE subject IS NULL OR pg_try_advisory_xact_lock("
                + tables.events().hashCode() + ", hashtext(provider || ':' || subject))";
        String claimOne = "WITH c AS (SELECT e.received_at, e.id, e.provider, e.subject FROM " + t + " e"
                + " WHERE e.provider = ? AND e.event_key = ? AND " + CLAIMABLE + " AND " + inOrder
                + " FOR UPDATE OF e SKIP LOCKED)" + lock;
        // Rows another worker is claiming right now are skipped, not waited on. The candidates come from two
        // searches that never read a row under a live claim (under load nearly every pending row is one, and a
        // search over all pending rows read them all: seconds per claim at a backlog of 100,000): unclaimed rows in
        // due order (events_unclaimed), and claimed rows whose lease has ended, by lease end (events_leased). Then
        // the earliest due of both. Parameters: now, now, now, max; now, now, now, max; max.
        String candidate = "SELECT e.received_at, e.id, e.provider, e.subject, e.next_attempt_at FROM " + t + " e";
        String claimDue = "WITH u AS (" + candidate
                + " WHERE e.state = 'PENDING' AND e.claimed_by IS NULL AND e.next_attempt_at <= ?"
                + " AND (e.lease_until IS NULL OR e.lease_until <= ?) AND " + inOrder
                + " ORDER BY e.next_attempt_at, e.id LIMIT ? FOR UPDATE OF e SKIP LOCKED),"
                + " x AS (" + candidate
                + " WHERE e.state = 'PENDING' AND e.claimed_by IS NOT NULL AND e.lease_until <= ?"
                + " AND e.next_attempt_at <= ? AND " + inOrder
                + " ORDER BY e.lease_until, e.id LIMIT ? FOR UPDATE OF e SKIP LOCKED),"
                + " c AS (SELECT received_at, id, provider, subject FROM (SELECT * FROM u UNION ALL SELECT * FROM x) b"
                + " ORDER BY next_attempt_at, id LIMIT ?)" + lock;
        // Then the claim, re-checking the order in a snapshot taken after the locks: an earlier event of the
        // subject recorded meanwhile, or a claim another worker committed meanwhile, is seen here. Its rows are
        // found by their primary key, (received_at, id), row by row (PER_ROW, as for renew and completeAll).
        String take = PER_ROW + "UPDATE " + t + " e SET claimed_by = ?, lease_until = ?, attempts = e.attempts + 1"
                + " FROM unnest(?::timestamptz[], ?::bigint[]) AS k(received_at, id)"
                + " WHERE e.received_at = k.received_at AND e.id = k.id AND " + inOrder
                + " RETURNING e.id, e.next_attempt_at, " + prefixed("e.", JdbcRows.EVENT_COLUMNS);
        // One statement for up to RENEW_BATCH running claims of a process, row by row (lockedInIdOrder). Its rows
        // are locked in id order first, like every other statement that writes many rows (completeAll, take), and a
        // row another transaction holds is skipped, not waited for: that is the completion or failure ending the
        // claim here, or a takeover of a lease that has ended. Waiting, a renewal of thousands of claims queued
        // behind group completions until it timed out, and a failed renewal stops the workers' claims until one
        // succeeds; a skipped row is renewed by the next renewal, a third of a lease on.
        String renew = PER_ROW + "UPDATE " + t + " e SET lease_until = ? FROM "
                + lockedInIdOrder(t).replace("FOR UPDATE OF h)", "FOR UPDATE OF h SKIP LOCKED)")
                + " WHERE e.received_at = l.received_at AND e.id = l.id";
        // A done event only has to deduplicate: its body and headers go, and so does the error of a failed attempt.
        String complete = "UPDATE " + t + " SET state = 'DONE', body = NULL, headers = '{}', done_at = ?,"
                + " last_error = NULL, claimed_by = NULL, lease_until = NULL WHERE " + HELD;
        // Many claims (of any owners) done in one statement, each under the same owner guard as complete. Its rows
        // are found as a renewal's are (each key on its own, then in id order), but not locked in a step of their own:
        // the update locks each row as it reaches it, in that order (a nested loop keeps its outer side's order), and
        // a row changed meanwhile is re-checked against the guard by the update itself. The separate lock read each
        // row a third time (CompletionPlanTest: 2 rows read per claim now), 2-6 more buffers per row (EXPLAIN BUFFERS
        // over 512 of 52,000 rows: 24-25 against 26-30); the WAL it writes is the same (6.3 records per row then,
        // 4.2 on schema version 8).
        String completeAll = PER_ROW + DONE_MARK_ASYNC
                + "UPDATE " + t + " e SET state = 'DONE', body = NULL, headers = '{}', done_at = ?,"
                + " last_error = NULL, claimed_by = NULL, lease_until = NULL FROM " + inIdOrder(t)
                + " WHERE e.received_at = l.received_at AND e.id = l.id AND e.claimed_by = l.owner"
                + " AND e.state || '' = 'PENDING'";
        String fail = "UPDATE " + t + " SET completed_handlers = ?, last_error = ?, state = ?,"
                + " next_attempt_at = COALESCE(?, next_attempt_at), done_at = ?, claimed_by = NULL, lease_until = NULL"
                + " WHERE " + HELD;
        // Not counted as an attempt, and due at once: received_at is never later than any caller's "now".
        String release = "UPDATE " + t + " SET attempts = GREATEST(attempts - 1, 0), claimed_by = NULL,"
                + " lease_until = NULL, next_attempt_at = LEAST(next_attempt_at, received_at) WHERE " + HELD;
        String deadLetters = "SELECT " + JdbcRows.EVENT_COLUMNS + " FROM " + t
                + " WHERE state = 'DEAD' ORDER BY id LIMIT ?";
        String replay = "UPDATE " + t + " SET state = 'PENDING', attempts = 0, next_attempt_at = ?, done_at = NULL,"
                + " claimed_by = NULL, lease_until = NULL WHERE provider = ? AND event_key = ? AND state = 'DEAD'";
        // The batch's rows by their tuple ids, each deleted where it is (a TID scan): as an IN (subquery) the delete
        // joined them by hash over a sequential scan of the whole table (ConsoleSearchPlanTest). A row changed since
        // (it never is, once done) is left for the next prune: the delete's re-check sees its new tuple id.
        String prune = "DELETE FROM " + t + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + t
                + " WHERE state = 'DONE' AND received_at < ? LIMIT ?))";
        return new JdbcStatements(tables, claimOne, claimDue, take, renew, complete, completeAll, fail,
                release, deadLetters, replay, prune);
    }

    /**
     * Row {@code e} has no subject, or is its subject's first pending event (by occurrence, then receipt) and no
     * other pending event of the subject holds a live claim. Dead and done events do not hold later ones back.
     * One parameter: now.
     */
    private static String inOrder(String t) {
        return "(e.subject IS NULL OR NOT EXISTS (SELECT 1 FROM " + t + " o"
                + " WHERE o.provider = e.provider AND o.subject = e.subject AND o.state = 'PENDING' AND o.id <> e.id"
                + " AND ((COALESCE(o.occurred_at, o.received_at), o.id) < (COALESCE(e.occurred_at, e.received_at), e.id)"
                + " OR o.lease_until > ?)))";
    }

    /**
     * The pending rows of the claims given as three arrays (provider, key, owner), each still held by its owner,
     * locked in id order: alias {@code l}, columns {@code received_at} and {@code id} (the primary key). The lock
     * re-checks the owner on a row changed meanwhile, and what we locked nobody else changes before we write it.
     * Three parameters: the arrays.
     *
     * <p>Row by row whatever the planner's statistics: each key's row is found on its own (a LIMIT keeps the
     * lookup a per-key subquery), then each is locked by its id, in id order (a locking subquery is never merged into
     * a join). Neither step states {@code state = 'PENDING'} in a form the planner can match ({@code state || ''}),
     * so no partial index can serve them: the claimed rows' index, with statistics taken before the load, looked like
     * a handful of rows, and a join over it read every claimed row (60,000 for a completion of 512 under load), a
     * cost growing with the backlog until the next autoanalyze. With the partial indexes out of reach, a join still
     * preferred reading the whole table; per-row lookups on the unique indexes cost what the claims cost.
     */
    private static String lockedInIdOrder(String t) {
        return "(SELECT w.received_at, w.id FROM " + inIdOrder(t).replace(") l", ") k")
                + " CROSS JOIN LATERAL (SELECT h.received_at, h.id FROM " + t + " h WHERE h.received_at = k.received_at"
                + " AND h.id = k.id AND h.claimed_by = k.owner AND h.state || '' = 'PENDING' FOR UPDATE OF h) w) l";
    }

    /**
     * The rows of the claims given as three arrays (provider, key, owner), looked up each on its own by its key and
     * sorted by id, not locked: alias {@code l}, columns {@code received_at}, {@code id} (the primary key) and
     * {@code owner}. Three parameters: the arrays.
     */
    private static String inIdOrder(String t) {
        return "(SELECT k.received_at, k.id, c.owner FROM unnest(?::text[], ?::text[], ?::text[])"
                + " AS c(provider, event_key, owner) CROSS JOIN LATERAL (SELECT i.received_at, i.id FROM " + t + " i"
                + " WHERE i.provider = c.provider AND i.event_key = c.event_key LIMIT 1) k ORDER BY k.id) l";
    }

    private static String prefixed(String alias, String columns) {
        return alias + columns.replace(", ", ", " + alias);
    }
}
