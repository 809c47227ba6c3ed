-- ramphook event store, schema version 5: each event keeps its last failed attempts and replays (its history).
-- Upgrades in place: existing rows get no history (their earlier attempts were not kept).
-- Version 5 belongs to another change; this one depends on nothing it adds.

-- The last 20 lines, oldest first, as a JSON array of {"at": epoch millis, "kind": RETRY|DEAD|REPLAYED,
-- "attempt": n, "error": text, "by": who replayed}. NULL until the first failure.
ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS history jsonb;

-- A failed attempt is any update that ends a claim (claimed_by set, then NULL) without counting it back (a release
-- lowers attempts) and without completing it. A trigger, so that every statement that records a failure (one at a
-- time or in groups) keeps the history the same way; it runs for failures only (the WHEN below), never for the
-- claims, renewals and completions of the delivery path. Its time is the database's.
CREATE OR REPLACE FUNCTION ${events}_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.history := COALESCE(OLD.history, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('at', (extract(epoch FROM now()) * 1000)::bigint, 'kind', CASE WHEN NEW.state = 'DEAD' THEN 'DEAD' ELSE 'RETRY' END, 'attempt', OLD.attempts, 'error', NEW.last_error)); IF jsonb_array_length(NEW.history) > 20 THEN NEW.history := NEW.history - 0; END IF; RETURN NEW; END $$;

DROP TRIGGER IF EXISTS ${prefix}events_history ON ${events};

CREATE TRIGGER ${prefix}events_history BEFORE UPDATE ON ${events} FOR EACH ROW
    WHEN (OLD.claimed_by IS NOT NULL AND NEW.claimed_by IS NULL AND NEW.state <> 'DONE'
          AND NEW.attempts = OLD.attempts)
    EXECUTE PROCEDURE ${events}_history();
