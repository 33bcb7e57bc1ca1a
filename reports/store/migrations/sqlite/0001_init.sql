-- 0001: the first schema of the pmscan state store (SQLite).
-- Times are TIMESTAMP text, "2006-01-02 15:04:05.999999-07:00" in UTC;
-- booleans are 0/1; JSON is TEXT. Keep in step with ../postgres/0001_init.sql.

-- meta holds the installation's settings, e.g. value_key (hex).
CREATE TABLE meta (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- scans has one row per scan. finished is NULL until the scan's end is
-- recorded: a scan that was killed, or whose store writes failed, stays so.
-- The counters and inventory are set with finished.
CREATE TABLE scans (
	id          INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused
	started     TIMESTAMP NOT NULL,
	finished    TIMESTAMP,
	interrupted INTEGER NOT NULL DEFAULT 0,
	policy      TEXT NOT NULL DEFAULT '',
	show_data   INTEGER NOT NULL DEFAULT 0,
	command     TEXT NOT NULL DEFAULT '',
	objects     INTEGER,
	bytes       INTEGER,
	records     INTEGER,
	rows_read   INTEGER,
	findings    INTEGER,
	skipped     INTEGER,
	failed      INTEGER,
	by_type     TEXT, -- JSON object: findings per detector type
	inventory   TEXT  -- JSON: inventory.Inventory
);

-- scan_targets says how the walk of each target ended. status is one of
-- started (the scan has not recorded its end), ok, failed, interrupted,
-- not_scanned.
CREATE TABLE scan_targets (
	scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	name    TEXT NOT NULL,
	status  TEXT NOT NULL,
	error   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (scan_id, ord)
);

-- findings are a scan's findings in the order the sink got them. value is
-- NULL unless the scan ran with --show-data; value_hash is the keyed hash
-- of the value (scanner.Finding.ValueHash as a signed 64-bit integer),
-- NULL when the scan had no value key.
CREATE TABLE findings (
	scan_id    INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	type       TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT '',
	confidence TEXT NOT NULL,
	reasons    TEXT NOT NULL, -- JSON array
	location   TEXT NOT NULL, -- JSON: connectors.Location
	masked     TEXT NOT NULL,
	value      TEXT,
	value_hash INTEGER,
	PRIMARY KEY (scan_id, seq)
);

-- problems are the items skipped or not readable, all of them.
CREATE TABLE problems (
	scan_id  INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	seq      INTEGER NOT NULL,
	location TEXT NOT NULL, -- JSON: connectors.Location
	skipped  INTEGER NOT NULL,
	error    TEXT NOT NULL,
	PRIMARY KEY (scan_id, seq)
);

-- holdings are the inventory's holdings, one row each (inventory.Holding
-- without its examples, which only the JSON keeps).
CREATE TABLE holdings (
	scan_id         INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	ord             INTEGER NOT NULL,
	store           TEXT NOT NULL,
	place           TEXT NOT NULL,
	column_name     TEXT NOT NULL DEFAULT '',
	item_id         TEXT NOT NULL DEFAULT '',
	item            TEXT NOT NULL,
	class           TEXT NOT NULL DEFAULT '',
	types           TEXT NOT NULL, -- JSON array
	findings        INTEGER NOT NULL,
	distinct_values INTEGER NOT NULL,
	high            INTEGER NOT NULL,
	medium          INTEGER NOT NULL,
	low             INTEGER NOT NULL,
	oldest          TIMESTAMP,
	newest          TIMESTAMP,
	sampled         INTEGER NOT NULL,
	declared        INTEGER NOT NULL,
	PRIMARY KEY (scan_id, ord)
);
CREATE INDEX holdings_item ON holdings (scan_id, item_id);

-- flags are the inventory's conformance flags, most severe first.
CREATE TABLE flags (
	scan_id     INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	severity    TEXT NOT NULL,
	rule        TEXT NOT NULL,
	item_id     TEXT NOT NULL DEFAULT '',
	item        TEXT NOT NULL,
	class       TEXT NOT NULL DEFAULT '',
	store       TEXT NOT NULL DEFAULT '',
	place       TEXT NOT NULL DEFAULT '',
	column_name TEXT NOT NULL DEFAULT '',
	findings    INTEGER NOT NULL,
	message     TEXT NOT NULL,
	PRIMARY KEY (scan_id, ord)
);
