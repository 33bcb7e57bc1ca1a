-- 0008: the audit trail of disclosure lookups (SQLite). Keep in step with
-- ../postgres/0008_lookups.sql.
--
-- One row per pmscan lookup: when, which kinds of identifier were given,
-- and their keyed hashes (never the values: the key lives outside the
-- store, so a copy of the store cannot be searched for a person), the
-- stores searched and what was found. A privacy office shows from it how
-- each request was handled.
CREATE TABLE lookups (
	id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused
	started         TIMESTAMP NOT NULL,
	finished        TIMESTAMP NOT NULL,
	status          TEXT NOT NULL, -- complete, interrupted, incomplete (something not searched), failed
	kinds           TEXT NOT NULL, -- JSON array of the kinds of identifier given
	query_hashes    TEXT NOT NULL, -- JSON array: "kind:hex" keyed hashes of the folded identifiers
	targets         TEXT NOT NULL, -- JSON array: the stores searched, credentials redacted
	matches         INTEGER NOT NULL,
	possible        INTEGER NOT NULL,
	near_misses     INTEGER NOT NULL,
	not_searched    INTEGER NOT NULL
);
