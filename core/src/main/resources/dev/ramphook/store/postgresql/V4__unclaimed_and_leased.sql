-- ramphook event store, schema version 4: claiming does not walk over claimed rows.
-- Only indexes: a version 3 table is upgraded in place, no row changes.
-- Under sustained load nearly every pending row is claimed (its receiver claims it when it records it), so a
-- search for claimable rows over the due index read every claimed row before it found one: seconds per claim once
-- the backlog reached a hundred thousand. The claim now searches two smaller indexes: pending rows nobody claims,
-- in due order, and claimed rows by lease end, whose range up to now holds only the expired ones.

CREATE INDEX IF NOT EXISTS ${prefix}events_unclaimed ON ${events} (next_attempt_at, id)
    WHERE state = 'PENDING' AND claimed_by IS NULL;

CREATE INDEX IF NOT EXISTS ${prefix}events_leased ON ${events} (lease_until, id)
    WHERE state = 'PENDING' AND claimed_by IS NOT NULL;
