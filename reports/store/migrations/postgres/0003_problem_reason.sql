-- 0003: problems.reason, the reason code a problem was given when it
-- happened (PostgreSQL). Keep in step with ../sqlite/0003_problem_reason.sql,
-- which explains it.
ALTER TABLE problems ADD COLUMN reason text NOT NULL DEFAULT '';
