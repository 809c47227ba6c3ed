-- ramphook event store, schema version 1 (PostgreSQL 10 or later).
-- ${events} and ${prefix} are replaced by the configured (validated) schema-qualified table name and prefix.
-- Statements are separated by semicolons at line ends; keep semicolons out of comments and literals.
-- IF NOT EXISTS: tables created by hand from this script, before ramphook managed them, are adopted.

-- One row per delivered event; (provider, event_key) is the deduplication key.
-- state: PENDING (waiting or claimed; claimed means claimed_by set and lease_until in the future), DONE, DEAD.
CREATE TABLE IF NOT EXISTS ${events} (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider           text        NOT NULL,
    event_key          text        NOT NULL,
    name               text        NOT NULL,
    endpoint           text        NOT NULL,
    body               bytea,
    headers            text        NOT NULL,
    received_at        timestamptz NOT NULL,
    state              varchar(8)  NOT NULL CHECK (state IN ('PENDING', 'DONE', 'DEAD')),
    attempts           integer     NOT NULL,
    next_attempt_at    timestamptz NOT NULL,
    claimed_by         text,
    lease_until        timestamptz,
    completed_handlers text        NOT NULL,
    last_error         text,
    done_at            timestamptz,
    CONSTRAINT ${prefix}events_dedup UNIQUE (provider, event_key)
);

-- Workers look for due pending events in due order; done and dead rows stay out of this index.
CREATE INDEX IF NOT EXISTS ${prefix}events_due ON ${events} (next_attempt_at, id) WHERE state = 'PENDING';

-- Retention deletes old done events.
CREATE INDEX IF NOT EXISTS ${prefix}events_done ON ${events} (received_at) WHERE state = 'DONE';

-- Dead letters are listed oldest first.
CREATE INDEX IF NOT EXISTS ${prefix}events_dead ON ${events} (id) WHERE state = 'DEAD';
