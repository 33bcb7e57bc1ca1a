-- 0007: carried objects by reference (PostgreSQL). Keep in step with
-- ../sqlite/0007_carried_runs.sql.
--
-- A nightly scan of an unchanged tree carries every object over, and
-- writing each one's row again cost such a scan a sixth of its time and
-- the store its objects' rows once per scan. A run stands for rows of a
-- scan that are carried over as another scan's rows have them: scan_id's
-- rows numbered ord to ord + n - 1 are src_scan's rows numbered src_ord
-- to src_ord + n - 1, carried (a read row is carried, its reason is not
-- the carrying scan's), with no digest of their own, and referencing the
-- holdings of holdings_scan (NULL: none). The view scan_objects is every
-- scan's rows, its own and those its runs stand for: what the objects
-- table was before, and what every reader reads. A scan writes a row of
-- its own where a run cannot say it; prune writes the rows a run stands
-- for before it deletes the scan that holds them.
CREATE TABLE carried_runs (
	scan_id       bigint NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
	ord           bigint NOT NULL,
	n             bigint NOT NULL,
	src_scan      bigint NOT NULL,
	src_ord       bigint NOT NULL,
	holdings_scan bigint,
	PRIMARY KEY (scan_id, ord)
);
CREATE INDEX carried_runs_src ON carried_runs (src_scan);

-- run_objects is the rows runs stand for, with the run they are in.
CREATE VIEW run_objects AS
SELECT r.scan_id, r.ord + (o.ord - r.src_ord) AS ord, o.root, o.name, o.store,
	CASE o.status WHEN 'read' THEN 'carried' ELSE o.status END AS status,
	CASE o.status WHEN 'skipped' THEN o.reason ELSE '' END AS reason,
	o.version, o.object, o.stats, o.read_scan, o.read_at, o.kept_scan,
	o.findings_from, o.findings_to, o.problems_from, o.problems_to, o.findings, o.by_type, o.skipped, o.failed,
	NULL::bytea AS digest, r.holdings_scan, r.ord AS run_ord
FROM carried_runs r JOIN objects o ON o.scan_id = r.src_scan AND o.ord BETWEEN r.src_ord AND r.src_ord + r.n - 1;

CREATE VIEW scan_objects AS
SELECT scan_id, ord, root, name, store, status, reason, version, object, stats, read_scan, read_at, kept_scan,
	findings_from, findings_to, problems_from, problems_to, findings, by_type, skipped, failed, digest, holdings_scan
FROM objects
UNION ALL
SELECT scan_id, ord, root, name, store, status, reason, version, object, stats, read_scan, read_at, kept_scan,
	findings_from, findings_to, problems_from, problems_to, findings, by_type, skipped, failed, digest, holdings_scan
FROM run_objects;

-- The holdings a scan references are those its rows reference, run or not.
DROP VIEW scan_holdings;
CREATE VIEW scan_holdings AS
SELECT h.* FROM holdings h
UNION ALL
SELECT o.scan_id, h.ord, h.store, h.place, h.column_name, h.item_id, h.item, h.class, h.types,
	h.findings, h.distinct_values, h.high, h.medium, h.low, h.oldest, h.newest, h.sampled, h.declared, h.examples
FROM (SELECT DISTINCT scan_id, name, holdings_scan FROM scan_objects WHERE holdings_scan > 0) o
JOIN holdings h ON h.scan_id = o.holdings_scan AND h.place = o.name
WHERE NOT EXISTS (SELECT 1 FROM holdings x WHERE x.scan_id = o.scan_id AND x.place = o.name);
