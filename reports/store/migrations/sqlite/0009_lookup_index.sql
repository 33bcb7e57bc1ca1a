-- 0009: the lookup index (SQLite). Keep in step with
-- ../postgres/0009_lookup_index.sql.
--
-- A disclosure lookup without targets answers from here: every finding
-- of an identifier a requester can give (a name, its kana, an e-mail
-- address, a phone number, a birth date, an address, a member ID, a My
-- Number), the findings -keep-findings leaves out too, is kept as the
-- keyed hash of its folded value with the record it was found in (a row's
-- key, a line, a JSON document's array element, a spreadsheet row), so
-- that a lookup finds the records that hold the query's identifiers and
-- judges each from its other hashes, without the values. The key is the
-- lookup key, which lives outside the store: a copy of the store cannot
-- be tried against phone numbers or My Numbers.
--
-- lookup_objects has one row per top-level object a scan read (root, as
-- objects.root), and its entries follow its evidence: a scan that carries
-- the object over references the reading scan's rows (objects.kept_scan),
-- prune moves the row to the scan it moves the evidence to, and a scan
-- that resumes a table takes over the row of the scan it resumes. id is
-- the scan's ID times 2^32 plus a number the scan gives: a scan names its
-- rows without asking the store. object is the root's location (JSON:
-- connectors.LocationJSON without a position).
CREATE TABLE lookup_objects (
	id      INTEGER PRIMARY KEY,
	scan_id INTEGER NOT NULL,
	root    TEXT NOT NULL,
	object  TEXT NOT NULL
);
CREATE INDEX lookup_objects_root ON lookup_objects (scan_id, root);

-- lookup_records: one per record that holds such identifiers. id is, as
-- lookup_objects', the scan's ID times 2^32 plus the scan's number for it.
-- record is the record's position in the object (JSON, with the archive
-- member's path where the object is an archive); entries its identifiers,
-- packed (reports/store/lookuprecord.go): for each, the detector type, the
-- keyed hash of the folded value (which carries its kind), the hash of a
-- name's surname where the name shows one (for telling a family member
-- apart), and the column or key it was in. A record's entries are judged
-- together, so they are kept together.
CREATE TABLE lookup_records (
	id        INTEGER PRIMARY KEY,
	object_id INTEGER NOT NULL,
	record    TEXT NOT NULL,
	entries   BLOB NOT NULL
);
CREATE INDEX lookup_records_object ON lookup_records (object_id);

-- lookup_hashes finds the records by their hashes: a full-text index
-- (FTS5) whose documents are the records' hashes, each a word in base 36,
-- with the record's id as rowid, keeping neither the text (contentless)
-- nor positions (detail=none): the term dictionary and each term's
-- records. FTS5 writes it as segments merged in the background, where a
-- B-tree of (hash, record) took each batch's hashes at random pages and
-- the write-ahead log a copy of each page per batch: a scan of a
-- million-row table took eight times as long.
CREATE VIRTUAL TABLE lookup_hashes USING fts5(hashes, content='', contentless_delete=1, detail=none, tokenize='ascii');
-- Segments are merged sixteen at a time, not four: each hash is rewritten
-- fewer times (a quarter less time for a scan's hashes, 15% more bytes).
INSERT INTO lookup_hashes (lookup_hashes, rank) VALUES ('automerge', 16);

-- lookup_key names the key a scan's hashes were made with (a keyed hash
-- of a fixed text, never the key); '' for a scan that made none.
ALTER TABLE scans ADD COLUMN lookup_key TEXT NOT NULL DEFAULT '';
