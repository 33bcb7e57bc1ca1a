-- 0002: scans.heartbeat, when a running scan last said it was alive
-- (PostgreSQL). Keep in step with ../sqlite/0002_heartbeat.sql, which
-- explains it.
ALTER TABLE scans ADD COLUMN heartbeat timestamptz;
