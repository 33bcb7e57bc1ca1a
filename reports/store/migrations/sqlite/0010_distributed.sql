-- 0010: distributed scans (SQLite). Keep in step with
-- ../postgres/0010_distributed.sql.
--
-- A distributed scan (pmscan scan -distributed) is split into units, each
-- a run of top-level objects of one target in walk order; workers scan a
-- unit as a scan of its own, a unit scan, whose parent_id is the
-- distributed scan. Unit scans are no scans of their targets to anything
-- else (baselines, diffs, the lookup index's latest scans, listings): the
-- distributed scan carries their objects over, in unit order, when every
-- unit is done. Queues run on PostgreSQL only; SQLite has the columns so
-- that both dialects share one schema.
ALTER TABLE scans ADD COLUMN parent_id INTEGER;
-- args: the distributed scan's command-line arguments (credentials are
-- refused in them), which its workers run each unit with.
ALTER TABLE scans ADD COLUMN args TEXT;

-- scan_units: the units of a distributed scan. objects is a JSON array of
-- the top-level objects' names, after the name of the object before the
-- first of them in the target's walk (a listing starts after it), bytes
-- their size as listed; state is
-- queued, done or failed; child_scan the unit scan that completed it
-- (a unit retried after a crash points to its last, whole, run: earlier
-- runs are left unfinished and never referenced); error why it failed
-- for good; job_id its job in the queue.
CREATE TABLE scan_units (
	scan_id    INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	unit       INTEGER NOT NULL,
	target     INTEGER NOT NULL,
	objects    TEXT NOT NULL,
	after      TEXT NOT NULL DEFAULT '',
	bytes      INTEGER NOT NULL DEFAULT 0,
	state      TEXT NOT NULL,
	attempts   INTEGER NOT NULL DEFAULT 0,
	child_scan INTEGER,
	error      TEXT NOT NULL DEFAULT '',
	job_id     INTEGER,
	PRIMARY KEY (scan_id, unit)
);
