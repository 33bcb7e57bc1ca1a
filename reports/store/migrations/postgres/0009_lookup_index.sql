-- 0009: the lookup index (PostgreSQL). Keep in step with
-- ../sqlite/0009_lookup_index.sql, which explains the tables.
CREATE TABLE lookup_objects (
	id      bigint PRIMARY KEY,
	scan_id bigint NOT NULL,
	root    text NOT NULL,
	object  text NOT NULL
);
CREATE INDEX lookup_objects_root ON lookup_objects (scan_id, root);
CREATE TABLE lookup_entries (
	object_id   bigint NOT NULL,
	record      text NOT NULL,
	hash        bigint NOT NULL,
	surname     bigint,
	type        smallint NOT NULL,
	column_name text NOT NULL DEFAULT '',
	PRIMARY KEY (object_id, record, hash)
);
CREATE INDEX lookup_entries_hash ON lookup_entries (hash);
ALTER TABLE scans ADD COLUMN lookup_key text NOT NULL DEFAULT '';
