-- 0004: objects, what every scan saw of every object, for incremental
-- scans, resume and diff (SQLite). Keep in step with
-- ../postgres/0004_objects.sql.
--
-- One row per object a scan ended: read to the end (status read), carried
-- over unchanged from an earlier scan (carried), skipped on purpose
-- (skipped) or not read whole (failed). Rows are written in the same
-- transactions as the scan's findings and problems, so a row stored is a
-- checkpoint: the object's kept findings are stored too, and a scan that
-- resumes carries it over instead of reading it again.
--
-- root is the top-level object (a file, an S3 object, a table); an archive
-- member's root is its archive, which is carried with all its members.
-- version holds the facts the store gave before the read (JSON:
-- connectors.Version); digest is what the inventory made of the object
-- (JSON: reports/inventory digest), replayed when it is carried over;
-- read_scan and read_at say which scan last read it, and when that scan
-- started (for -full-every). kept_scan is the scan whose findings and
-- problems rows (by root) are its kept evidence: the scan itself when it
-- read the object, the earlier one when it carried it over, so that an
-- unchanged object's evidence is referenced, never copied; prune moves
-- evidence a kept scan still references before it deletes a scan. reason says why an incremental scan read it,
-- or why it failed or was skipped.
CREATE TABLE objects (
	scan_id   INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	root      TEXT NOT NULL,
	name      TEXT NOT NULL,
	store     TEXT NOT NULL,
	status    TEXT NOT NULL,
	reason    TEXT NOT NULL DEFAULT '',
	version   TEXT,
	object    TEXT NOT NULL, -- JSON: the object's own facts (encoding, size, time, ETag)
	stats     TEXT NOT NULL, -- JSON: connectors.ObjectStats
	read_scan INTEGER NOT NULL,
	read_at   TIMESTAMP NOT NULL,
	kept_scan INTEGER NOT NULL, -- the scan whose findings and problems rows hold its kept evidence
	-- The sequence numbers of its kept findings and problems in kept_scan
	-- (a top-level object's rows come together in the walk); NULL for an
	-- archive member, whose rows are its archive's.
	findings_from INTEGER,
	findings_to   INTEGER,
	problems_from INTEGER,
	problems_to   INTEGER,
	findings  INTEGER NOT NULL DEFAULT 0,
	by_type   TEXT,
	skipped   INTEGER NOT NULL DEFAULT 0,
	failed    INTEGER NOT NULL DEFAULT 0,
	digest    BLOB,
	PRIMARY KEY (scan_id, ord)
);
CREATE INDEX objects_root ON objects (scan_id, root, ord);

-- reading is what a scan's readings depend on besides the data (pmscan's
-- build, the detectors run, the policy, the flags that change what is
-- read); a scan carries objects over only from scans with the same.
ALTER TABLE scans ADD COLUMN reading TEXT NOT NULL DEFAULT '';

-- owner is the host and process ID of the pmscan that runs a scan, so that
-- a scan whose process is gone is not taken for a running one.
ALTER TABLE scans ADD COLUMN owner TEXT NOT NULL DEFAULT '';


-- checkpoints: where a scan stood inside a table it was reading in key
-- order, for a scan that resumes to read the table on from there instead
-- of from its first row. One row per scan and table, replaced at each
-- checkpoint in the transaction that stores the findings and problems
-- before it, and deleted once the table's row in objects is written.
-- after is the key of the last row read (JSON: the connector's opaque
-- key values); rows and stats (JSON: connectors.ObjectStats) what was
-- read up to it; findings_seq and problems_seq the scan's last sequence
-- numbers then, so that a resuming scan copies the table's kept findings
-- and problems up to them, from findings_from and problems_from (where
-- the table's own began); findings, by_type, skipped, failed and digest
-- the table's counts and inventory digest so far; version the facts the
-- table had when the scan began reading it: a scan resumes only a table
-- whose facts are still those.
CREATE TABLE checkpoints (
	scan_id      INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	root         TEXT NOT NULL,
	version      TEXT NOT NULL,
	object       TEXT NOT NULL,
	after        TEXT NOT NULL,
	rows         INTEGER NOT NULL,
	stats        TEXT NOT NULL,
	findings_from INTEGER NOT NULL,
	findings_seq INTEGER NOT NULL,
	problems_from INTEGER NOT NULL,
	problems_seq INTEGER NOT NULL,
	findings     INTEGER NOT NULL DEFAULT 0,
	by_type      TEXT,
	skipped      INTEGER NOT NULL DEFAULT 0,
	failed       INTEGER NOT NULL DEFAULT 0,
	digest       BLOB NOT NULL,
	PRIMARY KEY (scan_id, root)
);
