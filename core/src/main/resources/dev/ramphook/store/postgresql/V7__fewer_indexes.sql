-- ramphook event store, schema version 7: fewer index entries per event, the database's CPU per acknowledgement.
-- Only indexes: a version 6 table is upgraded in place, no row changes (the new unique index is built from the rows).
-- Every event is inserted once and completed once, and the completion is never a HOT update (it changes state, a
-- column of the partial indexes' predicates): it writes a new entry into every index whose predicate a done row
-- meets. Version 6 wrote 8 index entries per insert and 6 per completion (CompletionCostTest counts them as WAL
-- records); three indexes duplicated others, and this version drops them: 6 per insert and 4 per completion.

-- The deduplication key, with the key first: it also finds a key pasted into the console without its provider, so
-- the key's own index (V3) goes. ON CONFLICT (provider, event_key) infers it (a unique index on the same columns, in
-- any order). Built first, then made the constraint under the same name, so that the table is never without one.
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}events_dedup_v7 ON ${events} (event_key, provider);

ALTER TABLE ${events} DROP CONSTRAINT IF EXISTS ${prefix}events_dedup;

ALTER TABLE ${events} ADD CONSTRAINT ${prefix}events_dedup UNIQUE USING INDEX ${prefix}events_dedup_v7;

DROP INDEX IF EXISTS ${prefix}events_key;

-- Superseded by V4's unclaimed and leased indexes: no claim reads it, and the statistics count pending events
-- through those two. It was written on every insert.
DROP INDEX IF EXISTS ${prefix}events_due;

-- Written on every completion (a done row is in it) for the retention's pruning, which walks the receive-time index
-- (V3) instead, oldest first, passing over the few old rows not done. The statistics count done events as all events
-- less the pending and dead ones.
DROP INDEX IF EXISTS ${prefix}events_done;

-- Room on each page for its rows' completions: the done version (without body and headers, a fraction of the
-- pending one) is then written beside the old one, not on another page with the inserts, one page and one WAL record
-- less per completion (CompletionCostTest: 6.2 records per completed row against 7.0). Pages already full keep
-- none; new pages do.
ALTER TABLE ${events} SET (fillfactor = 80);
