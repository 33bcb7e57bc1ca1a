-- 0012: the items of a place-wide flag (PostgreSQL). Keep in step with
-- ../sqlite/0012_flag_items.sql, which explains the column. IF NOT
-- EXISTS: builds from 49c96a3 to 07ff312 added it in 0011.
ALTER TABLE flags ADD COLUMN IF NOT EXISTS items json;
