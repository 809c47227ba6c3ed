-- ramphook event store, schema version 8: two index entries fewer per event, the database's CPU per acknowledgement.
-- Only indexes dropped: no row changes, nothing built or scanned. DROP INDEX holds the table's lock until the
-- migration commits (writes and reads wait), which is a moment: SchemaVersion8Test upgrades 20,000 rows.

-- The provider-and-name index (V3) was written by every insert and again by every completion (never a HOT update),
-- and read by no query: the console's name filter matches the full name or a short name's tail (name = ? OR name
-- LIKE '%.' || ?), which no B-tree serves, so it reads the receive-time index newest first, up to its page, as it
-- did before (ConsoleSearchPlanTest). 6 index entries per insert and 4 per completion become 5 and 3.
DROP INDEX IF EXISTS ${index_prefix}events_name;

-- Version 7 dropped these three without naming their schema, so in a configured schema (not on the search path)
-- they stayed, written on every insert or completion. An index lives in its table's schema.
DROP INDEX IF EXISTS ${index_prefix}events_key;

DROP INDEX IF EXISTS ${index_prefix}events_due;

DROP INDEX IF EXISTS ${index_prefix}events_done;
