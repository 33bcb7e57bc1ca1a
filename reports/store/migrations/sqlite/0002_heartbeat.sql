-- 0002: scans.heartbeat, when a running scan last said it was alive
-- (SQLite). Keep in step with ../postgres/0002_heartbeat.sql.
--
-- BeginScan sets it and the scan's sink refreshes it every few seconds
-- until the scan records its end, so that an unfinished scan whose
-- heartbeat has stopped can be told from one still running: see
-- Scan.Status and AbandonedAfter. Scans stored before this migration keep
-- NULL.
ALTER TABLE scans ADD COLUMN heartbeat TIMESTAMP;
