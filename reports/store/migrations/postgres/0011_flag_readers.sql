-- 0011: who the access flags concern (PostgreSQL). Keep in step with
-- ../sqlite/0011_flag_readers.sql, which explains the column.
ALTER TABLE flags ADD COLUMN readers json;
