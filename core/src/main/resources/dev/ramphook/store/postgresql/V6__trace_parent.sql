-- ramphook event store, schema version 6: the trace context of the delivery that recorded an event.
-- One nullable column, no row changes: a version 4 (or later) table is upgraded in place, and rows recorded before
-- it (or by a receiver that does not trace) keep NULL. A handler run of a queued event links its span to this
-- context, in whichever instance runs it, after a restart too. A W3C traceparent: 55 characters.

ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS trace_parent varchar(64);
