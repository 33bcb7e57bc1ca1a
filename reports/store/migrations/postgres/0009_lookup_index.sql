-- 0009: the lookup index (PostgreSQL). Keep in step with
-- ../sqlite/0009_lookup_index.sql, which explains the tables. Here a
-- record's hashes are an array column with a GIN index, which keeps each
-- hash once with its records, instead of SQLite's lookup_hashes table.
CREATE TABLE lookup_objects (
	id      bigint PRIMARY KEY,
	scan_id bigint NOT NULL,
	root    text NOT NULL,
	object  text NOT NULL
);
CREATE INDEX lookup_objects_root ON lookup_objects (scan_id, root);
CREATE TABLE lookup_records (
	id        bigint PRIMARY KEY,
	object_id bigint NOT NULL,
	record    text NOT NULL,
	entries   bytea NOT NULL,
	hashes    bigint[] NOT NULL
);
CREATE INDEX lookup_records_object ON lookup_records (object_id);
CREATE INDEX lookup_records_hashes ON lookup_records USING gin (hashes);
ALTER TABLE scans ADD COLUMN lookup_key text NOT NULL DEFAULT '';
