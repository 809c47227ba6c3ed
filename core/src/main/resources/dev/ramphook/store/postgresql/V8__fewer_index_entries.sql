-- ramphook event store, schema version 8: two index entries fewer per insert and per completion, the database's CPU
-- per acknowledgement. No row changes. Every event is inserted once and completed once, and the completion is never
-- a HOT update (it changes state, a column of the partial indexes' predicates): it writes an entry into every index
-- a done row is in. Version 7 wrote 6 index entries per insert and 4 per completion (CompletionCostTest counts them
-- as WAL records); this version writes 4 and 2.

-- The primary key becomes (received_at, id), the order of the console's listing, so that one index serves both and
-- the receive-time index (V3) goes. A row's receive time never changes; every statement that finds a row by its id
-- (claims, renewals, completions) carries its receive time with it. Built first, then made the primary key under the
-- same name, so that the table always has one. Building it reads the table and blocks writes to it until the
-- migration commits (seconds per million rows, SchemaVersion8Test): upgrade at a quiet time.
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}events_pkey_v8 ON ${events} (received_at, id);

ALTER TABLE ${events} DROP CONSTRAINT IF EXISTS ${prefix}events_pkey;

ALTER TABLE ${events} ADD CONSTRAINT ${prefix}events_pkey PRIMARY KEY USING INDEX ${prefix}events_pkey_v8;

DROP INDEX IF EXISTS ${index_prefix}events_received;

-- The provider-and-name index (V3) was written by every insert and every completion and read by no query: the
-- console's name filter matches the full name or a short name's tail (name = ? OR name LIKE '%.' || ?), which no
-- B-tree serves, so it reads the rows newest first, up to its page (ConsoleSearchPlanTest).
DROP INDEX IF EXISTS ${index_prefix}events_name;

-- Version 7 dropped these three without naming their schema, so in a configured schema (not on the search path)
-- they stayed, written on every insert or completion. An index lives in its table's schema.
DROP INDEX IF EXISTS ${index_prefix}events_key;

DROP INDEX IF EXISTS ${index_prefix}events_due;

DROP INDEX IF EXISTS ${index_prefix}events_done;
