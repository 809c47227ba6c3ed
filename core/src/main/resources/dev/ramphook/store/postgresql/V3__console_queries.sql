-- ramphook event store, schema version 3: indexes for the operator console's queries (search, newest first).
-- Only indexes: a version 2 table is upgraded in place, no row changes.

-- Every event list is ordered by receive time, newest first, optionally within a time range.
CREATE INDEX IF NOT EXISTS ${prefix}events_received ON ${events} (received_at, id);

-- Filters by provider, then event name, within a time range.
CREATE INDEX IF NOT EXISTS ${prefix}events_name ON ${events} (provider, name, received_at);

-- A key pasted from a provider's dashboard, without knowing the provider.
CREATE INDEX IF NOT EXISTS ${prefix}events_key ON ${events} (event_key);
