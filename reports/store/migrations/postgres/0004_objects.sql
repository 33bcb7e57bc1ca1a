-- 0004: objects, what every scan saw of every object, for incremental
-- scans, resume and diff (PostgreSQL). Keep in step with
-- ../sqlite/0004_objects.sql, which explains the columns.
CREATE TABLE objects (
	scan_id   bigint NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	ord       bigint NOT NULL,
	root      text NOT NULL,
	name      text NOT NULL,
	store     text NOT NULL,
	status    text NOT NULL,
	reason    text NOT NULL DEFAULT '',
	version   json,
	object    json NOT NULL,
	stats     json NOT NULL,
	read_scan bigint NOT NULL,
	read_at   timestamptz NOT NULL,
	kept_scan bigint NOT NULL,
	findings_from bigint,
	findings_to   bigint,
	problems_from bigint,
	problems_to   bigint,
	findings  bigint NOT NULL DEFAULT 0,
	by_type   jsonb,
	skipped   bigint NOT NULL DEFAULT 0,
	failed    bigint NOT NULL DEFAULT 0,
	digest    bytea,
	PRIMARY KEY (scan_id, ord)
);
CREATE INDEX objects_root ON objects (scan_id, root, ord);

ALTER TABLE scans ADD COLUMN reading text NOT NULL DEFAULT '';
ALTER TABLE scans ADD COLUMN owner text NOT NULL DEFAULT '';


CREATE TABLE checkpoints (
	scan_id      bigint NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	root         text NOT NULL,
	version      json NOT NULL,
	object       json NOT NULL,
	after        json NOT NULL,
	rows         bigint NOT NULL,
	stats        json NOT NULL,
	findings_from bigint NOT NULL,
	findings_seq bigint NOT NULL,
	problems_from bigint NOT NULL,
	problems_seq bigint NOT NULL,
	findings     bigint NOT NULL DEFAULT 0,
	by_type      jsonb,
	skipped      bigint NOT NULL DEFAULT 0,
	failed       bigint NOT NULL DEFAULT 0,
	digest       bytea NOT NULL,
	PRIMARY KEY (scan_id, root)
);
