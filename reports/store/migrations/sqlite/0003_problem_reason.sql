-- 0003: problems.reason, the reason code a problem was given when it
-- happened (SQLite). Keep in step with ../postgres/0003_problem_reason.sql.
--
-- The error's words are stored, its type is not: a reason read back from
-- the words alone can be wrong (a compression-ratio limit has no limit
-- word in it). Problems stored before this migration keep '' and are
-- classified by their words, as before.
ALTER TABLE problems ADD COLUMN reason TEXT NOT NULL DEFAULT '';
