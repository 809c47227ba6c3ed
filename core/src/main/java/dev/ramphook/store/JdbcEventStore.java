package dev.ramphook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * A durable {@link EventStore} in PostgreSQL (10 or later), safe for several receiver instances sharing one
 * database: a unique constraint on {@code (provider, event_key)} deduplicates, {@code FOR UPDATE SKIP LOCKED}
 * hands each due event to one worker, and a claim's lease lets another instance take over from a crashed one.
 *
 * <pre>{@code
 * EventStore store = JdbcEventStore.of(dataSource);           // your pool, e.g. HikariCP
 * EventStore store = JdbcEventStore.builder(dataSource)
 *         .schema("payments").tablePrefix("ramphook_").queryTimeout(Duration.ofSeconds(3)).build();
 * }</pre>
 *
 * <p>Creating the store creates or upgrades its tables ({@code <prefix>events}, {@code <prefix>schema_version}),
 * once, under an advisory lock; several instances may start at the same time. Connections come from the given
 * {@link DataSource} and go back after every operation; this class keeps no pool and no connection of its own.
 * Concurrent {@linkplain #record records} share transactions (group commit), written by up to two committer threads
 * of the store that end when it has been idle for 30 s.
 * Each statement is bounded by the query timeout, and a failure of any kind surfaces as a {@link StoreException}
 * (the receiver answers 503, so the provider retries). Set your driver's or pool's connect timeout too: opening a
 * connection to an unreachable host is up to the {@code DataSource}.
 */
public final class JdbcEventStore implements EventStore {

    private final JdbcCalls jdbc;
    private final JdbcStatements sql;
    private final JdbcSearch search;
    private final JdbcHistory history;
    private final JdbcStats stats;
    private final JdbcRecords records;
    private final GroupCommit commits;
    private final LongSupplier ticker;

    private JdbcEventStore(Builder b) {
        this.jdbc = new JdbcCalls(b.dataSource, b.queryTimeout);
        this.sql = JdbcStatements.of(b.tables);
        this.ticker = b.ticker;
        this.records = new JdbcRecords(jdbc, b.tables, b.ticker);
        this.commits = new GroupCommit(records::recordAll, b.tables.events());
        this.search = new JdbcSearch(b.tables, jdbc);
        this.history = new JdbcHistory(b.tables);
        this.stats = new JdbcStats(jdbc, b.tables);
    }

    /**
     * A store with the default settings: tables {@code ramphook_events} and {@code ramphook_schema_version} in the
     * connection's default schema, created or upgraded now, and a 5 s query timeout.
     *
     * @param dataSource where connections come from; use a pool
     * @return the store, thread-safe and {@linkplain #durable() durable}
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static JdbcEventStore of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Starts configuring a store; nothing touches the database before {@link Builder#build()}.
     *
     * @param dataSource where connections come from; use a pool
     * @return a builder with the defaults of {@link #of(DataSource)}
     * @throws NullPointerException when {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Concurrent calls share one transaction (group commit): this call joins the batch that the next free
     * committer writes, and returns when that batch has committed. Alone it waits one commit, as an insert of its
     * own would; under load its batch holds whatever was recorded while the previous one committed.
     */
    @Override
    public Recorded record(StoredEvent event, Instant now) {
        return join(commits.submit(Objects.requireNonNull(event, "event"), Objects.requireNonNull(now, "now"), null));
    }

    /**
     * {@inheritDoc} One insert statement, a transaction of its own, for them all (and one read of the duplicates'
     * states); when it fails, none of them was recorded.
     */
    @Override
    public List<Recorded> recordAll(List<StoredEvent> events, Instant now) {
        List<JdbcRecords.Row> rows = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            rows.add(new JdbcRecords.Row(Objects.requireNonNull(e, "event"), now));
        }
        return List.of(records.recordAll(rows).answers());
    }

    /**
     * {@inheritDoc} Grouped with concurrent records into shared transactions: a group closes when the previous
     * commit returns, so one delivery alone still waits one commit.
     */
    @Override
    public CompletableFuture<Recorded> recordSoon(StoredEvent event, Instant now, Consumer<? super Recorded> late) {
        return commits.submit(event, now, late);
    }

    /**
     * {@inheritDoc} Grouped with concurrent records, as {@link #recordSoon(StoredEvent, Instant, Consumer)}. The
     * claim's {@code leaseUntil} is moved on by however long the record waited before its insert (for a committer, a
     * connection, the subjects' locks): a lease that ended while it waited would let another worker take over an
     * event this process is about to run.
     */
    @Override
    public CompletableFuture<Recorded> recordSoon(StoredEvent event, Instant now, Consumer<? super Recorded> late,
                                                  String owner, Instant leaseUntil,
                                                  BiConsumer<StoredEvent, Recorded> handoff) {
        return commits.submit(new JdbcRecords.Row(event, now, Objects.requireNonNull(owner, "owner"),
                Objects.requireNonNull(leaseUntil, "leaseUntil"), ticker.getAsLong()), late,
                Objects.requireNonNull(handoff, "handoff"));
    }

    private static Recorded join(CompletableFuture<Recorded> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Two statements, each on an existing partial index: the unhandled rows grouped by provider, and a count of
     * the handled rows kept within the retention (an index scan, proportional to them).
     */
    @Override
    public StoreStats stats(Instant now) {
        return stats.read(now);
    }

    @Override
    public Optional<StoredEvent> claim(String provider, String key, String owner, Instant now, Duration lease) {
        return jdbc.transaction("claim", c -> {
            List<Key> ids;
            try (PreparedStatement ps = jdbc.prepare(c, sql.claimOne())) {
                ps.setString(1, provider);
                ps.setString(2, key);
                JdbcRows.setInstant(ps, 3, now);
                JdbcRows.setInstant(ps, 4, now);
                ids = ids(ps);
            }
            return take(c, ids, owner, now, lease).stream().findFirst();
        });
    }

    @Override
    public List<StoredEvent> claimDue(String owner, Instant now, Duration lease, int max) {
        if (max < 1) {
            return List.of();
        }
        return jdbc.transaction("claimDue", c -> {
            List<Key> ids;
            try (PreparedStatement ps = jdbc.prepare(c, sql.claimDue())) {
                // The unclaimed rows' search, the ended leases' search (each: now three times, max), then max.
                for (int branch = 0; branch < 2; branch++) {
                    JdbcRows.setInstant(ps, 4 * branch + 1, now);
                    JdbcRows.setInstant(ps, 4 * branch + 2, now);
                    JdbcRows.setInstant(ps, 4 * branch + 3, now);
                    ps.setInt(4 * branch + 4, max);
                }
                ps.setInt(9, max);
                ids = ids(ps);
            }
            return take(c, ids, owner, now, lease);
        });
    }

    /** A row's primary key (schema version 8): its receive time, then its id. */
    private record Key(Instant receivedAt, long id) { }

    private static List<Key> ids(PreparedStatement ps) throws SQLException {
        List<Key> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(new Key(JdbcRows.instant(rs, "received_at"), rs.getLong("id")));
            }
        }
        return ids;
    }

    /** Claims the candidates that are still next in their subject, in due order. */
    private List<StoredEvent> take(Connection c, List<Key> ids, String owner, Instant now, Duration lease)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = jdbc.prepare(c, sql.take())) {
            ps.setString(1, owner);
            JdbcRows.setInstant(ps, 2, now.plus(lease));
            // As text, like the hand-off insert's times: the same instant whatever the JVM's time zone.
            ps.setArray(3, c.createArrayOf("text", ids.stream().map(k -> JdbcRows.text(k.receivedAt())).toArray()));
            ps.setArray(4, c.createArrayOf("bigint", ids.stream().map(Key::id).toArray()));
            JdbcRows.setInstant(ps, 5, now);
            // RETURNING has no order of its own; give callers the due order the claim used.
            record Claimed(Instant due, long id, StoredEvent event) { }
            List<Claimed> claimed = new ArrayList<>();
            // The statement's settings (JdbcStatements.PER_ROW) come first, without results of their own.
            boolean results = ps.execute();
            while (!results && ps.getUpdateCount() != -1) {
                results = ps.getMoreResults();
            }
            if (!results) {
                throw new SQLException("the claim's update returned no rows to read");
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    claimed.add(new Claimed(JdbcRows.instant(rs, "next_attempt_at"), rs.getLong("id"),
                            JdbcRows.event(rs)));
                }
            }
            claimed.sort(Comparator.comparing(Claimed::due).thenComparingLong(Claimed::id));
            return claimed.stream().map(Claimed::event).toList();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>In statements of up to 1,000 claims, none of which waits: a claim whose row another transaction holds (its
     * completion or failure being written, or a takeover after its lease ended) is not extended, and not counted.
     */
    @Override
    public int renew(Collection<Claim> claims, Instant now, Duration lease) {
        if (claims.isEmpty()) {
            return 0;
        }
        List<Claim> all = List.copyOf(claims);
        int renewed = 0;
        for (int from = 0; from < all.size(); from += JdbcStatements.RENEW_BATCH) {
            List<Claim> some = all.subList(from, Math.min(all.size(), from + JdbcStatements.RENEW_BATCH));
            // One short transaction per batch: its settings (JdbcStatements.PER_ROW) last until its commit.
            renewed += jdbc.transaction("renew", c -> {
                try (PreparedStatement ps = jdbc.prepare(c, sql.renew())) {
                    JdbcRows.setInstant(ps, 1, now.plus(lease));
                    ps.setArray(2, c.createArrayOf("text", some.stream().map(Claim::provider).toArray()));
                    ps.setArray(3, c.createArrayOf("text", some.stream().map(Claim::key).toArray()));
                    ps.setArray(4, c.createArrayOf("text", some.stream().map(Claim::owner).toArray()));
                    return lastUpdateCount(ps);
                }
            });
        }
        return renewed;
    }

    /** Runs a statement text of settings then one update; the update's count. */
    private static int lastUpdateCount(PreparedStatement ps) throws SQLException {
        boolean rows = ps.execute();
        int count = 0;
        while (true) {
            if (!rows) {
                int n = ps.getUpdateCount();
                if (n == -1) {
                    return count;
                }
                count = n;
            }
            rows = ps.getMoreResults();
        }
    }

    @Override
    public void complete(StoredEvent event, String owner, Instant now) {
        jdbc.call("complete", c -> {
            try (PreparedStatement ps = jdbc.prepare(c, sql.complete())) {
                JdbcRows.setInstant(ps, 1, now);
                bindClaim(ps, 2, event, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** One statement for all of them, whatever their owners, reading only their rows (one by one, by key then id). */
    @Override
    public void completeAll(Collection<Completion> completions, Instant now) {
        if (completions.isEmpty()) {
            return;
        }
        jdbc.transaction("completeAll", c -> { // a transaction for its settings (JdbcStatements.PER_ROW)
            try (PreparedStatement ps = jdbc.prepare(c, sql.completeAll())) {
                JdbcRows.setInstant(ps, 1, now);
                ps.setArray(2, c.createArrayOf("text", completions.stream().map(d -> d.event().provider()).toArray()));
                ps.setArray(3, c.createArrayOf("text", completions.stream().map(d -> d.event().key()).toArray()));
                ps.setArray(4, c.createArrayOf("text", completions.stream().map(Completion::owner).toArray()));
                return lastUpdateCount(ps);
            }
        });
    }

    @Override
    public void fail(StoredEvent event, String owner, Set<String> completedHandlers, String error, Instant retryAt,
                     Instant now) {
        jdbc.call("fail", c -> {
            try (PreparedStatement ps = jdbc.prepare(c, sql.fail())) {
                ps.setString(1, JdbcRows.handlerIds(completedHandlers));
                ps.setString(2, JdbcRows.error(error));
                ps.setString(3, retryAt == null ? "DEAD" : "PENDING");
                JdbcRows.setInstant(ps, 4, retryAt);
                JdbcRows.setInstant(ps, 5, retryAt == null ? now : null);
                bindClaim(ps, 6, event, owner);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void release(StoredEvent event, String owner) {
        jdbc.call("release", c -> {
            try (PreparedStatement ps = jdbc.prepare(c, sql.release())) {
                bindClaim(ps, 1, event, owner);
                return ps.executeUpdate();
            }
        });
    }

    private static void bindClaim(PreparedStatement ps, int from, StoredEvent event, String owner)
            throws SQLException {
        ps.setString(from, event.provider());
        ps.setString(from + 1, event.key());
        ps.setString(from + 2, owner);
    }

    @Override
    public List<StoredEvent> deadLetters(int limit) {
        if (limit < 1) {
            return List.of();
        }
        return jdbc.call("deadLetters", c -> {
            try (PreparedStatement ps = jdbc.prepare(c, sql.deadLetters())) {
                ps.setInt(1, limit);
                List<StoredEvent> dead = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dead.add(JdbcRows.event(rs));
                    }
                }
                return dead;
            }
        });
    }

    @Override
    public boolean replay(String provider, String key, Instant now) {
        return jdbc.call("replay", c -> {
            try (PreparedStatement ps = jdbc.prepare(c, sql.replay())) {
                JdbcRows.setInstant(ps, 1, now);
                ps.setString(2, provider);
                ps.setString(3, key);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean replay(String provider, String key, Instant now, String by) {
        return jdbc.call("replay", c -> history.replay(jdbc, c, provider, key, now, by));
    }

    /** Kept for the retention, a handled event's too (without its body). */
    @Override
    public List<HistoryEntry> history(String provider, String key) {
        return jdbc.call("history", c -> history.read(jdbc, c, provider, key));
    }

    /** Done events without their body and headers (they were dropped when the event completed). */
    @Override
    public List<FoundEvent> search(EventQuery query) {
        return jdbc.call("search", c -> search.search(c, query));
    }

    @Override
    public Optional<FoundEvent> find(String provider, String key) {
        return jdbc.call("find", c -> search.find(c, provider, key));
    }

    /** Deletes in batches, each its own short transaction, so that pruning a large backlog blocks nobody for long. */
    @Override
    public int prune(Instant cutoff) {
        return jdbc.call("prune", c -> {
            int total = 0;
            int deleted;
            do {
                try (PreparedStatement ps = jdbc.prepare(c, sql.prune())) {
                    JdbcRows.setInstant(ps, 1, cutoff);
                    ps.setInt(2, JdbcStatements.PRUNE_BATCH);
                    deleted = ps.executeUpdate();
                }
                total += deleted;
            } while (deleted == JdbcStatements.PRUNE_BATCH);
            return total;
        });
    }

    /**
     * Fails the records waiting for a commit and lets the committer threads end. Optional: they end on their own
     * after 30 s without records, and never keep the JVM from exiting.
     */
    @Override
    public void close() {
        commits.close();
    }

    /** True: recorded events survive restarts of every receiver instance. */
    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public String toString() {
        return "JdbcEventStore[" + sql.tables().events() + "]";
    }

    /** Configures a {@link JdbcEventStore}; {@link #build()} creates or upgrades the tables. */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema;
        private String tablePrefix = "ramphook_";
        private Duration queryTimeout = Duration.ofSeconds(5);
        private boolean createSchema = true;
        private LongSupplier ticker = System::nanoTime;
        private JdbcTables tables;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The schema of the tables; default: the connection's search path (usually {@code public}).
         *
         * @param schema an existing schema: lower-case letters, digits and {@code _} (checked by {@link #build()})
         * @return this builder
         */
        public Builder schema(String schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Prepended to the table names. Default {@code ramphook_}.
         *
         * @param tablePrefix lower-case letters, digits and {@code _}, or empty (checked by {@link #build()})
         * @return this builder
         */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
            return this;
        }

        /**
         * The longest any statement may run, rounded up to whole seconds; beyond it the operation fails with a
         * {@link StoreException} (so a delivery answers 503 instead of hanging). Default 5 s.
         *
         * @param queryTimeout positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder queryTimeout(Duration queryTimeout) {
            if (queryTimeout == null || queryTimeout.isNegative() || queryTimeout.isZero()) {
                throw new IllegalArgumentException("queryTimeout must be positive");
            }
            this.queryTimeout = queryTimeout;
            return this;
        }

        /**
         * Whether {@link #build()} creates or upgrades the tables (default true). Turn it off when a migration
         * tool owns the schema; the scripts are the {@code dev/ramphook/store/postgresql/V*.sql} resources.
         *
         * @param createSchema false to leave the tables to you
         * @return this builder
         */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /** The time source of waits (nanoseconds, like {@link System#nanoTime()}); tests move it by hand. */
        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Creates the store, first creating or upgrading its tables unless turned off.
         *
         * @return the store, thread-safe and {@linkplain #durable() durable}
         * @throws IllegalArgumentException for an invalid schema or prefix
         * @throws StoreException           when the database cannot be reached or migrated
         */
        public JdbcEventStore build() {
            tables = new JdbcTables(schema, tablePrefix);
            if (createSchema) {
                try {
                    JdbcSchema.migrate(dataSource, tables);
                } catch (SQLException e) {
                    throw new StoreException("event store could not create or upgrade " + tables.events()
                            + " (SQLSTATE " + e.getSQLState() + ")", e);
                }
            }
            return new JdbcEventStore(this);
        }
    }
}
