-- 0010: distributed scans (PostgreSQL). Keep in step with
-- ../sqlite/0010_distributed.sql, which explains the columns.
ALTER TABLE scans ADD COLUMN parent_id bigint;
ALTER TABLE scans ADD COLUMN args json;
CREATE INDEX scans_parent ON scans (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE scan_units (
	scan_id    bigint NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	unit       integer NOT NULL,
	target     integer NOT NULL,
	objects    json NOT NULL,
	after      text NOT NULL DEFAULT '',
	bytes      bigint NOT NULL DEFAULT 0,
	state      text NOT NULL,
	attempts   integer NOT NULL DEFAULT 0,
	child_scan bigint,
	error      text NOT NULL DEFAULT '',
	job_id     bigint,
	PRIMARY KEY (scan_id, unit)
);
