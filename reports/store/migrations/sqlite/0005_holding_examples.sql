-- 0005: holdings.examples, so that a scan's holdings are read from the
-- holdings table whole and its inventory's JSON does not repeat them
-- (SQLite). Keep in step with ../postgres/0005_holding_examples.sql.
--
-- An inventory stored from now on has "holdings": null in scans.inventory
-- and its holdings in this table, in order (ord), with their examples as a
-- JSON array. Scans stored before this migration keep their holdings in
-- the JSON, and NULL here.
ALTER TABLE holdings ADD COLUMN examples TEXT;
