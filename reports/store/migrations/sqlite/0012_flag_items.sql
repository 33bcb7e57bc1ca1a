-- 0012: the items of a place-wide flag (SQLite). Keep in step with
-- ../postgres/0012_flag_items.sql.
--
-- public_access is raised once a place; items lists every item held
-- there (a JSON list), NULL for the other rules. A migration of its own:
-- 0011 had been applied without it. (Builds from 49c96a3 to 07ff312 added
-- it in 0011; a SQLite store one of them made fails here with "duplicate
-- column name": it was made in that hour only, by those builds.)
ALTER TABLE flags ADD COLUMN items TEXT;
