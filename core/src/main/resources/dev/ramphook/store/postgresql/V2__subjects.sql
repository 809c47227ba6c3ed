-- ramphook event store, schema version 2: one subject at a time, in order.
-- Upgrades a version 1 table in place; existing rows get no subject, so they keep running in parallel as before.

-- What the event is about (a ZBD session, a meCash transaction), or NULL when the provider names none.
ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS subject text;

-- When the provider says it happened, or NULL when it does not say: then received_at stands in for it.
ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS occurred_at timestamptz;

-- A claim looks for earlier or claimed pending events of the same subject; done and dead rows stay out of it.
CREATE INDEX IF NOT EXISTS ${prefix}events_subject ON ${events} (provider, subject)
    WHERE state = 'PENDING' AND subject IS NOT NULL;
