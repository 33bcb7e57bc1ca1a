-- 0006: holdings kept once (SQLite). Keep in step with
-- ../postgres/0006_holdings_by_reference.sql.
--
-- An incremental scan carries most objects over unchanged, and their
-- holdings with them; it no longer copies their holdings rows. The rows
-- of a carried object name the scan whose holdings rows hold its place's
-- holdings (holdings_scan), and the scan stores holdings rows only for
-- the places it read. holdings_scan is NULL where the scan's own rows
-- hold them (every object of a scan stored before this migration), and 0
-- where they are the scan's own but may not be referenced: the place was
-- reached through two objects (overlapping targets), so its holdings are
-- those of both. scans.holdings_table says the scan's holdings are in
-- the holdings table, examples and all (0005): only such a scan's rows
-- are referenced. The view scan_holdings is every scan's holdings, its
-- own rows and those it references: what the holdings table was before.
ALTER TABLE objects ADD COLUMN holdings_scan INTEGER;
ALTER TABLE scans ADD COLUMN holdings_table INTEGER NOT NULL DEFAULT 0;
CREATE INDEX holdings_place ON holdings (scan_id, place);
CREATE VIEW scan_holdings AS
SELECT h.* FROM holdings h
UNION ALL
SELECT o.scan_id, h.ord, h.store, h.place, h.column_name, h.item_id, h.item, h.class, h.types,
	h.findings, h.distinct_values, h.high, h.medium, h.low, h.oldest, h.newest, h.sampled, h.declared, h.examples
FROM (SELECT DISTINCT scan_id, name, holdings_scan FROM objects WHERE holdings_scan > 0) o
JOIN holdings h ON h.scan_id = o.holdings_scan AND h.place = o.name
WHERE NOT EXISTS (SELECT 1 FROM holdings x WHERE x.scan_id = o.scan_id AND x.place = o.name);
